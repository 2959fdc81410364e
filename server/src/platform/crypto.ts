import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets at rest (Stripe keys, webhook secrets, QuickBooks tokens) are sealed with AES-256-GCM under a
 * master key. The sealed form is `v1:<iv>:<tag>:<ciphertext>` (base64url) so the key can be rotated later.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(material: string): SecretBox {
    const key = /^[0-9a-f]{64}$/i.test(material) ? Buffer.from(material, 'hex') : Buffer.from(material, 'base64');
    if (key.length !== 32) throw new Error('SETTLE_SECRET_KEY must be 32 bytes (64 hex chars or base64)');
    return new SecretBox(key);
  }

  /** Uses the configured key, or a key file generated once under the data directory. */
  static load(configured: string | undefined, dataDir: string): SecretBox {
    if (configured) return SecretBox.fromKey(configured);
    const file = path.join(dataDir, 'secret.key');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dataDir, { recursive: true });
      // Processes started together on one data dir (an `api` and a `worker`, first boot) must end up with
      // one key: each writes a key of its own aside and links it into place, which only the first does
      // (a link never replaces a file); the others read the winner's. A plain write let the last one win
      // the file while the first kept sealing with a key nobody else had.
      const mine = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
      fs.writeFileSync(mine, randomBytes(32).toString('hex'), { mode: 0o600 });
      try {
        fs.linkSync(mine, file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      } finally {
        fs.rmSync(mine, { force: true });
      }
    }
    return SecretBox.fromKey(fs.readFileSync(file, 'utf8').trim());
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join(':');
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unrecognised sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/**
 * The fixed prefixes secrets are known by (Stripe keys, signing secrets, Settle's API tokens). Only these
 * are shown from a secret's start: reading a prefix off the secret itself (up to its second `_`) showed
 * the random characters of a `whsec_` secret whose random part had a `_` near its start.
 */
const KNOWN_PREFIXES = ['sk_test_', 'sk_live_', 'pk_test_', 'pk_live_', 'rk_test_', 'rk_live_', 'whsec_', 'stl_'];
/** How many of a secret's last characters are shown, and how long its random part must be for that. */
const SHOWN_TAIL = 4;
const TAIL_AFTER = 16;

/**
 * What the API and logs may show of a secret: its fixed prefix (from KNOWN_PREFIXES, none otherwise)
 * and its last four characters when at least 16 follow the prefix, as `whsec_…1a2B`. Never a random
 * character from its start.
 */
export function secretPrefix(secret: string): string {
  const head = KNOWN_PREFIXES.filter((p) => secret.startsWith(p)).sort((a, b) => b.length - a.length)[0] ?? '';
  const rest = secret.slice(head.length);
  return `${head}…${rest.length >= TAIL_AFTER ? rest.slice(-SHOWN_TAIL) : ''}`;
}

export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Tokens (sessions, API tokens, magic links) are stored as SHA-256 hashes; lookups hash the input. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
