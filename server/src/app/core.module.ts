import { CoreSchema1795300000000 } from '../platform/database/migrations/0001-core-schema.migration.js';
import { HttpHardening1795300011000 } from '../platform/database/migrations/0009-http-hardening.migration.js';
import { Faults1795300012000 } from '../platform/database/migrations/0010-faults.migration.js';
import { SecretPrefixesShowNoRandomCharacters1795300046000 } from '../platform/database/migrations/0043-secret-prefixes-show-no-random-characters.migration.js';
import { SecretKeyCheck1795300071000 } from '../platform/database/migrations/0047-secret-key-check.migration.js';
import type { SettleModule } from './settle-module.js';

/**
 * The platform's own tables (rate-limit counters, worker heartbeats, the secret key check) and the first schema, which
 * created the billing core's tables in one migration before modules had folders of their own.
 */
export const coreModule: SettleModule = {
  name: 'core',
  migrations: [
    CoreSchema1795300000000,
    HttpHardening1795300011000,
    Faults1795300012000,
    // Rewrites display prefixes kept by the webhook and Stripe modules (secretPrefix is the platform's).
    SecretPrefixesShowNoRandomCharacters1795300046000,
    // One SETTLE_SECRET_KEY per database: a process with another refuses to start (secret-key-check.ts).
    SecretKeyCheck1795300071000,
  ],
};
