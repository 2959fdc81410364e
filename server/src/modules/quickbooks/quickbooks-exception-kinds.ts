import { describedEnum } from '../../graphql/described-enum.js';
import { OpKind } from './quickbooks-operation-kinds.js';

const FAILED_OPERATIONS = Object.fromEntries(
  Object.keys(OpKind).map((k) => [
    k,
    `An outbound operation of this kind failed for good (see QuickBooksOperationKind.${k}).`,
  ]),
) as { [K in OpKind]: string };

/**
 * What a QuickBooks exception is about (the `qbo_exceptions.kind` column): a failed outbound operation
 * (its kind), or something Settle found in QuickBooks.
 */
export const QuickBooksExceptionKind = describedEnum(
  'QuickBooksExceptionKind',
  'What a QuickBooks exception is about.',
  {
    ...FAILED_OPERATIONS,
    CUSTOMER_CHANGED_IN_QUICKBOOKS: "A customer's name or email Settle owns was edited in QuickBooks.",
    INVOICE_CHANGED_IN_QUICKBOOKS: 'An invoice Settle owns was edited in QuickBooks.',
    PAYMENT_CHANGED_IN_QUICKBOOKS: 'A payment Settle pushed was edited in QuickBooks.',
    PAYMENT_DELETED_IN_QUICKBOOKS: 'A payment Settle pushed was deleted in QuickBooks.',
    TOTAL_MISMATCH: 'An invoice totals differently in QuickBooks than in Settle (lines or tax).',
    INBOUND_PAYMENT: 'A payment made in QuickBooks could not be recorded in Settle.',
    OTHER: 'A kind this version of Settle does not know (written by another version).',
  },
);
export type QuickBooksExceptionKind = keyof typeof QuickBooksExceptionKind;

/** The API's name for a stored kind: one it does not know is OTHER, never an error in a list. */
export const exceptionKindOf = (stored: string): QuickBooksExceptionKind =>
  stored in QuickBooksExceptionKind ? (stored as QuickBooksExceptionKind) : 'OTHER';
