/**
 * Stripe's error envelope. The SDK picks its error class from the HTTP status and `type`
 * (stripe-node's `generateV1Error`), so status and type must always agree with what api.stripe.com sends.
 */
export type StripeErrorType =
  | 'api_error'
  | 'card_error'
  | 'idempotency_error'
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'rate_limit_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  request_log_url?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  setup_intent?: unknown;
}

export class StripeApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly body: StripeErrorBody,
    public readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

const docUrl = (code?: string) => (code ? `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}` : undefined);

export function invalidRequest(message: string, param?: string, code?: string, status = 400): StripeApiError {
  return new StripeApiError(status, {
    type: 'invalid_request_error',
    message,
    ...(code ? { code, doc_url: docUrl(code) } : {}),
    ...(param ? { param } : {}),
  });
}

export function missingParam(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');
}

export function unknownParam(param: string): StripeApiError {
  return invalidRequest(`Received unknown parameter: ${param}`, param, 'parameter_unknown');
}

/** 404 is for the object in the URL path; an object named in a parameter that does not exist is a 400. */
export function resourceMissing(objectName: string, id: string, param = 'id', status: 400 | 404 = 404): StripeApiError {
  return invalidRequest(`No such ${objectName}: '${id}'`, param, 'resource_missing', status);
}

export function authError(message: string): StripeApiError {
  return new StripeApiError(401, { type: 'authentication_error', message });
}

export function cardDeclined(opts: {
  declineCode: string;
  message: string;
  charge?: string;
  paymentIntent?: unknown;
  paymentMethod?: unknown;
  code?: string;
}): StripeApiError {
  const code = opts.code ?? 'card_declined';
  return new StripeApiError(402, {
    type: 'card_error',
    code,
    decline_code: opts.declineCode,
    message: opts.message,
    doc_url: docUrl(code),
    ...(opts.charge ? { charge: opts.charge } : {}),
    ...(opts.paymentIntent ? { payment_intent: opts.paymentIntent } : {}),
    ...(opts.paymentMethod ? { payment_method: opts.paymentMethod } : {}),
  });
}
