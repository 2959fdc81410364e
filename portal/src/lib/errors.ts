import { CombinedGraphQLErrors } from '@apollo/client';

export interface ApiProblem {
  /** The first error's code (UNAUTHENTICATED, NOT_FOUND, BAD_USER_INPUT, …) or NETWORK. */
  code: string;
  /** A message for the whole form (errors that name no field). */
  message: string | null;
  /** Messages by the field the API named in `extensions.field`. */
  fields: Record<string, string>;
}

/** Splits an Apollo error into field errors (shown next to inputs) and a form-level message. */
export function apiProblem(error: unknown): ApiProblem | null {
  if (!error) return null;
  if (CombinedGraphQLErrors.is(error)) {
    const fields: Record<string, string> = {};
    let message: string | null = null;
    for (const e of error.errors) {
      const field = typeof e.extensions?.field === 'string' && e.extensions.field ? e.extensions.field : null;
      if (field && !fields[field]) fields[field] = e.message;
      else if (!message) message = e.message;
    }
    const code = String(error.errors[0]?.extensions?.code ?? 'ERROR');
    return { code, message, fields };
  }
  return { code: 'NETWORK', message: 'We could not reach the server. Check your connection and try again.', fields: {} };
}

export function isNotFound(error: unknown): boolean {
  const p = apiProblem(error);
  return p?.code === 'NOT_FOUND' || p?.code === 'FORBIDDEN';
}

export function isUnauthenticated(error: unknown): boolean {
  return apiProblem(error)?.code === 'UNAUTHENTICATED';
}
