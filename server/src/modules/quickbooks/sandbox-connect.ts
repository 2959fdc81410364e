import { logger } from '../../platform/logger.js';
import type { JobName } from '../../platform/jobs/job-queue.js';
import type { OrganizationService } from '../organizations/organization.service.js';
import type { QuickBooksConnectionService } from './quickbooks-connection.service.js';

export const DEMO_TASK = 'quickbooks.connect-demo' satisfies JobName;
const DEMO_SLUG = 'demo';

/**
 * `pnpm start` offline: connect the demo org to the emulator's sandbox company with the ready-made token
 * pair from /__emulator/credentials. Idempotent, and never undoes a person's own Disconnect.
 */
export async function connectDemoSandbox(
  organizations: OrganizationService,
  connections: QuickBooksConnectionService,
): Promise<void> {
  const apiUrl = connections.settings.apiUrl;
  if (!apiUrl) return;
  const org = await organizations.findBySlug(DEMO_SLUG);
  if (!org) throw new Error('demo organization not seeded yet'); // the job retries
  const existing = await connections.find(org.id);
  if (existing?.connectedAt || existing?.status === 'CONNECTED') return;
  const res = await fetch(`${apiUrl}/__emulator/credentials`);
  if (!res.ok) throw new Error(`QuickBooks emulator credentials: HTTP ${res.status}`);
  const c = (await res.json()) as { realmId: string; accessToken: string; refreshToken: string };
  await connections.store(org.id, c.realmId, {
    access_token: c.accessToken,
    refresh_token: c.refreshToken,
    expires_in: 3600,
  });
  logger.info({ orgId: org.id, realmId: c.realmId }, 'demo organization connected to the QuickBooks sandbox');
}
