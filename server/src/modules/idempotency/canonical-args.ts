import { createHash } from 'node:crypto';

/**
 * The arguments of a call as one string that does not depend on how they were written: object keys
 * sorted at every depth, null and absent fields left out (a GraphQL client may send either for "not
 * given"), array order kept. Two calls mean the same when their canonical forms are equal.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v ?? null));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== null && v !== undefined) out[k] = canonical(v);
    }
    return out;
  }
  return value;
}

/** sha256 (hex) of the canonical form of `args`: what a key remembers of the call that first used it. */
export function argsHash(args: unknown): string {
  return createHash('sha256').update(canonicalJson(args)).digest('hex');
}
