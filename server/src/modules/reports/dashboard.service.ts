import type { DataSource } from 'typeorm';
import { moduleServices } from '../../app/module-services.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { orgToday } from '../organizations/org-today.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { agingBucket, daysBetween, isOutstanding, type AgingBucket } from './ar-aging.js';
import { asEntity, metadataOf, selectEntityColumns } from '../../platform/database/entity-rows.js';
import { preparedRows } from '../../platform/database/pg-pool.js';

export interface CurrencySummary {
  currency: string;
  aging: Record<AgingBucket, number>;
  outstanding: number;
  writtenOff: number;
  collectedThisMonth: number;
}

export interface DashboardView {
  currencies: CurrencySummary[];
  overdue: Invoice[];
}

/** How many overdue invoices a dashboard lists for the `overdueLimit` asked: 1 to 100. */
export const overdueLimitOf = (asked: number) => Math.min(Math.max(asked, 1), 100);

/** Most outstanding first; equal ones by currency code, so the order never depends on how rows came. */
const byOutstanding = (a: CurrencySummary, b: CurrencySummary) =>
  b.outstanding - a.outstanding || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0);

/** Receivables at a glance, per currency (amounts in different currencies are never added together). */
export class DashboardService {
  constructor(
    private readonly db: DataSource,
    /** The container's clock: the dashboard is "as of" today on the org's wall by it. */
    private readonly clock: () => Clock = () => systemClock,
  ) {}

  /** The whole dashboard: the per-currency summary and the `overdueLimit` oldest overdue invoices. */
  async dashboard(orgId: string, overdueLimit: number): Promise<DashboardView> {
    const today = await this.today(orgId);
    const [currencies, overdue] = await Promise.all([
      this.summary(orgId, today),
      this.overdue(orgId, overdueLimit, today),
    ]);
    return { currencies, overdue };
  }

  /** Today in the org's time zone: what aging, overdue and "this month" are measured from. */
  today(orgId: string): Promise<string> {
    return orgToday(this.db, orgId, this.clock().now());
  }

  async summary(orgId: string, today: string): Promise<CurrencySummary[]> {
    // Both reads at once, as prepared statements: the dashboard is the page admins open first.
    const [open, collected] = (await Promise.all([
      preparedRows(
        this.db,
        `SELECT currency, due_date, balance_due AS balance, status FROM invoices
          WHERE org_id = $1 AND status IN ('SENT','PARTIALLY_PAID','UNCOLLECTIBLE') AND balance_due > 0`,
        [orgId],
      ),
      preparedRows(
        this.db,
        `SELECT currency, COALESCE(SUM(amount), 0)::bigint AS amount FROM payments
          WHERE org_id = $1 AND received_on >= date_trunc('month', $2::date) AND received_on <= $2::date GROUP BY currency`,
        [orgId, today],
      ),
    ])) as [
      Array<{ currency: string; due_date: string; balance: number; status: string }>,
      Array<{ currency: string; amount: number }>,
    ];
    const byCurrency = new Map<string, CurrencySummary>();
    const get = (currency: string) => {
      let s = byCurrency.get(currency);
      if (!s) {
        s = {
          currency,
          aging: { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0 },
          outstanding: 0,
          writtenOff: 0,
          collectedThisMonth: 0,
        };
        byCurrency.set(currency, s);
      }
      return s;
    };
    for (const row of open) {
      const s = get(row.currency);
      if (!isOutstanding(row.status, row.balance)) {
        s.writtenOff += row.balance; // the query only adds UNCOLLECTIBLE to the open statuses
        continue;
      }
      s.aging[agingBucket(daysBetween(row.due_date, today))] += row.balance;
      s.outstanding += row.balance;
    }
    for (const row of collected) get(row.currency).collectedThisMonth = row.amount;
    return [...byCurrency.values()].sort(byOutstanding);
  }

  async overdue(orgId: string, limit: number, today: string): Promise<Invoice[]> {
    const qb = overdueQuery(this.db, orgId, today, limit);
    const [text, values] = qb.getQueryAndParameters();
    const meta = metadataOf(qb);
    return (await preparedRows(this.db, text, values)).map((row) => asEntity<Invoice>(meta, row));
  }
}

/** Open invoices past due, oldest due date first: `orgId` is its first parameter, `today` its second. */
export function overdueQuery(db: DataSource, orgId: string, today: string, limit: number) {
  return selectEntityColumns(
    db
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .where(
        `i.org_id = :orgId AND i.status IN ('SENT','PARTIALLY_PAID') AND i.balance_due > 0 AND i.due_date < :today`,
        { orgId, today },
      )
      .orderBy('i.due_date', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .limit(limit),
  );
}

/** The reports module's service, built by its setup (reports.module.ts). */
export const dashboards = moduleServices<DashboardService>('reports');
