import DataLoader from 'dataloader';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId } from '../../graphql/guards.js';
import { Invoice } from '../invoices/invoice.entity.js';
import type { AuditEvent } from './audit-event.entity.js';
import { actionLabel } from './audit-labels.js';
import { InvoiceActivity } from './invoice-activity.types.js';
import { invoiceSyncSteps, type SyncStep } from './invoice-sync-steps.js';

// Per request (keyed on its loaders): a page of invoices asking for `activity` costs two queries, not two each.
const stepLoaders = new WeakMap<object, DataLoader<string, SyncStep[]>>();
function stepsOf(ctx: GraphQLContext, orgId: string): DataLoader<string, SyncStep[]> {
  let l = stepLoaders.get(ctx.loaders);
  if (!l) {
    l = new DataLoader(async (ids) => {
      const steps = await invoiceSyncSteps(ctx.container.db, orgId, ids);
      return ids.map((id) => steps.filter((s) => s.invoiceId === id));
    });
    stepLoaders.set(ctx.loaders, l);
  }
  return l;
}

function fromAudit(e: AuditEvent): InvoiceActivity {
  return {
    id: `audit:${e.id}`,
    at: e.createdAt,
    system: 'Settle',
    label: actionLabel(e.action),
    action: e.action,
    actorLabel: e.actorLabel,
    via: e.via,
    status: null,
  };
}

@Resolver(() => Invoice)
export class InvoiceActivityResolver {
  @FieldResolver(() => [InvoiceActivity], {
    description:
      'The timeline of this invoice, oldest first: its audit trail with its Stripe and QuickBooks sync steps ' +
      '(billing staff only).',
  })
  async activity(@Root() inv: Invoice, @OrgId() orgId: string, @Ctx() ctx: GraphQLContext): Promise<InvoiceActivity[]> {
    const [trail, steps] = await Promise.all([
      ctx.loaders.timelineByInvoice.load(inv.id),
      stepsOf(ctx, orgId).load(inv.id),
    ]);
    const lines = [...trail.map(fromAudit), ...steps.map((s) => ({ ...s, action: null, actorLabel: null, via: null }))];
    // Same instant: Settle's change first (a push follows the send that queued it).
    const rank = (l: InvoiceActivity) => (l.system === 'Settle' ? 0 : 1);
    return lines.sort((a, b) => a.at.getTime() - b.at.getTime() || rank(a) - rank(b));
  }
}
