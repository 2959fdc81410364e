import type { ApiContext } from '../runtime.js';
import type { WWebhookEndpoint } from '../core/wire-types.js';
import { route, type Route } from '../api/routes.js';
import { retrieveRoute } from '../api/collection-routes.js';
import { str, bool, applyMetadata, strArray } from '../api/param-helpers.js';
import { newestFirst, paginate } from '../api/list.js';
import { newId, nowSeconds } from '../core/ids.js';
import { getOr404, deleted } from '../core/resource-helpers.js';
import { invalidRequest, missingParam } from '../core/errors.js';
import { newWebhookSecret } from './webhook-signing.js';
import { API_VERSION } from '../core/wire-types.js';

/** Event names are checked against the API's list by the parameter schema before this runs. */
function enabledEvents(ctx: ApiContext, required: boolean): string[] | undefined {
  const list = strArray(ctx.params, 'enabled_events');
  if (!list || list.length === 0) {
    if (required) throw missingParam('enabled_events');
    return undefined;
  }
  return list;
}

/**
 * Stripe renders an endpoint's payloads at its `api_version`. The emulator renders every object at
 * API_VERSION only, so it refuses any other real version (unknown ones fail the schema's enum first)
 * rather than send payloads claiming a version whose shape they do not have.
 */
function apiVersion(ctx: ApiContext): string | null {
  const v = str(ctx.params, 'api_version');
  if (v === undefined || v === API_VERSION) return v ?? null;
  throw invalidRequest(
    `The Stripe emulator renders payloads at ${API_VERSION} only and cannot render ${v}: create the endpoint with api_version=${API_VERSION} or without api_version.`,
    'api_version',
  );
}

function checkUrl(url: string): void {
  if (!/^https?:\/\/[^\s]+$/.test(url))
    throw invalidRequest('Invalid URL: An explicit scheme (such as https) must be provided.', 'url', 'url_invalid');
}

export const webhookEndpointRoutes: Route[] = [
  route('POST', '/v1/webhook_endpoints', (ctx) => {
    const url = str(ctx.params, 'url', true)!;
    checkUrl(url);
    const events = enabledEvents(ctx, true)!;
    const we: WWebhookEndpoint = {
      id: newId('we'),
      object: 'webhook_endpoint',
      api_version: apiVersion(ctx),
      application: null,
      created: nowSeconds(),
      description: str(ctx.params, 'description') ?? null,
      enabled_events: events,
      livemode: !!ctx.acct.livemode,
      metadata: applyMetadata({}, ctx.params),
      status: 'enabled',
      url,
    };
    const secret = newWebhookSecret();
    ctx.acct.collections.webhook_endpoints[we.id] = we;
    ctx.acct.webhookSecrets[we.id] = secret;
    ctx.acct.webhookConnect[we.id] = bool(ctx.params, 'connect') ?? false;
    // The secret is only ever shown in the create response.
    return { ...we, secret };
  }),
  route('GET', '/v1/webhook_endpoints', (ctx) =>
    paginate(
      newestFirst(ctx.acct.collections.webhook_endpoints),
      ctx.params,
      '/v1/webhook_endpoints',
      'webhook_endpoint',
    ),
  ),
  retrieveRoute('/v1/webhook_endpoints/:id', 'webhook_endpoints', 'webhook endpoint'),
  // api_version cannot change after creation, so it is not an accepted param here.
  route('POST', '/v1/webhook_endpoints/:id', (ctx) => {
    const we = getOr404(ctx.acct, 'webhook_endpoints', ctx.path.id!, 'webhook endpoint');
    const url = str(ctx.params, 'url');
    if (url) {
      checkUrl(url);
      we.url = url;
    }
    const events = enabledEvents(ctx, false);
    if (events) we.enabled_events = events;
    if (ctx.params.description !== undefined) we.description = str(ctx.params, 'description') ?? null;
    const disabled = bool(ctx.params, 'disabled');
    if (disabled !== undefined) we.status = disabled ? 'disabled' : 'enabled';
    we.metadata = applyMetadata(we.metadata, ctx.params);
    return we;
  }),
  route('DELETE', '/v1/webhook_endpoints/:id', (ctx) => {
    const we = getOr404(ctx.acct, 'webhook_endpoints', ctx.path.id!, 'webhook endpoint');
    delete ctx.acct.collections.webhook_endpoints[we.id];
    return deleted(we.id, 'webhook_endpoint');
  }),
];
