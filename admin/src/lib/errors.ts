import { CombinedGraphQLErrors } from '@apollo/client';

/** What the API said went wrong: a message for the form and, per field, the message to show beside it. */
export interface ApiErrorInfo {
  message: string;
  code?: string;
  fields: Record<string, string>;
}

/**
 * Reads `extensions.code` and `extensions.field` from a GraphQL error. A field like `lines.id` or
 * `input.amount` is also recorded under its last segment so a form can look up `amount`.
 */
export function apiError(error: unknown): ApiErrorInfo {
  if (CombinedGraphQLErrors.is(error)) {
    const fields: Record<string, string> = {};
    let code: string | undefined;
    for (const e of error.errors) {
      const ext = e.extensions ?? {};
      code ??= typeof ext.code === 'string' ? ext.code : undefined;
      const field = typeof ext.field === 'string' && ext.field ? ext.field : undefined;
      if (field) {
        fields[field] ??= e.message;
        const last = field.split('.').pop()!;
        fields[last] ??= e.message;
      }
    }
    return { message: error.errors.map((e) => e.message).join('; '), code, fields };
  }
  if (error instanceof Error) return { message: error.message, fields: {} };
  return { message: 'Something went wrong', fields: {} };
}

export function isUnauthenticated(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}
