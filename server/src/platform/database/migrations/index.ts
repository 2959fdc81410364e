import { CoreSchema1795300000000 } from './0001-core-schema.migration.js';
import { QuickBooksSchema1795300002000 } from '../../../modules/quickbooks/quickbooks-schema.migration.js';
import { StripeSchema1795300001000 } from './0003-stripe-schema.migration.js';
import { StripeInboxForVolume1795300003000 } from './0004-stripe-inbox-for-volume.migration.js';
import { Exceptions1795300006000 } from './0006-exceptions.migration.js';
import { ConfirmEvents1795300007000 } from './0007-confirm-events.migration.js';
import { StripeAccount1795300008000 } from './0008-stripe-account.migration.js';
import { AccessScopes1795300010000 } from './0010-access-scopes.migration.js';
import { HttpHardening1795300011000 } from './0011-http-hardening.migration.js';
import { Faults1795300012000 } from './0012-faults.migration.js';

/** Every migration, in order. Modules append theirs here. */
export const MIGRATIONS = [
  CoreSchema1795300000000,
  QuickBooksSchema1795300002000,
  StripeSchema1795300001000,
  StripeInboxForVolume1795300003000,
  Exceptions1795300006000,
  ConfirmEvents1795300007000,
  StripeAccount1795300008000,
  AccessScopes1795300010000,
  HttpHardening1795300011000,
  Faults1795300012000,
];
