import { describe, expect, it } from 'vitest';
import { invoiceTotals, lineAmounts } from './invoice-math.js';
import { MAX_DESCRIPTION, MAX_NOTE, TimeItemization, clip, itemizeTime, type PricedEntry } from './time-itemization.js';

const names = {
  services: new Map([
    ['remote', { code: 'A-REMOTE', name: 'Remote support' }],
    ['onsite', { code: 'B-ONSITE', name: 'On-site' }],
  ]),
  tickets: new Map([
    ['t-printer', '#1042 Printer offline'],
    ['t-mail', '#1043 Mail down'],
  ]),
  technicians: new Map([
    ['ana', 'Ana Ruiz'],
    ['ben', 'Ben Ito'],
  ]),
};

let seq = 0;
function entry(over: Partial<PricedEntry>): PricedEntry {
  seq += 1;
  return {
    id: `e${String(seq).padStart(2, '0')}`,
    workDate: '2026-11-03',
    minutes: 60,
    note: '',
    serviceId: 'remote',
    ticketId: 't-printer',
    technicianId: 'ana',
    rate: 10000,
    ...over,
  };
}

/** What a line shows and bills (description, hours, rate, amount as the invoice writer computes it, entries). */
const shown = (lines: ReturnType<typeof itemizeTime>) =>
  lines.map((l) => [l.description, l.quantity, l.unitPrice, lineAmounts(l).amount, l.entryIds]);

