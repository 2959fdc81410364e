import type { QbEntity } from './accounting-provider.js';

/**
 * The fields Settle owns on a QuickBooks entity, flattened to strings (`DisplayName`, `Line[0].Amount`…),
 * read the same way from what Settle sends and from what QuickBooks answers. Pure: the outbound and
 * inbound sides compare these to notice an edit made in QuickBooks.
 */
export type OwnedFields = Record<string, string>;

export interface FieldDifference {
  field: string;
  /** Settle's value (what it pushed, or is about to push). */
  settle: string;
  /** QuickBooks' value now. */
  quickBooks: string;
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());
const amount = (v: unknown): string => (v === undefined || v === null || v === '' ? '' : String(Number(v)));

/** A customer: name, primary email (the address QuickBooks mails invoices to) and billing address. */
export function ownedCustomer(c: QbEntity): OwnedFields {
  const out: OwnedFields = {
    DisplayName: text(c.DisplayName),
    'PrimaryEmailAddr.Address': text(c.PrimaryEmailAddr?.Address),
  };
  for (const f of BILL_ADDR_FIELDS) out[`BillAddr.${f}`] = text(c.BillAddr?.[f]);
  return out;
}

const BILL_ADDR_FIELDS = ['Line1', 'Line2', 'City', 'CountrySubDivisionCode', 'PostalCode', 'Country'] as const;

/** An invoice: its sales lines (description and amount), due date and memos. Balance and links are QuickBooks'. */
export function ownedInvoice(i: QbEntity): OwnedFields {
  const lines = ((i.Line ?? []) as QbEntity[]).filter((l) => l.DetailType === 'SalesItemLineDetail');
  const out: OwnedFields = {
    DueDate: text(i.DueDate),
    CustomerMemo: text(i.CustomerMemo?.value),
    PrivateNote: text(i.PrivateNote),
    'Line.count': String(lines.length),
  };
  lines.forEach((l, n) => {
    out[`Line[${n}].Description`] = text(l.Description);
    out[`Line[${n}].Amount`] = amount(l.Amount);
  });
  return out;
}

export const ownedFieldsOf = (qbType: string, entity: QbEntity): OwnedFields =>
  qbType === 'Customer' ? ownedCustomer(entity) : ownedInvoice(entity);

/** Every owned field whose value differs, in a stable order. */
export function differences(settle: OwnedFields, quickBooks: OwnedFields): FieldDifference[] {
  const fields = [...new Set([...Object.keys(settle), ...Object.keys(quickBooks)])];
  return fields
    .filter((f) => (settle[f] ?? '') !== (quickBooks[f] ?? ''))
    .map((f) => ({ field: f, settle: settle[f] ?? '', quickBooks: quickBooks[f] ?? '' }));
}

/**
 * Whether QuickBooks' copy was edited there since Settle last pushed it (`pushed`) in a way that
 * Settle's version (`settle`) would silently overwrite. Null when not (never pushed with a snapshot,
 * unchanged since, or already equal to Settle's version); else what differs from Settle's version.
 */
export function editedInQuickBooks(
  pushed: OwnedFields | null | undefined,
  current: OwnedFields,
  settle: OwnedFields,
): FieldDifference[] | null {
  if (!pushed || !differences(pushed, current).length) return null;
  const diff = differences(settle, current);
  return diff.length ? diff : null;
}

/** The exception kind of an edit made in QuickBooks to an entity Settle owns. */
export const conflictKind = (qbType: string) =>
  qbType === 'Customer' ? 'CUSTOMER_CHANGED_IN_QUICKBOOKS' : 'INVOICE_CHANGED_IN_QUICKBOOKS';

/** Thrown by an outbound update that would overwrite an edit made in QuickBooks; the runner raises it. */
export class QuickBooksConflictError extends Error {
  constructor(
    readonly qbType: string,
    readonly qbId: string,
    readonly diff: FieldDifference[],
  ) {
    super(
      `${qbType} ${qbId} was changed in QuickBooks since Settle last pushed it (${diff.map((d) => d.field).join(', ')}); not overwritten`,
    );
  }
}

/**
 * How an update of an entity Settle owns reads QuickBooks' copy: each read (the first, and the re-read
 * after a stale SyncToken) throws QuickBooksConflictError when the copy was edited in QuickBooks since
 * Settle's last push and Settle's version would overwrite it. An update a person chose to push over
 * the edit ("keep Settle's version") carries `force` and is not checked.
 */
export function checkedReader(
  op: { payload: Record<string, unknown> },
  link: { qbId: string; pushed?: Record<string, unknown> | null },
  qbType: string,
  settle: OwnedFields,
  read: (qbId: string) => Promise<QbEntity>,
): (qbId: string) => Promise<QbEntity> {
  return async (qbId) => {
    const current = await read(qbId);
    if (op.payload.force || !link.pushed) return current;
    const diff = editedInQuickBooks(link.pushed as OwnedFields, ownedFieldsOf(qbType, current), settle);
    if (diff) throw new QuickBooksConflictError(qbType, link.qbId, diff);
    return current;
  };
}

/**
 * Reads QuickBooks' copy before the write when it may have been edited there (a snapshot to compare
 * with, and no `force`): the write then starts from the SyncToken just read.
 */
export async function readBeforeWrite(
  op: { payload: Record<string, unknown> },
  link: { qbId: string; syncToken: string | null; pushed?: Record<string, unknown> | null },
  read: (qbId: string) => Promise<QbEntity>,
): Promise<void> {
  if (link.pushed && !op.payload.force) link.syncToken = String((await read(link.qbId)).SyncToken);
}
