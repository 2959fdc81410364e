// ExchangeRate as QBO serves it: GET /exchangerate?sourcecurrencycode=EUR&asofdate=YYYY-MM-DD reads
// the rate of one currency into the home currency on a date (the latest one set on or before it),
// and POST /exchangerate?operation=update sets a rate for a date (no Id: a rate is keyed by
// currency and date). Only a company with multicurrency on has exchange rates.
import { qboDate, qboTimeMillis } from '../clock.js';
import { errors } from '../faults.js';
import type { Json, OpResult } from '../types.js';
import { type OpCtx, metaData, num } from './common.js';
import { currencyPrefs } from './currency.js';

const TYPE = 'ExchangeRate';

/** What QBO's rate feed would answer before anyone sets a rate: units of USD per unit of the currency. */
const USD_PER_UNIT: Record<string, number> = { USD: 1, EUR: 1.08, GBP: 1.27, CAD: 0.73, AUD: 0.66, JPY: 0.0067 };

function code(v: unknown, element: string): string {
  if (typeof v !== 'string' || !v.trim()) throw errors.required(element);
  const c = v.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(c)) throw errors.business(`${element} must be a three-letter currency code`);
  return c;
}

function date(v: unknown, ctx: OpCtx): string {
  if (v === undefined || v === '') return qboDate(ctx.now);
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
    throw errors.business(`AsOfDate must be a date (YYYY-MM-DD), not ${String(v)}`);
  return v;
}

function multicurrencyOn(ctx: OpCtx): string {
  const { enabled, home } = currencyPrefs(ctx);
  if (!enabled) throw errors.business('Exchange rates are only available when multicurrency is enabled');
  return home;
}

function feedRate(source: string, home: string): number {
  const s = USD_PER_UNIT[source];
  const h = USD_PER_UNIT[home];
  if (s === undefined || h === undefined) throw errors.business(`No exchange rate is available for ${source}`);
  return Number((s / h).toPrecision(7));
}

export function readExchangeRate(ctx: OpCtx, query: Record<string, string>): OpResult {
  const home = multicurrencyOn(ctx);
  const source = code(query.sourcecurrencycode, 'sourcecurrencycode');
  const asOf = date(query.asofdate, ctx);
  const set = Object.values(ctx.store.records(ctx.realm, TYPE))
    .map((r) => r.entity)
    .filter((e) => e.SourceCurrencyCode === source && e.TargetCurrencyCode === home && e.AsOfDate <= asOf)
    .sort((a, b) => (a.AsOfDate < b.AsOfDate ? 1 : -1))[0];
  const rate: Json = set
    ? { ...set, AsOfDate: asOf }
    : {
        SourceCurrencyCode: source,
        TargetCurrencyCode: home,
        Rate: source === home ? 1 : feedRate(source, home),
        AsOfDate: asOf,
        SyncToken: '0',
        MetaData: metaData(ctx.now),
      };
  return { status: 200, body: { ExchangeRate: rate, time: qboTimeMillis(ctx.now) } };
}

export function updateExchangeRate(ctx: OpCtx, input: Json | undefined): OpResult {
  const home = multicurrencyOn(ctx);
  const source = code(input?.SourceCurrencyCode, 'SourceCurrencyCode');
  if (source === home) throw errors.business('The home currency always has an exchange rate of 1');
  const rate = num(input?.Rate);
  if (rate === undefined) throw errors.required('Rate');
  if (rate <= 0) throw errors.business('Rate must be greater than zero');
  const asOf = date(input?.AsOfDate, ctx);
  const id = `${source}:${asOf}`;
  const existing = ctx.store.get(ctx.realm, TYPE, id)?.entity;
  const entity: Json = {
    SourceCurrencyCode: source,
    TargetCurrencyCode: home,
    Rate: rate,
    AsOfDate: asOf,
    SyncToken: existing ? String(Number(existing.SyncToken) + 1) : '0',
    MetaData: existing
      ? { ...existing.MetaData, LastUpdatedTime: metaData(ctx.now).LastUpdatedTime }
      : metaData(ctx.now),
  };
  ctx.store.put(ctx.realm, TYPE, { entity: { ...entity, Id: id } });
  return { status: 200, body: { ExchangeRate: entity, time: qboTimeMillis(ctx.now) } };
}
