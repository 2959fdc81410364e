import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { Clock } from '../../platform/clock.js';
import { badInput } from '../../platform/errors.js';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';
import { Client } from '../clients/client.entity.js';
import { contractLinesDue, MissingPrice, type ContractFacts } from '../contracts/contract-charges.js';
import { addDaysIso } from '../contracts/contract-cycle.js';
import { loadContractFacts } from '../contracts/contract-facts.js';
import { endCreditsWithinTotal } from '../contracts/contract-end-credit.js';
import type { NextInvoicePreview } from '../contracts/contract.types.js';
import { loadPricing, MissingRate, type InvoiceGenerationService } from '../invoices/invoice-generation.service.js';
import { invoiceTotals, lineAmounts } from '../invoices/invoice-math.js';
import { startOfDayIn, todayIn } from '../../platform/time-zone.js';
import { orgTimeZone } from '../organizations/org-today.js';
import { Organization } from '../organizations/organization.entity.js';
import { billingDates } from './billing-plan.js';
import { effectiveSettings } from './billing-settings.js';
import type { BillingSettingsService } from './billing-settings.service.js';

@ObjectType({ description: 'A client the billing run will bill soon, with what it knows now.' })
export class UpcomingBilling {
  @Field(() => ID, { description: 'The client billed.' }) clientId: string;
  @Field(() => String, { description: "The client's name." }) clientName: string;
  @Field(() => DateScalar, { description: 'The next billing date.' }) billDate: string;
  @Field(() => Date, { description: 'When the invoice is generated: the billing date plus the grace period.' })
  billAt: Date;
  @Field(() => String, { description: "The client's currency (ISO 4217)." }) currency: string;
  @Field(() => MoneyScalar, { description: 'The recurring lines due then, before tax (time is added when it runs).' })
  recurringAmount: number;
  @Field(() => Int, { description: 'Approved, unbilled billable minutes worked before the billing date, as of now.' })
  unbilledMinutes: number;
  @Field(() => String, { nullable: true, description: 'What will stop or hold this invoice, in words.' })
  problem: string | null;
}

/** What the billing run will do: the next invoice of a client, and who is billed next across the org. */
export class BillingForecast {
  constructor(
    private readonly db: DataSource,
    private readonly settings: BillingSettingsService,
    private readonly generation: InvoiceGenerationService,
    private readonly clock: () => Clock,
  ) {}

  /** The client's next automatic invoice as things stand (nothing is written). */
  async preview(orgId: string, clientId: string): Promise<NextInvoicePreview> {
    const client = await this.db.getRepository(Client).findOneBy({ orgId, id: clientId });
    if (!client) throw badInput('clientId', 'No such client in this organization');
    const org = await this.db.getRepository(Organization).findOneByOrFail({ id: orgId });
    const s = await this.settings.get(orgId, clientId);
    const today = todayIn(org.timeZone, this.clock().now());
    const pricing = await loadPricing(this.db.manager, orgId, [clientId]);
    const contracts =
      (await loadContractFacts(this.db.manager, orgId, new Map([[clientId, client]]), pricing, today)).get(clientId) ??
      [];
    const from = (await this.nextUnbilled(orgId, [clientId], today)).get(clientId) ?? today;
    const since = s.autoBilling && s.autoBillingSince ? s.autoBillingSince : today;
    const taxRateBps = client.taxRateBps ?? org.taxRateBps;
    // Far enough to reach a contract that starts years ahead, and a yearly cycle after it.
    const firstStart =
      contracts
        .map((c) => c.startDate)
        .filter((d) => d > today)
        .sort()[0] ?? today;
    const dates = billingDates(contracts, from, addDaysIso(firstStart > from ? firstStart : from, 400));
    const empty = { billDate: null, currency: client.currency, lines: [], subtotal: 0, total: 0, problem: null };
    try {
      // The next date that bills something: the first one when approved time waits, else the first with recurring lines.
      for (const [i, billDate] of dates.entries()) {
        const recurring = contracts.flatMap((c) => contractLinesDue(c, billDate, since, taxRateBps));
        const time =
          i > 0
            ? []
            : await this.db.transaction((tx) =>
                // The run's own locking read, in a transaction that writes nothing.
                this.generation.timeLinesIn(tx, org, client, pricing.services, pricing.rateFor(client), {
                  periodStart: null,
                  periodEnd: addDaysIso(billDate, -1),
                }),
              );
        if (!recurring.length && !time.length) continue;
        // As the run will bill it: an ended contract's credit past the total is kept as client credit.
        const lines = endCreditsWithinTotal([...recurring, ...time], client.currency).lines.map((l) => ({
          ...l,
          ...lineAmounts(l),
        }));
        return { ...empty, billDate, lines, ...invoiceTotals(lines) };
      }
      return empty;
    } catch (err) {
      if (err instanceof MissingPrice || err instanceof MissingRate) return { ...empty, problem: err.message };
      throw err;
    }
  }