describe('itemizeTime', () => {
  // Given out of order on purpose: the lines come out by date, then ticket.
  const mail = entry({ workDate: '2026-11-04', ticketId: 't-mail', technicianId: 'ben', minutes: 30, note: 'Reset' });
  const toner = entry({ workDate: '2026-11-03', minutes: 45, note: 'Replaced toner' });
  const onsite = entry({ workDate: '2026-11-05', serviceId: 'onsite', minutes: 90, rate: 15000, note: 'Drum' });
  const rush = entry({ workDate: '2026-11-03', ticketId: 't-mail', minutes: 15, rate: 20000, note: 'Rush' });
  const entries = [mail, toner, onsite, rush];

  it('PER_ENTRY: one line per entry, date · technician · ticket · note, by date then ticket', () => {
    expect(shown(itemizeTime(entries, TimeItemization.PER_ENTRY, names, 0))).toEqual([
      ['2026-11-03 · Ana Ruiz · #1042 Printer offline · Replaced toner', '0.75', 10000, 7500, [toner.id]],
      ['2026-11-03 · Ana Ruiz · #1043 Mail down · Rush', '0.25', 20000, 5000, [rush.id]],
      ['2026-11-04 · Ben Ito · #1043 Mail down · Reset', '0.5', 10000, 5000, [mail.id]],
      ['2026-11-05 · Ana Ruiz · #1042 Printer offline · Drum', '1.5', 15000, 22500, [onsite.id]],
    ]);
  });

  it('PER_ENTRY: an entry without a note ends at the ticket', () => {
    const bare = entry({ note: '  ' });
    expect(itemizeTime([bare], TimeItemization.PER_ENTRY, names, 0)[0]!.description).toBe(
      '2026-11-03 · Ana Ruiz · #1042 Printer offline',
    );
  });

  it('PER_TICKET: one line per ticket, service and rate; a ticket’s lines stay together, by its first date', () => {
    const again = entry({ workDate: '2026-11-06', minutes: 15 });
    expect(shown(itemizeTime([...entries, again], TimeItemization.PER_TICKET, names, 0))).toEqual([
      ['#1042 Printer offline · Remote support (2 entries)', '1', 10000, 10000, [toner.id, again.id]],
      ['#1042 Printer offline · On-site (1 entry)', '1.5', 15000, 22500, [onsite.id]],
      // Two rates on one ticket and service: two lines, the higher rate first; one service, so no service name.
      ['#1043 Mail down (1 entry)', '0.25', 20000, 5000, [rush.id]],
      ['#1043 Mail down (1 entry)', '0.5', 10000, 5000, [mail.id]],
    ]);
  });

  it('PER_SERVICE: one line per service and rate, by service code then the higher rate (the old behaviour)', () => {
    expect(shown(itemizeTime(entries, TimeItemization.PER_SERVICE, names, 0))).toEqual([
      ['Remote support', '0.25', 20000, 5000, [rush.id]],
      ['Remote support', '1.25', 10000, 12500, [toner.id, mail.id]],
      ['On-site', '1.5', 15000, 22500, [onsite.id]],
    ]);
  });

  it('every mode bills every entry exactly once, with the tax rate on each line', () => {
    for (const mode of Object.values(TimeItemization)) {
      const lines = itemizeTime(entries, mode, names, 825);
      expect(lines.flatMap((l) => l.entryIds).sort()).toEqual(entries.map((e) => e.id).sort());
      expect(lines.every((l) => l.taxRateBps === 825 && l.kind === 'TIME' && l.discount === 0)).toBe(true);
    }
  });

  it('rounds each line once: per entry 3 × round(0.3333 h × 100.00) = 99.99, grouped round(1 h × 100.00) = 100.00', () => {
    const thirds = [1, 2, 3].map((d) => entry({ workDate: `2026-11-0${d}`, minutes: 20, rate: 10000 }));
    const total = (mode: TimeItemization) => {
      const lines = itemizeTime(thirds, mode, names, 0);
      const amounts = lines.map((l) => lineAmounts(l));
      // The invoice total is the sum of its lines, whatever the mode.
      expect(invoiceTotals(amounts).total).toBe(amounts.reduce((s, a) => s + a.amount, 0));
      return invoiceTotals(amounts).total;
    };
    expect(itemizeTime(thirds, TimeItemization.PER_ENTRY, names, 0).map((l) => l.quantity)).toEqual([
      '0.3333',
      '0.3333',
      '0.3333',
    ]);
    expect(total(TimeItemization.PER_ENTRY)).toBe(9999);
    // Grouped lines sum the minutes first (60 → "1"), so they bill the exact hour.
    expect(total(TimeItemization.PER_TICKET)).toBe(10000);
    expect(total(TimeItemization.PER_SERVICE)).toBe(10000);
  });

  it('cuts a long note at a word break with an ellipsis and keeps the line within the description limit', () => {
    const words = 'Replaced the toner and cleaned the rollers again '.repeat(12);
    const [line] = itemizeTime([entry({ note: `${words}\n\nsecond paragraph` })], TimeItemization.PER_ENTRY, names, 0);
    const note = line!.description.split(' · ').at(-1)!;
    expect(note.length).toBeLessThanOrEqual(MAX_NOTE);
    expect(note.endsWith('…')).toBe(true);
    expect(note).not.toMatch(/\s…$/);
    expect(words.startsWith(note.slice(0, -1))).toBe(true);
    expect(line!.description).not.toContain('\n');
    const longTitle = { ...names, tickets: new Map([['t-printer', 'T'.repeat(900)]]) };
    const [titled] = itemizeTime([entry({})], TimeItemization.PER_TICKET, longTitle, 0);
    expect(titled!.description).toHaveLength(MAX_DESCRIPTION);
  });

  it('names unknown tickets, technicians and services with placeholders rather than failing', () => {
    const lonely = entry({ ticketId: 'gone', technicianId: 'gone', serviceId: 'gone', note: 'n' });
    const none = { services: new Map(), tickets: new Map(), technicians: new Map() };
    expect(itemizeTime([lonely], TimeItemization.PER_ENTRY, none, 0)[0]!.description).toBe(
      '2026-11-03 · Technician · Ticket · n',
    );
    expect(itemizeTime([lonely], TimeItemization.PER_SERVICE, none, 0)[0]!.description).toBe('Service');
  });
});

describe('clip', () => {
  it('leaves short text alone but flattens whitespace', () => {
    expect(clip(' a\n b\t c ', 10)).toBe('a b c');
  });
  it('cuts inside a word when there is no break near the end', () => {
    expect(clip('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
