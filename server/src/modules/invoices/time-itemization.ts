import { describedEnum } from '../../graphql/described-enum.js';
import { InvoiceLineKind } from './invoice-line.entity.js';
import { hoursFromMinutes } from './invoice-math.js';
import type { DraftLine } from './invoice-writer.js';

/** How generated invoices list approved time. PER_SERVICE is what Settle did before the setting existed. */
export const TimeItemization = describedEnum('TimeItemization', 'How generated invoices list approved time.', {
  PER_ENTRY: 'One line per time entry: date, technician, ticket and note.',
  PER_TICKET: 'One line per ticket (and service and rate), with the number of entries.',
  PER_SERVICE: 'One line per service and rate: all time on a service together.',
});
export type TimeItemization = keyof typeof TimeItemization;

/** One approved entry, already priced (the rate is resolved by the caller: override, client rate, catalog). */
export interface PricedEntry {
  id: string;
  workDate: string;
  minutes: number;
  note: string;
  serviceId: string;
  ticketId: string;
  technicianId: string;
  rate: number;
}

/** Names the lines are written with; an id missing from a map prints as a short placeholder, never throws. */
export interface ItemizationNames {
  services: Map<string, { code: string; name: string }>;
  tickets: Map<string, string>;
  technicians: Map<string, string>;
}

export type TimeLine = DraftLine & { entryIds: string[] };

/** Invoice line descriptions are limited to 500 characters by the draft editor's input (invoice.types.ts). */
export const MAX_DESCRIPTION = 500;
/** A note is cut well before that so the date, technician and ticket always show in full. */
export const MAX_NOTE = 200;

/**
 * Groups approved entries into invoice lines the way the org (or client) chose. Every line is one
 * (group, rate): quantity is the group's summed minutes in hours (hoursFromMinutes), unit price the rate,
 * so a line's amount is round(hours × rate) exactly as invoice-math's lineAmounts computes it, and the
 * invoice total is the sum of the lines. Grouped modes round once per group, so their total can differ
 * by a few minor units from PER_ENTRY's, which rounds each entry's hours (3 × 20 min at 100.00/h is
 * 3 × 33.33 = 99.99 per entry, but 1 h = 100.00 grouped). Each line keeps the ids of its entries.
 */
export function itemizeTime(
  entries: PricedEntry[],
  mode: TimeItemization,
  names: ItemizationNames,
  taxRateBps: number,
): TimeLine[] {
  const line = (g: Group, description: string): TimeLine => ({
    kind: InvoiceLineKind.TIME,
    description: clip(description, MAX_DESCRIPTION),
    serviceId: g.serviceId,
    quantity: hoursFromMinutes(g.minutes),
    unitPrice: g.rate,
    discount: 0,
    taxRateBps,
    entryIds: g.entries.map((e) => e.id),
  });
  const serviceName = (id: string) => names.services.get(id)?.name ?? 'Service';
  const ticketTitle = (id: string) => names.tickets.get(id) ?? 'Ticket';

  if (mode === TimeItemization.PER_ENTRY)
    return [...entries]
      .sort(byDateThenTicket(ticketTitle))
      .map((e) =>
        line(
          { serviceId: e.serviceId, rate: e.rate, minutes: e.minutes, entries: [e] },
          [
            e.workDate,
            names.technicians.get(e.technicianId) ?? 'Technician',
            ticketTitle(e.ticketId),
            clip(e.note, MAX_NOTE),
          ]
            .filter((part) => part.trim())
            .join(' · '),
        ),
      );

  if (mode === TimeItemization.PER_TICKET) {
    // A ticket worked under several services keeps one line per service, so each line still maps to one
    // catalog item (QuickBooks and Stripe); the service name then tells the lines apart.
    // A ticket's lines stay together, placed by the ticket's first entry.
    const servicesOnTicket = new Map<string, Set<string>>();
    const firstOfTicket = new Map<string, PricedEntry>();
    for (const e of [...entries].sort(byDateThenTicket(ticketTitle))) {
      servicesOnTicket.set(e.ticketId, (servicesOnTicket.get(e.ticketId) ?? new Set()).add(e.serviceId));
      if (!firstOfTicket.has(e.ticketId)) firstOfTicket.set(e.ticketId, e);
    }
    const first = (g: Group) => firstOfTicket.get(g.entries[0]!.ticketId)!;
    return groupBy(entries, (e) => `${e.ticketId}:${e.serviceId}:${e.rate}`)
      .sort(
        (a, b) =>
          byDateThenTicket(ticketTitle)(first(a), first(b)) ||
          serviceCode(names, a.serviceId).localeCompare(serviceCode(names, b.serviceId)) ||
          b.rate - a.rate,
      )
      .map((g) => {
        const ticketId = g.entries[0]!.ticketId;
        const service = servicesOnTicket.get(ticketId)!.size > 1 ? ` · ${serviceName(g.serviceId)}` : '';
        const count = g.entries.length;
        return line(g, `${ticketTitle(ticketId)}${service} (${count} ${count === 1 ? 'entry' : 'entries'})`);
      });
  }

  // PER_SERVICE: the order generation always used, by service code, then the higher rate first.
  return groupBy(entries, (e) => `${e.serviceId}:${e.rate}`)
    .sort((a, b) => serviceCode(names, a.serviceId).localeCompare(serviceCode(names, b.serviceId)) || b.rate - a.rate)
    .map((g) => line(g, serviceName(g.serviceId)));
}

interface Group {
  serviceId: string;
  rate: number;
  minutes: number;
  entries: PricedEntry[];
}

/** Groups in first-seen order with summed minutes; each group's entries are sorted by date, then id. */
function groupBy(entries: PricedEntry[], key: (e: PricedEntry) => string): Group[] {
  const groups = new Map<string, Group>();
  for (const e of [...entries].sort((a, b) => a.workDate.localeCompare(b.workDate) || a.id.localeCompare(b.id))) {
    const g = groups.get(key(e)) ?? { serviceId: e.serviceId, rate: e.rate, minutes: 0, entries: [] };
    g.minutes += e.minutes;
    g.entries.push(e);
    groups.set(key(e), g);
  }
  return [...groups.values()];
}

/** Earliest date first, then ticket title, then ticket id (two tickets may share a title), then entry id. */
function byDateThenTicket(ticketTitle: (id: string) => string) {
  return (a: PricedEntry, b: PricedEntry) =>
    a.workDate.localeCompare(b.workDate) ||
    ticketTitle(a.ticketId).localeCompare(ticketTitle(b.ticketId)) ||
    a.ticketId.localeCompare(b.ticketId) ||
    a.id.localeCompare(b.id);
}

function serviceCode(names: ItemizationNames, serviceId: string): string {
  return names.services.get(serviceId)?.code ?? serviceId;
}

/**
 * Shortens text to at most `max` characters on one line: whitespace (newlines included) collapses, and a cut
 * falls at the last word break in the final fifth when there is one, ending in "…".
 */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const hard = flat.slice(0, max - 1);
  const space = hard.lastIndexOf(' ');
  return `${space >= max * 0.8 ? hard.slice(0, space) : hard.trimEnd()}…`;
}
