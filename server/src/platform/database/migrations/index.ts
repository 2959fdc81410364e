import { StripeSchema1795300001000 } from './0003-stripe-schema.migration.js';
import { CoreSchema1795300000000 } from './0001-core-schema.migration.js';
import { StripeInboxForVolume1795300003000 } from './0004-stripe-inbox-for-volume.migration.js';
import { ConfirmEvents1795300007000 } from './0007-confirm-events.migration.js';
import { QuickBooksSchema1795300002000 } from '../../../modules/quickbooks/quickbooks-schema.migration.js';

/** Every migration, in order. Modules append theirs here. */
export const MIGRATIONS = [CoreSchema1795300000000, QuickBooksSchema1795300002000, StripeSchema1795300001000, StripeInboxForVolume1795300003000, ConfirmEvents1795300007000];
