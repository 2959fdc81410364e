// QBO error bodies, and the fault-injection queue the control API fills.
// Two envelopes exist in real QBO: the v3 service's `Fault` (capitalised) for business and
// validation errors, and the API gateway's lower-case `fault` for authentication failures.
import type { Json } from './types.js';

export class QboError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public detail: string,
    public faultType = 'ValidationFault',
    public element = '',
  ) {
    super(message);
  }
}

export const errors = {
  notFound: () =>
    new QboError(
      400,
      '610',
      'Object Not Found',
      "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
    ),
  required: (param: string) =>
    new QboError(
      400,
      '2020',
      'Required param missing, need to supply the required value for the API',
      `Required parameter ${param} is missing in the request`,
      'ValidationFault',
      param,
    ),
  invalidEnum: (value: string, element: string) =>
    new QboError(400, '2170', 'Invalid Enumeration', `Invalid Enumeration : ${value}`, 'ValidationFault', element),
  invalidRef: (what: string) => new QboError(400, '2500', 'Invalid Reference Id', `Invalid Reference Id : ${what}`),
  stale: () =>
    new QboError(
      400,
      '5010',
      'Stale Object Error',
      'Stale Object Error : You and Emulator User were working on this at the same time. Emulator User finished before you did, so your work was not saved.',
    ),
  business: (detail: string) =>
    new QboError(
      400,
      '6000',
      'A business validation error has occurred while processing your request',
      `Business Validation Error: ${detail}`,
    ),
  duplicateDocNum: (doc: string) =>
    new QboError(
      400,
      '6140',
      'Duplicate Document Number Error',
      `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${doc} is assigned to TxnType=Invoice`,
    ),
  duplicateName: (what: string) =>
    new QboError(
      400,
      '6240',
      'Duplicate Name Exists Error',
      `The name supplied already exists: Another ${what} is already using this name. Please use a different name.`,
    ),
  depositedTxn: () =>
    new QboError(
      400,
      '6540',
      'Deposited Transaction cannot be changed',
      'This transaction has been deposited. If you want to change or delete it, you must edit the deposit it appears on and remove it first.',
    ),
  amountMismatch: (amount: number) =>
    new QboError(
      400,
      '6070',
      'Amount is not equal to UnitPrice * Qty',
      `Amount is not equal to UnitPrice * Qty. Supplied value:${amount}`,
      'ValidationFault',
      'Line.Amount',
    ),
  unsupported: (op: string) => new QboError(400, '500', 'Unsupported Operation', `Operation ${op} is not supported.`),
  queryParse: (detail: string) => new QboError(400, '4000', 'Error parsing query', `QueryParserError: ${detail}`),
  queryValidation: (detail: string) => new QboError(400, '4001', 'Invalid query', `QueryValidationError: ${detail}`),
  badRequest: (detail: string) =>
    new QboError(400, '2010', 'Request has invalid or unsupported property', `Property Name:${detail}`),
};

export function faultBody(err: QboError, time: string): Json {
  return {
    Fault: {
      Error: [{ Message: err.message, Detail: err.detail, code: err.code, element: err.element }],
      type: err.faultType,
    },
    time,
  };
}

/** Gateway envelope (seen on real 401/403 responses), not the v3 `Fault`. */
export function gatewayFault(status: 401 | 403, detail: string, epochMs: number): Json {
  const [name, code, type] =
    status === 401 ? ['AuthenticationFailed', '3200', 'AUTHENTICATION'] : ['AuthorizationFailed', '3100', 'SERVICE'];
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [{ message: `message=${name}; errorCode=00${code}; statusCode=${status}`, detail, code, element: null }],
      type,
    },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: epochMs,
    status: null,
    cdcresponse: [],
  };
}

export function throttleFault(time: string): Json {
  return {
    Fault: {
      Error: [
        {
          Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
          Detail: 'The request limit was reached.',
          code: '3001',
          element: '',
        },
      ],
      type: 'SERVICE',
    },
    time,
  };
}

export function systemFault(status: number, time: string): Json {
  const detail =
    status === 503
      ? 'Service Unavailable: the service is temporarily unable to handle the request'
      : 'System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again.';
  return {
    Fault: {
      Error: [
        {
          Message: 'An application error has occurred while processing your request',
          Detail: detail,
          code: status === 503 ? '10001' : '10000',
          element: '',
        },
      ],
      type: 'SystemFault',
    },
    time,
  };
}

// ---- injected faults for /v3 (control API) ----

export type InjectedKind = 429 | 500 | 502 | 503 | 'timeout';

export interface InjectedFault {
  id: number;
  kind: InjectedKind;
  remaining: number;
  method?: string;
  pathPattern?: string;
  /** For 'timeout': how long to hang before dropping the socket (default 60 s). */
  hangMs?: number;
}

export class FaultInjector {
  private seq = 0;
  faults: InjectedFault[] = [];

  add(input: {
    kind?: unknown;
    status?: unknown;
    count?: unknown;
    method?: unknown;
    pathPattern?: unknown;
    hangMs?: unknown;
  }): InjectedFault {
    const raw = input.kind ?? input.status;
    const kind = (raw === 'timeout' || raw === 'hang' ? 'timeout' : Number(raw)) as InjectedKind;
    if (![429, 500, 502, 503, 'timeout'].includes(kind))
      throw new Error('kind must be 429, 500, 502, 503 or "timeout"');
    if (typeof input.pathPattern === 'string') new RegExp(input.pathPattern); // validate early
    const f: InjectedFault = {
      id: ++this.seq,
      kind,
      remaining: Math.max(1, Number(input.count ?? 1)),
      method: typeof input.method === 'string' ? input.method.toUpperCase() : undefined,
      pathPattern: typeof input.pathPattern === 'string' ? input.pathPattern : undefined,
      hangMs: input.hangMs === undefined ? undefined : Number(input.hangMs),
    };
    this.faults.push(f);
    return f;
  }

  /** Consume the first matching fault for this request, if any. */
  take(method: string, path: string): InjectedFault | undefined {
    const f = this.faults.find(
      (x) => (!x.method || x.method === method) && (!x.pathPattern || new RegExp(x.pathPattern).test(path)),
    );
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) this.faults = this.faults.filter((x) => x !== f);
    return { ...f };
  }

  clear(): void {
    this.faults = [];
  }
}
