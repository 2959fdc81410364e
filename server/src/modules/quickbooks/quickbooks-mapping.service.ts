import type { DataSource, EntityManager } from 'typeorm';
import { badInput } from '../../platform/errors.js';
import type { AccountingProvider } from './accounting-provider.js';
import { QuickBooksConnection, type StripeDepositTo } from './quickbooks.entities.js';

export interface MappingInput {
  defaultItemId?: string | null;
  incomeAccountId?: string | null;
  payNowEnabled?: boolean | null;
  cardEnabled?: boolean | null;
  achEnabled?: boolean | null;
  feeExpenseAccountId?: string | null;
  feeBankAccountId?: string | null;
  pushOnGenerate?: boolean | null;
  /** Settle rate → QuickBooks TaxCode; a null code goes back to matching the rate automatically. */
  taxCodes?: Array<{ rateBps: number; taxCodeId?: string | null }> | null;
  payoutBankAccountId?: string | null;
  stripeDepositTo?: StripeDepositTo | null;
}

/** The mapping with defaults applied: what the next push will actually use. */
export interface EffectiveMapping {
  defaultItemId: string | null;
  defaultItemName: string | null;
  /** The first active Service item, used when no default item is chosen. */
  fallbackItemId: string | null;
  incomeAccountId: string | null;
  incomeAccountName: string | null;
  stripeConnected: boolean;
  payNowEnabled: boolean;
  cardEnabled: boolean;
  achEnabled: boolean;
  feeExpenseAccountId: string | null;
  feeBankAccountId: string | null;
  /** Stripe fees are Purchases from the clearing account (clearing-account mode with both fee accounts). */
  feeReconciliationEnabled: boolean;
  pushOnGenerate: boolean;
  /** Tax codes chosen by hand; every other rate is matched to the code with that rate. */
  taxCodes: Array<{ rateBps: number; taxCodeId: string }>;
  /**
   * Where Stripe payments are received: the clearing account, which fees and payouts leave, or Undeposited
   * Funds, which each payout's Deposit empties (its payments linked, its fees a negative line).
   */
  stripeDepositTo: StripeDepositTo;
  payoutBankAccountId: string | null;
  /** Stripe payouts become Deposits from the clearing account (feeBankAccountId) into payoutBankAccountId. */
  payoutDepositsEnabled: boolean;
}

/** Online payment in QuickBooks defaults ON only when QuickBooks is the org's sole payment integration. */
export function effectiveMapping(c: QuickBooksConnection, stripeConnected: boolean): EffectiveMapping {
  const onByDefault = !stripeConnected;
  const payNow = c.payNowEnabled ?? onByDefault;
  const undeposited = c.stripeDepositTo === 'UNDEPOSITED_FUNDS';
  return {
    defaultItemId: c.defaultItemId,
    defaultItemName: c.defaultItemName,
    fallbackItemId: c.fallbackItemId,
    incomeAccountId: c.incomeAccountId,
    incomeAccountName: c.incomeAccountName,
    stripeConnected,
    payNowEnabled: payNow,
    cardEnabled: payNow && (c.cardEnabled ?? onByDefault),
    achEnabled: payNow && (c.achEnabled ?? onByDefault),
    feeExpenseAccountId: c.feeExpenseAccountId,
    feeBankAccountId: c.feeBankAccountId,
    pushOnGenerate: c.pushOnGenerate ?? false,
    taxCodes: Object.entries(c.taxCodes ?? {})
      .map(([bps, taxCodeId]) => ({ rateBps: Number(bps), taxCodeId }))
      .sort((a, b) => a.rateBps - b.rateBps),
    feeReconciliationEnabled: !undeposited && Boolean(c.feeExpenseAccountId && c.feeBankAccountId),
    stripeDepositTo: undeposited ? 'UNDEPOSITED_FUNDS' : 'CLEARING_ACCOUNT',
    payoutBankAccountId: c.payoutBankAccountId,
    // Stripe money is in the clearing account only when the fees are booked there too.
    payoutDepositsEnabled: Boolean(
      c.payoutBankAccountId && c.feeExpenseAccountId && (undeposited || c.feeBankAccountId),
    ),
  };
}

/**
 * Whether the org has a live Stripe connection. The Stripe module owns its tables; we only read them,
 * and tolerate their absence (Stripe not installed → QuickBooks is the only payment integration).
 */
export async function stripeConnected(tx: EntityManager, orgId: string): Promise<boolean> {
  const tables = (await tx.query(
    `SELECT table_name, array_agg(column_name::text) AS columns FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name IN ('stripe_connections', 'stripe_accounts') GROUP BY table_name`,
  )) as Array<{ table_name: string; columns: string[] }>;
  for (const t of tables) {
    if (!t.columns.includes('org_id')) continue;
    const live = [
      t.columns.includes('status') ? `upper(status) IN ('CONNECTED', 'ACTIVE')` : null,
      t.columns.includes('disconnected_at') ? 'disconnected_at IS NULL' : null,
    ].filter(Boolean);
    const [row] = await tx.query(
      `SELECT 1 FROM ${t.table_name} WHERE org_id = $1 ${live.map((w) => `AND ${w}`).join(' ')} LIMIT 1`,
      [orgId],
    );
    if (row) return true;
  }
  return false;
}

