import { CombinedGraphQLErrors } from '@apollo/client';

/** What the API said went wrong, in the shapes the screens show it. */
export interface ApiError {
  /** The first error's code (UNAUTHENTICATED, NOT_FOUND, BAD_USER_INPUT, …), ERROR without one, NETWORK without a GraphQL reply. */
  code: string;
  /** Every message, joined: for a notification or an alert that stands for the whole action. */
  message: string;
  /** For the top of a form whose inputs show their own errors: the first message that names no field. */
  formMessage: string | null;
  /** Messages by `extensions.field`; a field like `input.amount` is also under its last segment, `amount`. */
  fields: Record<string, string>;
}

/** What a form shows when something failed: one message, and messages by field. Screens build it from an ApiError or from their own checks. */
export type FormFailure = Pick<ApiError, 'message' | 'fields'>;

const UNREACHABLE = 'We could not reach the server. Check your connection and try again.';

export function apiError(error: unknown): ApiError {
  if (CombinedGraphQLErrors.is(error)) {
    const fields: Record<string, string> = {};
    let formMessage: string | null = null;
    for (const e of error.errors) {
      const field = typeof e.extensions?.field === 'string' && e.extensions.field ? e.extensions.field : null;
      if (field && !fields[field]) {
        fields[field] = e.message;
        fields[field.split('.').pop()!] ??= e.message;
      } else {
        formMessage ??= e.message;
      }
    }
    const code = String(error.errors[0]?.extensions?.code ?? 'ERROR');
    return { code, message: error.errors.map((e) => e.message).join('; '), formMessage, fields };
  }
  // No GraphQL reply: the request did not get through ("Failed to fetch", "Load failed") or the server
  // answered with an HTTP error (Apollo's ServerError carries its status). People read what to do, not
  // the browser's words.
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  const message =
    typeof status === 'number'
      ? `The server could not answer (HTTP ${status}). Try again in a moment.`
      : error instanceof Error
        ? UNREACHABLE
        : 'Something went wrong';
  return { code: 'NETWORK', message, formMessage: message, fields: {} };
}

/** apiError for a value that may be no error at all (a mutation's `error` before anything failed). */
export function apiErrorOrNull(error: unknown): ApiError | null {
  return error ? apiError(error) : null;
}

function hasCode(error: unknown, codes: string[]): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => codes.includes(String(e.extensions?.code)));
}

export function isUnauthenticated(error: unknown): boolean {
  return hasCode(error, ['UNAUTHENTICATED']);
}

/**
 * Not found, or not this viewer's to see: both read as "not found" to the viewer. So does an id in the
 * address that is no id at all (a link cut short, a typo): the API refuses it as input ("id is not a
 * valid id"), but what the viewer followed leads nowhere, and trying again cannot help.
 */
export function isNotFound(error: unknown): boolean {
  return (
    hasCode(error, ['NOT_FOUND', 'FORBIDDEN']) ||
    (CombinedGraphQLErrors.is(error) &&
      error.errors.some((e) => e.extensions?.code === 'BAD_USER_INPUT' && / is not a valid id$/.test(e.message)))
  );
}

/**
 * A failure in the words of the form the user sees: a field message that speaks of the API's field name
 * (a validator's "billingEmail: billingEmail must be an email address", "minutes must be at least 1") is
 * said of the field's label instead ("Billing email must be an email address."). Messages that do not
 * start with the field's name are already sentences and stay as they are. `labels`: API field → label.
 */
export function inFieldWords<F extends FormFailure>(failure: F, labels: Readonly<Record<string, string>>): F {
  const fields: Record<string, string> = {};
  const rewritten = new Map<string, string>();
  for (const [field, raw] of Object.entries(failure.fields)) {
    const name = field.split('.').pop()!;
    const label = labels[field] ?? labels[name];
    const sentence = label ? sayOf(raw, name, label) : raw;
    fields[field] = sentence;
    if (sentence !== raw) rewritten.set(raw, sentence);
  }
  const message = failure.message
    .split('; ')
    .map((part) => rewritten.get(part) ?? part)
    .join('; ');
  return { ...failure, message, fields };
}

function sayOf(raw: string, name: string, label: string): string {
  let text = raw.trim();
  const prefix = `${name}: `;
  if (text.toLowerCase().startsWith(prefix.toLowerCase())) text = text.slice(prefix.length);
  if (!text.toLowerCase().startsWith(`${name.toLowerCase()} `)) return raw;
  text = `${label}${text.slice(name.length)}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
