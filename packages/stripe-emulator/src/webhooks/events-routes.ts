import { route, type Route } from '../api/routes.js';
import { retrieveRoute } from '../api/collection-routes.js';
import { str, bool, strArray } from '../api/param-helpers.js';
import { filterCreated, newestFirst, paginate } from '../api/list.js';
import { invalidRequest } from '../core/errors.js';

const typeMatches = (pattern: string, type: string) =>
  pattern.includes('*')
    ? new RegExp(
        `^${pattern
          .split('*')
          .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      ).test(type)
    : pattern === type;

export const eventRoutes: Route[] = [
  route('GET', '/v1/events', (ctx) => {
    let items = newestFirst(ctx.acct.collections.events);
    // Events are kept for 30 days, like Stripe.
    const cutoff = Math.floor(Date.now() / 1000) - 30 * 86400;
    items = items.filter((e) => e.created >= cutoff);
    const type = str(ctx.params, 'type');
    const types = strArray(ctx.params, 'types');
    if (type && types) throw invalidRequest('You may only specify one of these parameters: type, types.', 'types');
    if (types && types.length > 20) throw invalidRequest('You may pass at most 20 types.', 'types');
    if (type) items = items.filter((e) => typeMatches(type, e.type));
    if (types) items = items.filter((e) => types.includes(e.type));
    const ds = bool(ctx.params, 'delivery_success');
    if (ds !== undefined) items = items.filter((e) => (ctx.acct.eventDeliverySuccess[e.id] ?? true) === ds);
    return paginate(filterCreated(items, ctx.params), ctx.params, '/v1/events', 'event');
  }),
  retrieveRoute('/v1/events/:id', 'events', 'event'),
];
