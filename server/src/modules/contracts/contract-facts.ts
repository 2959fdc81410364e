import type { EntityManager } from 'typeorm';
import type { Client } from '../clients/client.entity.js';
import type { Pricing } from '../invoices/invoice-generation.service.js';
import type { ContractFacts, LineFacts } from './contract-charges.js';
import type { PriceSource } from './contract.entity.js';

interface Row {
  contract_id: string;
  client_id: string;
  name: string;
  cycle: ContractFacts['cycle'];
  interval_weeks: number;
  anchor_day: number;
  billing_timing: ContractFacts['billingTiming'];
  start_date: string;
  end_date: string | null;
  line_id: string;
  service_id: string;
  description: string;
  quantity: number;
  price_source: PriceSource;
  unit_price: string | null;
  line_end: string | null;
}

/**
 * Every contract of the given clients with what the charge math needs (lines priced for the client,
 * quantity changes, periods already charged and end credits), in four statements whatever the number of clients.
 * Contracts that ended more than 400 days before `activeOn` are left out, unless changed within those
 * days: an end date set far back (a client who left long ago, billed since) still has the periods
 * charged after it credited.
 */
export async function loadContractFacts(
  db: EntityManager,
  orgId: string,
  clients: Map<string, Client>,
  pricing: Pricing,
  activeOn: string,
): Promise<Map<string, ContractFacts[]>> {
  const ids = [...clients.keys()];
  const rows = (await db.query(
    `SELECT c.id AS contract_id, c.client_id, c.name, c.cycle, c.interval_weeks, c.anchor_day, c.billing_timing,
            to_char(c.start_date, 'YYYY-MM-DD') AS start_date, to_char(c.end_date, 'YYYY-MM-DD') AS end_date,
            l.id AS line_id, l.service_id, l.description, l.quantity, l.price_source, l.unit_price,
            to_char(l.end_date, 'YYYY-MM-DD') AS line_end
       FROM contracts c JOIN contract_lines l ON l.contract_id = c.id
      WHERE c.org_id = $1 AND c.client_id = ANY($2::uuid[]) AND (c.end_date IS NULL OR c.end_date >= $3::date - 400 OR c.updated_at >= $3::date - 400)
      ORDER BY c.start_date, c.id, l.position`,
    [orgId, ids, activeOn],
  )) as Row[];
  const lineIds = rows.map((r) => r.line_id);
  const changes = (await db.query(
    `SELECT id, contract_line_id, to_char(effective_date, 'YYYY-MM-DD') AS effective_date, old_quantity, new_quantity,
            invoice_id IS NOT NULL AS billed
       FROM contract_quantity_changes WHERE contract_line_id = ANY($1::uuid[]) ORDER BY effective_date, created_at`,
    [lineIds],
  )) as Array<{
    id: string;
    contract_line_id: string;
    effective_date: string;
    old_quantity: number;
    new_quantity: number;
    billed: boolean;
  }>;
  const charged = (await db.query(
    `SELECT contract_line_id, to_char(period_start, 'YYYY-MM-DD') AS period_start,
            to_char(period_end, 'YYYY-MM-DD') AS period_end, quantity, amount::bigint AS amount
       FROM contract_charges WHERE contract_line_id = ANY($1::uuid[]) ORDER BY period_start`,
    [lineIds],
  )) as Array<{ contract_line_id: string; period_start: string; period_end: string; quantity: number; amount: string }>;
  const endCredits = (await db.query(
    `SELECT contract_line_id, to_char(period_start, 'YYYY-MM-DD') AS period_start, sum(amount)::bigint AS amount,
            max(seq)::int AS count
       FROM contract_end_credits WHERE contract_line_id = ANY($1::uuid[]) GROUP BY contract_line_id, period_start`,
    [lineIds],
  )) as Array<{ contract_line_id: string; period_start: string; amount: string; count: number }>;

  const lines = new Map<string, LineFacts>();
  const contracts = new Map<string, ContractFacts & { clientId: string }>();
  for (const r of rows) {
    const client = clients.get(r.client_id)!;
    let c = contracts.get(r.contract_id);
    if (!c) {
      c = {
        id: r.contract_id,
        clientId: r.client_id,
        name: r.name,
        cycle: r.cycle,
        intervalWeeks: r.interval_weeks,
        anchorDay: r.anchor_day,
        billingTiming: r.billing_timing,
        currency: client.currency,
        startDate: r.start_date,
        endDate: r.end_date,
        lines: [],
      };
      contracts.set(r.contract_id, c);
    }
    const line: LineFacts = {
      id: r.line_id,
      serviceId: r.service_id,
      label: r.description || pricing.services.get(r.service_id)?.name || 'Service',
      quantity: r.quantity,
      endDate: r.line_end,
      unitPrice: priceFor(r, client, pricing),
      changes: [],
      charged: new Map(),
      chargedPeriods: [],
      endCredits: new Map(),
    };
    c.lines.push(line);
    lines.set(line.id, line);
  }
  for (const ch of changes)
    lines.get(ch.contract_line_id)?.changes.push({
      id: ch.id,
      effectiveDate: ch.effective_date,
      oldQuantity: ch.old_quantity,
      newQuantity: ch.new_quantity,
      billed: ch.billed,
    });
  for (const ch of charged) {
    const line = lines.get(ch.contract_line_id);
    line?.charged.set(ch.period_start, ch.quantity);
    line?.chargedPeriods!.push({
      start: ch.period_start,
      end: ch.period_end,
      quantity: ch.quantity,
      amount: Number(ch.amount),
    });
  }
  for (const e of endCredits)
    lines.get(e.contract_line_id)?.endCredits!.set(e.period_start, { amount: Number(e.amount), count: e.count });

  const byClient = new Map<string, ContractFacts[]>();
  for (const c of contracts.values()) byClient.set(c.clientId, [...(byClient.get(c.clientId) ?? []), c]);
  return byClient;
}

function priceFor(r: Row, client: Client, pricing: Pricing): number | null {
  if (r.price_source === 'FIXED') return r.unit_price === null ? null : Number(r.unit_price);
  const catalog = pricing.catalogPrice(r.service_id, client.currency);
  if (r.price_source === 'CATALOG') return catalog ?? null;
  return pricing.negotiatedRate(client.id, r.service_id) ?? catalog ?? null;
}
