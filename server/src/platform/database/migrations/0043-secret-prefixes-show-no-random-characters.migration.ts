import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored display prefixes of signing secrets (outbound webhook endpoints, Stripe webhook secrets) were
 * cut at the secret's second `_`, which for a `whsec_` secret can lie in its random part: up to five
 * random characters were shown. They become what secretPrefix (platform/crypto.ts) now shows: the fixed
 * `whsec_`, then the last four characters as before.
 */
export class SecretPrefixesShowNoRandomCharacters1795300046000 implements MigrationInterface {
  name = 'SecretPrefixesShowNoRandomCharacters1795300046000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['webhook_endpoints', 'stripe_webhook_secrets'])
      await q.query(
        `UPDATE ${table} SET secret_prefix = regexp_replace(secret_prefix, '^whsec_[^…]*…', 'whsec_…')
          WHERE secret_prefix ~ '^whsec_[^…]+…'`,
      );
  }

  async down(): Promise<void> {
    // The random characters are not kept anywhere: nothing to put back.
  }
}
