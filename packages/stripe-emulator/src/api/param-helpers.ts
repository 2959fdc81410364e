import type { ParamObject, ParamValue } from './form-params.js';
import { invalidRequest, missingParam } from '../core/errors.js';

/** Typed accessors that raise Stripe-shaped 400s naming the offending `param`. */
export function str(p: ParamObject, name: string, required = false): string | undefined {
  const v = p[name];
  if (v === undefined || v === '') {
    if (required) throw missingParam(name);
    return undefined;
  }
  if (typeof v !== 'string') throw invalidRequest(`Invalid string: ${JSON.stringify(v)}`, name);
  return v;
}

export function int(p: ParamObject, name: string, required = false, param = name): number | undefined {
  const v = str(p, name, required);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw invalidRequest(`Invalid integer: ${v}`, param);
  return Number(v);
}

export function bool(p: ParamObject, name: string): boolean | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw invalidRequest(`Invalid boolean: ${v}`, name);
  return v === 'true';
}

export function oneOf<T extends string>(
  p: ParamObject,
  name: string,
  allowed: readonly T[],
  required = false,
): T | undefined {
  const v = str(p, name, required);
  if (v === undefined) return undefined;
  if (!allowed.includes(v as T)) throw invalidRequest(`Invalid ${name}: must be one of ${allowed.join(', ')}`, name);
  return v as T;
}

export function obj(p: ParamObject, name: string): ParamObject | undefined {
  const v = p[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw invalidRequest(`Invalid object`, name);
  return v;
}

export function arr(p: ParamObject, name: string): ParamValue[] | undefined {
  const v = p[name];
  if (v === undefined || v === '') return undefined;
  if (!Array.isArray(v)) throw invalidRequest(`Invalid array`, name);
  return v;
}

export function strArray(p: ParamObject, name: string): string[] | undefined {
  const a = arr(p, name);
  if (!a) return undefined;
  return a.map((x, i) => {
    if (typeof x !== 'string') throw invalidRequest('Invalid string', `${name}[${i}]`);
    return x;
  });
}

/**
 * Stripe metadata semantics: keys merge into existing metadata, `metadata[k]=` deletes k,
 * and `metadata=` (empty) clears everything. Limits per docs.stripe.com/api/metadata.
 */
export function applyMetadata(
  current: Record<string, string>,
  p: ParamObject,
  name = 'metadata',
): Record<string, string> {
  const v = p[name];
  if (v === undefined) return current;
  if (v === '') return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw invalidRequest('Invalid hash', name);
  const out = { ...current };
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string') throw invalidRequest('Invalid metadata value', `${name}[${k}]`);
    if (k.length > 40)
      throw invalidRequest(
        `Metadata keys can have up to 40 characters. ${k} has ${k.length} characters.`,
        `${name}[${k}]`,
      );
    if (val.length > 500)
      throw invalidRequest(
        `Metadata values can have up to 500 characters, but you passed in a value that is ${val.length} characters.`,
        `${name}[${k}]`,
      );
    if (val === '') delete out[k];
    else out[k] = val;
  }
  if (Object.keys(out).length > 50) throw invalidRequest('You can specify up to 50 keys in metadata.', name);
  return out;
}

/** ISO 4217 codes (Node's ICU list), lowercase as Stripe writes them: Stripe refuses a code that is no currency. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency').map((c) => c.toLowerCase()));

export function currencyParam(p: ParamObject, name = 'currency', required = true): string | undefined {
  const c = str(p, name, required)?.toLowerCase();
  if (c !== undefined && !CURRENCIES.has(c))
    throw invalidRequest(
      `Invalid currency: ${c}. Stripe currently supports these currencies: usd, eur, gbp, cad, aud, …`,
      name,
    );
  return c;
}
