import type { DataSource } from 'typeorm';
import { hashToken, randomToken } from '../../platform/crypto.js';
import { notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/actor.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import type { AuditService } from '../audit/audit.service.js';
import { scopeWithin, type TokenScope } from '../../graphql/access-policy.js';
import { ApiToken } from './api-token.entity.js';
import { User } from './user.entity.js';

/** What a bearer token starts with: the session lookup tells tokens from session cookies by it. */
export const API_TOKEN_PREFIX = 'stl_';

/**
 * An org's API tokens: made, listed and revoked by its admins. Resolving a token to its caller is the
 * session lookup's job (AuthService.resolve), which applies the same "acts as" rule as `actsAs` here.
 */
export class ApiTokenService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEventBus,
  ) {}

  /** The token itself is returned once, here; only its hash and a short prefix are kept. */
  async create(
    orgId: string,
    actor: Actor,
    name: string,
    scope: TokenScope = 'read',
  ): Promise<{ token: string; record: ApiToken }> {
    const token = randomToken(API_TOKEN_PREFIX);
    return this.db.transaction(async (tx) => {
      const record = await tx.save(ApiToken, {
        orgId,
        name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 10),
        scope,
        createdBy: actor.id,
      } as ApiToken);
      await this.audit.record(tx, orgId, actor, { type: 'ApiToken', id: record.id }, 'api_token.created', null, {
        name,
        prefix: record.prefix,
        scope,
      });
      return { token, record };
    });
  }

  async revoke(orgId: string, actor: Actor, id: string): Promise<ApiToken> {
    return this.db.transaction(async (tx) => {
      const record = await tx.findOne(ApiToken, { where: { id, orgId }, lock: { mode: 'pessimistic_write' } });
      if (!record) throw notFound('API token');
      if (!record.revokedAt) {
        record.revokedAt = new Date();
        await tx.save(record);
        await this.audit.record(tx, orgId, actor, { type: 'ApiToken', id }, 'api_token.revoked', null, {
          name: record.name,
          prefix: record.prefix,
        });
      }
      await this.events.emit(tx, 'auth.access-ended', { why: 'token-revoked' });
      return record;
    });
  }

  /**
   * What a token may do now: its scope within its creator's current role, or null when it no longer
   * works (revoked, its creator disabled or gone, or a creator who may read nothing a token reads).
   */
  async actsAs(orgId: string, t: { createdBy: string | null; scope: string; revokedAt: Date | null }) {
    if (t.revokedAt || !t.createdBy) return null;
    const creator = await this.db.getRepository(User).findOneBy({ orgId, id: t.createdBy });
    return creator && !creator.disabledAt ? scopeWithin(t.scope as TokenScope, creator.role) : null;
  }

  list(orgId: string): Promise<ApiToken[]> {
    return this.db.getRepository(ApiToken).find({ where: { orgId }, order: { createdAt: 'DESC' } });
  }
}
