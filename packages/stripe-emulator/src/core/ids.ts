import { createHash, randomBytes } from 'node:crypto';
import { nowMs } from './clock.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random bytes drawn in blocks: one kernel call per block instead of one per id. */
let pool = Buffer.alloc(0);
let used = 0;
function takeRandom(n: number): Buffer {
  if (used + n > pool.length) {
    pool = randomBytes(Math.max(4096, n));
    used = 0;
  }
  used += n;
  return pool.subarray(used - n, used);
}

/** Random base62 string; Stripe ids are opaque base62 so any app parsing them only sees the prefix. */
export function randomBase62(length: number): string {
  const bytes = takeRandom(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % 62];
  return out;
}

/** `prefix_1…` mimics Stripe's id style (prefix, version digit, 24 chars). */
export function newId(prefix: string, length = 24): string {
  return `${prefix}_1${randomBase62(length)}`;
}

/** Deterministic base62 digest so that a given secret key always maps to the same account. */
export function stableHash(input: string, length = 16): string {
  const digest = createHash('sha256').update(input).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[digest[i]! % 62];
  return out;
}

/** Seconds on the emulator's clock (real time unless the control API froze or advanced it). */
export const nowSeconds = (): number => Math.floor(nowMs() / 1000);
