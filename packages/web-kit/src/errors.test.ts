import { describe, expect, it } from 'vitest';
import { CombinedGraphQLErrors } from '@apollo/client';
import { apiError, apiErrorOrNull, inFieldWords, isNotFound, isUnauthenticated } from './errors';

function graphQLErrors(errors: Array<{ message: string; extensions?: Record<string, unknown> }>) {
  return new CombinedGraphQLErrors({ errors: errors.map((e) => ({ ...e, extensions: e.extensions ?? {} })) } as never);
}

describe('API error mapping', () => {
  it('splits field messages from the form message and keeps every message for a notification', () => {
    const e = apiError(
      graphQLErrors([
        { message: 'Too small', extensions: { code: 'BAD_USER_INPUT', field: 'input.amount' } },
        { message: 'Try later', extensions: { code: 'BAD_USER_INPUT' } },
      ]),
    );
    expect(e).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Too small; Try later',
      formMessage: 'Try later',
      fields: { 'input.amount': 'Too small', amount: 'Too small' },
    });
  });

  it('reads a failure without a GraphQL reply as the network', () => {
    // What the browser says ("Failed to fetch", Safari's "Load failed") is not shown: what to do is.
    for (const words of ['Failed to fetch', 'Load failed'])
      expect(apiError(new TypeError(words))).toMatchObject({
        code: 'NETWORK',
        message: 'We could not reach the server. Check your connection and try again.',
        formMessage: 'We could not reach the server. Check your connection and try again.',
      });
    const badGateway = Object.assign(new Error('Response not successful: Received status code 502'), {
      statusCode: 502,
    });
    expect(apiError(badGateway).message).toBe('The server could not answer (HTTP 502). Try again in a moment.');
    expect(apiError('??').message).toBe('Something went wrong');
    expect(apiErrorOrNull(undefined)).toBeNull();
  });

  it('recognises sign-in and not-found answers', () => {
    expect(isUnauthenticated(graphQLErrors([{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }]))).toBe(true);
    expect(isNotFound(graphQLErrors([{ message: 'no', extensions: { code: 'FORBIDDEN' } }]))).toBe(true);
    expect(isNotFound(new Error('x'))).toBe(false);
    // An address whose id is no id (a link cut short) leads nowhere, like a deleted invoice.
    const malformed = { message: 'id is not a valid id', extensions: { code: 'BAD_USER_INPUT', field: 'id' } };
    expect(isNotFound(graphQLErrors([malformed]))).toBe(true);
    const otherInput = { message: 'Amount must be positive', extensions: { code: 'BAD_USER_INPUT', field: 'amount' } };
    expect(isNotFound(graphQLErrors([otherInput]))).toBe(false);
  });
});

describe('field messages in the words of the form', () => {
  it('says a validator message of the label the user sees, and leaves sentences alone', () => {
    const failure = apiError(
      graphQLErrors([
        {
          message: 'billingEmail: billingEmail must be an email address',
          extensions: { code: 'BAD_USER_INPUT', field: 'input.billingEmail' },
        },
        { message: 'minutes must be at least 1', extensions: { code: 'BAD_USER_INPUT', field: 'minutes' } },
        { message: 'No such ticket in this organization', extensions: { code: 'BAD_USER_INPUT', field: 'ticketId' } },
      ]),
    );
    const said = inFieldWords(failure, { billingEmail: 'Billing email', minutes: 'Duration', ticketId: 'Ticket' });
    expect(said.fields).toMatchObject({
      'input.billingEmail': 'Billing email must be an email address.',
      billingEmail: 'Billing email must be an email address.',
      minutes: 'Duration must be at least 1.',
      ticketId: 'No such ticket in this organization',
    });
    expect(said.message).toBe(
      'Billing email must be an email address.; Duration must be at least 1.; No such ticket in this organization',
    );
  });
});