/** The org's tax code choices with `changes` applied; each chosen code must be an active QuickBooks code. */
async function taxCodeChoices(
  c: QuickBooksConnection,
  provider: AccountingProvider,
  changes: NonNullable<MappingInput['taxCodes']>,
): Promise<Record<string, string>> {
  const next = { ...(c.taxCodes ?? {}) };
  const codes = changes.some((x) => x.taxCodeId) ? await provider.listTaxCodes() : [];
  for (const { rateBps, taxCodeId } of changes) {
    if (!Number.isInteger(rateBps) || rateBps < 0 || rateBps > 10000)
      throw badInput('taxCodes', 'A tax rate is between 0 and 10000 basis points');
    if (!taxCodeId) {
      delete next[String(rateBps)];
      continue;
    }
    if (!codes.some((x) => x.id === taxCodeId && x.active))
      throw badInput('taxCodes', `No active QuickBooks tax code with id ${taxCodeId}`);
    next[String(rateBps)] = taxCodeId;
  }
  return next;
}

export class QuickBooksMappingService {
  constructor(private readonly db: DataSource) {}

  async effective(c: QuickBooksConnection, tx: EntityManager = this.db.manager): Promise<EffectiveMapping> {
    return effectiveMapping(c, await stripeConnected(tx, c.orgId));
  }

  /** Saves the mapping; ids are checked against the company's items and accounts. */
  async update(
    c: QuickBooksConnection,
    provider: AccountingProvider,
    input: MappingInput,
  ): Promise<QuickBooksConnection> {
    const patch: Partial<QuickBooksConnection> = {};
    const needsItems = input.defaultItemId;
    const needsAccounts =
      input.incomeAccountId || input.feeExpenseAccountId || input.feeBankAccountId || input.payoutBankAccountId;
    const items = needsItems ? await provider.listItems() : [];
    const accounts = needsAccounts ? await provider.listAccounts() : [];
    if (input.defaultItemId !== undefined) {
      const item = input.defaultItemId ? items.find((i) => i.id === input.defaultItemId && i.active) : null;
      if (input.defaultItemId && !item) throw badInput('defaultItemId', 'No active QuickBooks item with that id');
      Object.assign(patch, { defaultItemId: item?.id ?? null, defaultItemName: item?.name ?? null });
    }
    const account = (field: keyof MappingInput, type: string | null) => {
      const id = input[field] as string | null | undefined;
      if (!id) return null;
      const a = accounts.find((x) => x.id === id && x.active);
      if (!a || (type && a.type !== type))
        throw badInput(field, `No active QuickBooks ${type ?? ''} account with that id`.replace('  ', ' '));
      return a;
    };
    if (input.incomeAccountId !== undefined) {
      const a = account('incomeAccountId', 'Income');
      Object.assign(patch, { incomeAccountId: a?.id ?? null, incomeAccountName: a?.name ?? null });
    }
    if (input.feeExpenseAccountId !== undefined)
      patch.feeExpenseAccountId = account('feeExpenseAccountId', 'Expense')?.id ?? null;
    if (input.feeBankAccountId !== undefined) patch.feeBankAccountId = account('feeBankAccountId', 'Bank')?.id ?? null;
    if (input.taxCodes) patch.taxCodes = await taxCodeChoices(c, provider, input.taxCodes);
    if (input.payoutBankAccountId !== undefined)
      patch.payoutBankAccountId = account('payoutBankAccountId', 'Bank')?.id ?? null;
    const clearing = patch.feeBankAccountId !== undefined ? patch.feeBankAccountId : c.feeBankAccountId;
    const payoutBank = patch.payoutBankAccountId !== undefined ? patch.payoutBankAccountId : c.payoutBankAccountId;
    if (clearing && clearing === payoutBank)
      throw badInput('payoutBankAccountId', 'Payouts go from the Stripe clearing account to another bank account');
    if (input.stripeDepositTo !== undefined) patch.stripeDepositTo = input.stripeDepositTo;
    for (const k of ['payNowEnabled', 'cardEnabled', 'achEnabled'] as const)
      if (input[k] !== undefined) patch[k] = input[k];
    if (input.pushOnGenerate !== undefined) patch.pushOnGenerate = input.pushOnGenerate ?? false;
    await this.db.getRepository(QuickBooksConnection).update({ id: c.id }, patch);
    return this.db.getRepository(QuickBooksConnection).findOneByOrFail({ id: c.id });
  }

  /** The item invoice lines are booked against: the chosen one, else the first active Service item (cached). */
  async itemFor(c: QuickBooksConnection, provider: AccountingProvider): Promise<string> {
    if (c.defaultItemId) return c.defaultItemId;
    if (c.fallbackItemId) return c.fallbackItemId;
    const first = (await provider.listItems()).find((i) => i.active && i.type === 'Service');
    if (!first)
      throw badInput(
        'defaultItemId',
        'The QuickBooks company has no active Service item; create one or choose a default item',
      );
    await this.db.getRepository(QuickBooksConnection).update({ id: c.id }, { fallbackItemId: first.id });
    c.fallbackItemId = first.id;
    return first.id;
  }
}