  /**
   * The first day each client's next billing date can fall on: today, or the day after the last date a
   * run billed when that is today or later (the run bills each date once: a date already run, say
   * today's after "Run due billing now", is not the next invoice). Clients with no such run are absent.
   */
  private async nextUnbilled(orgId: string, clientIds: string[], today: string): Promise<Map<string, string>> {
    const rows = (await this.db.query(
      `SELECT client_id, to_char(max(bill_date), 'YYYY-MM-DD') AS last FROM billing_runs
        WHERE org_id = $1 AND client_id = ANY($2::uuid[]) AND bill_date >= $3 GROUP BY client_id`,
      [orgId, clientIds, today],
    )) as Array<{ client_id: string; last: string }>;
    return new Map(rows.map((r) => [r.client_id, addDaysIso(r.last, 1)]));
  }

  /** Clients with automatic billing on whose next billing date falls within `days`, soonest first. */
  async upcoming(orgId: string, days: number): Promise<UpcomingBilling[]> {
    const now = this.clock().now();
    const zone = await orgTimeZone(this.db, orgId);
    const today = todayIn(zone, now);
    const rows = await this.settings.allRows(orgId);
    const orgRow = rows.find((r) => r.clientId === null);
    const clients = await this.db.getRepository(Client).find({ where: { orgId }, order: { name: 'ASC' } });
    const on = clients.filter(
      (c) =>
        !c.archivedAt &&
        effectiveSettings(
          orgRow,
          rows.find((r) => r.clientId === c.id),
          c.id,
        ).autoBilling,
    );
    const byId = new Map(on.map((c) => [c.id, c]));
    const pricing = await loadPricing(this.db.manager, orgId, [...byId.keys()]);
    const contracts = await loadContractFacts(this.db.manager, orgId, byId, pricing, today);
    const minutes = new Map(
      (
        (await this.db.query(
          `SELECT client_id, sum(minutes)::int AS minutes FROM time_entries
          WHERE org_id = $1 AND status = 'APPROVED' AND invoice_id IS NULL AND billable GROUP BY client_id`,
          [orgId],
        )) as Array<{ client_id: string; minutes: number }>
      ).map((r) => [r.client_id, r.minutes]),
    );
    const from = await this.nextUnbilled(orgId, [...byId.keys()], today);
    const out: UpcomingBilling[] = [];
    for (const client of on) {
      const s = effectiveSettings(
        orgRow,
        rows.find((r) => r.clientId === client.id),
        client.id,
      );
      const cs = contracts.get(client.id) ?? [];
      const billDate = billingDates(cs, from.get(client.id) ?? today, addDaysIso(today, days))[0];
      if (!billDate) continue;
      const recurring = recurringOf(cs, billDate, s.autoBillingSince ?? today);
      out.push({
        clientId: client.id,
        clientName: client.name,
        billDate,
        billAt: new Date(startOfDayIn(zone, billDate).getTime() + s.invoiceGraceHours * 3_600_000),
        currency: client.currency,
        recurringAmount: recurring.amount,
        unbilledMinutes: minutes.get(client.id) ?? 0,
        problem: problemOf(client, s.review, recurring.problem),
      });
    }
    return out.sort((a, b) => a.billDate.localeCompare(b.billDate) || a.clientName.localeCompare(b.clientName));
  }
}

function recurringOf(
  contracts: ContractFacts[],
  billDate: string,
  since: string,
): { amount: number; problem: string | null } {
  try {
    const lines = contracts.flatMap((c) => contractLinesDue(c, billDate, since, 0));
    return { amount: invoiceTotals(lines.map(lineAmounts)).subtotal, problem: null };
  } catch (err) {
    if (err instanceof MissingPrice) return { amount: 0, problem: err.message };
    throw err;
  }
}

function problemOf(client: Client, review: string, price: string | null): string | null {
  if (price) return price;
  if (!client.billingEmail.trim())
    return review === 'AUTO_SEND'
      ? 'No billing email: the invoice will wait as a draft instead of being sent'
      : 'No billing email: the invoice cannot be sent until one is added';
  return null;
}
