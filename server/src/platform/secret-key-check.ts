import type { DataSource } from 'typeorm';
import type { SecretBox } from './crypto.js';

const KNOWN_TEXT = 'settle secret key check';

/**
 * Every process on a database must seal and open provider secrets with the same key. One started with
 * another (SETTLE_SECRET_KEY missing on its host, so it generated a key into its own data dir) served as
 * if nothing were wrong: the Stripe keys, webhook secrets and QuickBooks tokens the others sealed did not
 * open in it, and what it sealed no other process could open. The first process to start seals a known
 * text into secret_key_check (migration 0047); a process whose key does not open it refuses to start.
 */
export async function checkSecretKey(db: DataSource, secrets: SecretBox): Promise<void> {
  await db.query(`INSERT INTO secret_key_check (sealed) VALUES ($1) ON CONFLICT DO NOTHING`, [
    secrets.seal(KNOWN_TEXT),
  ]);
  const [row] = (await db.query(`SELECT sealed, created_at FROM secret_key_check`)) as Array<{
    sealed: string;
    created_at: Date;
  }>;
  let opened: string | null;
  try {
    opened = secrets.open(row!.sealed);
  } catch {
    opened = null;
  }
  if (opened !== KNOWN_TEXT)
    throw new Error(
      `SETTLE_SECRET_KEY is not the key this database's secrets were sealed with (the key of the first process ` +
        `started on it, ${row!.created_at.toISOString()}): give every process the same SETTLE_SECRET_KEY. ` +
        `If that key is lost for good, its sealed secrets are too: reconnect Stripe and QuickBooks after ` +
        `DELETE FROM secret_key_check.`,
    );
}
