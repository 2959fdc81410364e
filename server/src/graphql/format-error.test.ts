import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { formatError, variableField } from './format-error.js';

/** The last line of defence: what validation missed still leaves as BAD_USER_INPUT, never as a 500. */
function pgError(code: string, column?: string): GraphQLError {
  const driver = Object.assign(new Error('db says no'), { code, column });
  const err = new QueryFailedError('INSERT …', [], driver);
  return new GraphQLError(err.message, { path: ['createThing'], originalError: err });
}

describe('formatError', () => {
  it.each([
    ['22P02', undefined],
    ['22003', 'unit_price'],
    ['22007', undefined],
    ['22008', 'issue_date'],
    ['22021', 'name'],
    ['22001', 'name'],
    ['23514', 'amount'],
    ['23502', 'client_id'],
  ])('maps PostgreSQL %s to BAD_USER_INPUT naming the column', (code, column) => {
    const e = pgError(code, column);
    const out = formatError(e.toJSON(), e);
    expect(out.extensions?.code).toBe('BAD_USER_INPUT');
    expect(out.extensions?.field).toBe(column ? column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()) : '');
    expect(out.message).not.toContain('db says no');
  });

  it('leaves other database errors as INTERNAL_SERVER_ERROR without internals', () => {
    const e = pgError('40P01');
    const out = formatError(e.toJSON(), e);
    expect(out.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(out.message).not.toContain('db says no');
  });

  it('survives a validator that threw instead of failing validation', () => {
    const thrown = Object.assign(new Error('URI malformed'), {
      extensions: { validationErrors: new URIError('URI malformed') },
    });
    const e = new GraphQLError('Argument Validation Error', { originalError: thrown });
    expect(() => formatError(e.toJSON(), e)).not.toThrow();
  });
});

describe('variableField', () => {
  it.each([
    [
      'Variable "$n" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648',
      'n',
    ],
    [
      'Variable "$i" got invalid value "0000-01-01" at "i.issueDate"; Dates must fall in the years 1900 to 9999',
      'issueDate',
    ],
    ['Variable "$i" got invalid value 1.5 at "i.lines[0].unitPrice"; Money must be an integer', 'lines.0.unitPrice'],
    ['Variable "$l" got invalid value "1e3" at "l[2].quantity"; Quantities are decimals', 'l.2.quantity'],
    ['Some other message', ''],
  ])('%s → %s', (message, field) => expect(variableField(message)).toBe(field));
});
