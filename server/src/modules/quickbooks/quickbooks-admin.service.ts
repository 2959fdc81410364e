import type { DataSource } from 'typeorm';
import { badInput } from '../../platform/errors.js';
import { QuickBooksException, QuickBooksOperation, QuickBooksWebhookEvent } from './quickbooks.entities.js';
import type { QuickBooksConnectionService } from './quickbooks-connection.service.js';
import type { QuickBooksMappingService } from './quickbooks-mapping.service.js';
import type {
  QuickBooksConnectionView,
  QuickBooksMappingInput,
  QuickBooksRef,
  QuickBooksTaxCode,
} from './quickbooks.types.js';
import { keysetPage, newestFirst, type PageRequest } from '../../platform/database/keyset-page.js';
import { orgRowsWhere } from '../../platform/database/sql.js';
import type { OperationStatus, OpKind } from './quickbooks-operation-kinds.js';
import { parseNotifications } from './webhook-notifications.js';

/**
 * What the QuickBooks settings page reads and changes, for one org at a time: the connection as shown
 * (never its tokens), the connected company's items and accounts, the sync exceptions and notifications.
 */
export class QuickBooksAdminService {
  constructor(
    private readonly db: DataSource,
    private readonly connections: QuickBooksConnectionService,
    private readonly mapping: QuickBooksMappingService,
  ) {}

  async connectionView(orgId: string): Promise<QuickBooksConnectionView> {
    const s = this.connections.settings;
    const c = await this.connections.find(orgId);
    return {
      configured: s.configured,
      sandbox: Boolean(s.apiUrl),
      status: c?.status ?? 'DISCONNECTED',
      realmId: c?.realmId ?? null,
      companyName: c?.companyName ?? null,
      connectedAt: c?.status === 'CONNECTED' ? c.connectedAt : null,
      lastError: c?.lastError ?? null,
      mapping: c?.status === 'CONNECTED' ? await this.mapping.effective(c) : null,
    };
  }

  async disconnect(orgId: string): Promise<QuickBooksConnectionView> {
    await this.connections.disconnect(orgId);
    return this.connectionView(orgId);
  }

  async updateMapping(orgId: string, input: QuickBooksMappingInput): Promise<QuickBooksConnectionView> {
    const { connection, provider } = await this.connected(orgId);
    await this.mapping.update(connection, provider, input);
    return this.connectionView(orgId);
  }

  async items(orgId: string): Promise<QuickBooksRef[]> {
    return (await this.connected(orgId)).provider.listItems();
  }

  async taxCodes(orgId: string): Promise<QuickBooksTaxCode[]> {
    return (await this.connected(orgId)).provider.listTaxCodes();
  }

  async accounts(orgId: string): Promise<QuickBooksRef[]> {
    return (await this.connected(orgId)).provider.listAccounts();
  }

  /** One page of the sync failures a person must resolve (and the resolved ones when asked), newest first. */
  exceptions(orgId: string, includeResolved: boolean, page: PageRequest) {
    const qb = orgRowsWhere(this.db.getRepository(QuickBooksException), 'x', orgId, {
      'x.resolved_at IS NULL': !includeResolved,
    });
    return keysetPage(qb, newestFirst(), page, { orgId, max: 500, fallback: 50 });
  }

  /** Recent notifications for the org's connected company (none when it has no company). */
  /** One page of the outbound operations (of one status and kind when given), newest first. */
  operations(orgId: string, f: { status?: OperationStatus; kind?: OpKind }, page: PageRequest) {
    const qb = orgRowsWhere(this.db.getRepository(QuickBooksOperation), 'o', orgId, {
      'o.status = :v': f.status,
      'o.kind = :v': f.kind,
    });
    return keysetPage(qb, newestFirst(), page, { orgId, max: 500, fallback: 50 });
  }

  async webhookEvents(orgId: string, page: PageRequest) {
    const realm = (await this.connections.find(orgId))?.realmId ?? null;
    const qb = this.db.getRepository(QuickBooksWebhookEvent).createQueryBuilder('e');
    // No company: no notifications (the page is empty, not every org's).
    qb.where(realm ? ':realm = ANY(e.realm_ids)' : 'false', { realm });
    const order = { key: ['receivedAt', 'received_at'], direction: 'DESC' } as const;
    const found = await keysetPage(qb, order, page, { orgId, max: 500, fallback: 50 });
    return { ...found, nodes: found.nodes.map((e) => deliveryForRealm(e, realm!)) };
  }

  private async connected(orgId: string) {
    this.connections.assertConfigured();
    const connection = await this.connections.connected(orgId);
    if (!connection) throw badInput('quickbooks', 'Connect QuickBooks first');
    return { connection, provider: this.connections.provider(connection) };
  }
}
/**
 * A delivery as one company sees it: Intuit batches the notifications of every company an app serves
 * into one POST, so a stored delivery may name other realms (another organization's company). Only this
 * realm and the count of its own entity changes are shown.
 */
export function deliveryForRealm(event: QuickBooksWebhookEvent, realmId: string): QuickBooksWebhookEvent {
  let changes: Array<{ realmId: string }> = [];
  try {
    changes = parseNotifications(JSON.parse(event.body))?.changes ?? [];
  } catch {
    // Stored as received: a body that is not JSON names no entity of this realm.
  }
  return Object.assign(new QuickBooksWebhookEvent(), event, {
    realmIds: [realmId],
    entityCount: changes.filter((c) => c.realmId === realmId).length,
  });
}
