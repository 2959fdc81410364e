import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime, Actor } from '../runtime.js';
import type { AccountData, CollectionName } from '../core/store.js';
import type { FaultRule } from '../webhooks/webhook-delivery-types.js';
import { collectionForId } from '../core/store.js';
import { readBody, sendJson, matchPath } from '../core/http-util.js';
import { parseForm } from '../api/form-params.js';
import { emitEvent } from '../webhooks/events.js';
import { settleAsyncPayment } from '../payments/payments.js';
import { REFUND_FAILURE_REASONS, settleRefund, type RefundFailureReason } from '../payments/refund-outcomes.js';
import { createDispute, updateDisputeStatus } from '../payments/disputes.js';
import { createPayouts, failPayout } from '../payments/payouts.js';
import { accountIdForKey, publishableKeyFor } from '../api/auth.js';
import { newId, randomBase62, nowSeconds } from '../core/ids.js';
import { StripeApiError } from '../core/errors.js';
import { API_VERSION } from '../core/wire-types.js';
import { sweepExpired } from '../checkout/checkout-actions.js';
import { collectDueInvoices } from '../invoices/auto-collection.js';

type Body = Record<string, unknown>;
const FAULTS = ['drop', 'duplicate', 'delay', 'reorder'] as const;

async function body(req: IncomingMessage): Promise<Body> {
  const raw = await readBody(req);
  if (!raw) return {};
  if ((req.headers['content-type'] ?? '').includes('json')) return JSON.parse(raw) as Body;
  return parseForm(raw) as Body;
}

const bad = (message: string, status = 400) => new StripeApiError(status, { type: 'invalid_request_error', message });
const actor = (rt: Runtime, acct: AccountData): Actor => ({ rt, acct, request: { id: null, idempotency_key: null } });

/** Finds any object by id across accounts (the control API is unauthenticated, test-only). */
function locate(rt: Runtime, id: unknown): { acct: AccountData; coll: CollectionName; obj: Record<string, unknown> } {
  if (typeof id !== 'string') throw bad('object_id is required');
  const coll = collectionForId(id);
  const found = coll ? rt.store.findAnywhere(coll, id) : undefined;
  if (!coll || !found) throw bad(`No such object: '${id}'`, 404);
  return { acct: found.acct, coll, obj: found.obj as unknown as Record<string, unknown> };
}

const clockState = (rt: Runtime) => ({
  object: 'emulator_clock',
  frozen_time: rt.store.state.frozenTimeMs == null ? null : Math.floor(rt.store.state.frozenTimeMs / 1000),
  now: nowSeconds(),
});

/**
 * Freezes the clock at `frozen_time` (or `advance_seconds` past the current time), like advancing a Stripe test
 * clock: never backwards. Then runs what became due: automatic invoice payment attempts and Checkout expiry.
 */
function advanceClock(rt: Runtime, b: Body) {
  const current = nowSeconds();
  let target: number;
  if (b.frozen_time !== undefined) target = Number(b.frozen_time);
  else if (b.advance_seconds !== undefined) target = current + Number(b.advance_seconds);
  else target = current;
  if (!Number.isInteger(target)) throw bad('frozen_time (unix seconds) or advance_seconds must be an integer');
  if (target < current)
    throw bad(`The clock can only move forward: frozen_time ${target} is before the current time ${current}.`);
  rt.store.state.frozenTimeMs = target * 1000;
  rt.store.changed();
  // Work now happens on the new time (this request already runs on the emulator's clock).
  sweepExpired(rt);
  const attempted = collectDueInvoices(rt);
  return { ...clockState(rt), invoices_attempted: attempted };
}

/**
 * Makes refunds that change later (pending ones, the refund-failure test card) change now: every one
 * due, or only `refund`'s or `charge`'s; `outcome` and `failure_reason` override what was scheduled (a
 * pending bank refund can be made to fail). A refund that is already final is not touched.
 */
function advanceRefunds(rt: Runtime, b: Body) {
  if (b.outcome !== undefined && b.outcome !== 'succeeded' && b.outcome !== 'failed')
    throw bad('outcome must be succeeded or failed');
  if (b.failure_reason !== undefined && !REFUND_FAILURE_REASONS.includes(b.failure_reason as RefundFailureReason))
    throw bad(`failure_reason must be one of ${REFUND_FAILURE_REASONS.join(', ')}`);
  const forced = {
    outcome: b.outcome as 'succeeded' | 'failed' | undefined,
    failureReason: b.failure_reason as RefundFailureReason | undefined,
  };
  const settled: string[] = [];
  for (const acct of Object.values(rt.store.state.accounts)) {
    for (const id of Object.keys(acct.pendingRefunds ?? {})) {
      if (b.refund !== undefined && b.refund !== id) continue;
      if (b.charge !== undefined && acct.collections.refunds[id]?.charge !== b.charge) continue;
      if (settleRefund(actor(rt, acct), id, forced)) settled.push(id);
    }
  }
  return { settled };
}

/**
 * Test-only control plane under /__emulator (JSON in/out, no auth):
 *   GET  /__emulator/health
 *   POST /__emulator/reset
 *   GET|POST|DELETE /__emulator/clock     POST {frozen_time?: unix s, advance_seconds?} freeze/advance; DELETE = real time
 *   POST /__emulator/events/trigger        {type, object_id}
 *   POST /__emulator/disputes              {charge, amount?, reason?}
 *   POST /__emulator/disputes/:id          {status: under_review|won|lost|warning_needs_response…}
 *   POST /__emulator/async-payments/advance {payment_intent?|checkout_session?, outcome?: succeeded|failed}
 *   POST /__emulator/refunds/advance      {refund?|charge?, outcome?: succeeded|failed, failure_reason?}
 *   POST /__emulator/payouts/run          {account?, arrive?: true} pay out every balance transaction now
 *   POST /__emulator/payouts/:id/fail     {failure_code?} the bank returns the payout (in transit or paid)
 *   GET|POST|DELETE /__emulator/faults     POST {action: drop|duplicate|delay|reorder, count?, event_type?, endpoint?, delay_ms?}
 *   GET  /__emulator/deliveries            ?event=&endpoint=&status=&account=
 *   POST /__emulator/deliveries/flush      run pending retries now and wait for them
 *   GET  /__emulator/keys?secret_key=sk_test_…   → {account, publishable_key}
 *   POST /__emulator/connected-accounts    {platform_key} → connected account + access token (OAuth shortcut)
 */
export async function handleControl(rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '');
  const q = Object.fromEntries(url.searchParams);
  try {
    let m: Record<string, string> | null;
    if (path === '/__emulator/health') {
      return sendJson(res, 200, {
        ok: true,
        api_version: API_VERSION,
        accounts: Object.keys(rt.store.state.accounts).length,
        pending_deliveries: rt.store.state.deliveries.filter((d) => d.status === 'pending').length,
      });
    }
    if (path === '/__emulator/clock') {
      if (method === 'POST') return sendJson(res, 200, advanceClock(rt, await body(req)));
      if (method === 'DELETE') rt.store.state.frozenTimeMs = null;
      return sendJson(res, 200, clockState(rt));
    }
    if (path === '/__emulator/reset' && method === 'POST') {
      rt.delivery.clear();
      rt.store.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/__emulator/events/trigger' && method === 'POST') {
      const b = await body(req);
      if (typeof b.type !== 'string') throw bad('type is required');
      const { acct, obj } = locate(rt, b.object_id);
      return sendJson(res, 200, emitEvent(actor(rt, acct), b.type, obj));
    }
    if (path === '/__emulator/disputes' && method === 'POST') {
      const b = await body(req);
      const found = typeof b.charge === 'string' ? rt.store.findAnywhere('charges', b.charge) : undefined;
      if (!found) throw bad(`No such charge: '${String(b.charge)}'`, 404);
      const d = createDispute(actor(rt, found.acct), found.obj, {
        amount: b.amount === undefined ? undefined : Number(b.amount),
        reason: typeof b.reason === 'string' ? b.reason : undefined,
      });
      rt.store.changed();
      return sendJson(res, 200, d);
    }
    if ((m = matchPath('/__emulator/disputes/:id', path)) && method === 'POST') {
      const b = await body(req);
      const found = rt.store.findAnywhere('disputes', m.id!);
      if (!found) throw bad(`No such dispute: '${m.id}'`, 404);
      if (typeof b.status !== 'string') throw bad('status is required');
      const d = updateDisputeStatus(actor(rt, found.acct), found.obj, b.status);
      rt.store.changed();
      return sendJson(res, 200, d);
    }
    if (path === '/__emulator/async-payments/advance' && method === 'POST') {
      const b = await body(req);
      const outcome = b.outcome === 'failed' ? 'failed' : b.outcome === 'succeeded' ? 'succeeded' : undefined;
      const settled: string[] = [];
      for (const acct of Object.values(rt.store.state.accounts)) {
        for (const piId of Object.keys(acct.pendingAsync)) {
          const session = Object.values(acct.collections.checkout_sessions).find((s) => s.payment_intent === piId);
          if (b.payment_intent && b.payment_intent !== piId) continue;
          if (b.checkout_session && session?.id !== b.checkout_session) continue;
          if (settleAsyncPayment(actor(rt, acct), piId, outcome)) settled.push(piId);
        }
      }
      return sendJson(res, 200, { settled });
    }
    if (path === '/__emulator/refunds/advance' && method === 'POST')
      return sendJson(res, 200, advanceRefunds(rt, await body(req)));
    if (path === '/__emulator/payouts/run' && method === 'POST') {
      const b = await body(req);
      if (b.account !== undefined && (typeof b.account !== 'string' || !rt.store.account(b.account)))
        throw bad(`No such account: '${String(b.account)}'`, 404);
      const accounts = b.account ? [rt.store.account(b.account)!] : Object.values(rt.store.state.accounts);
      const arrive = b.arrive !== false && b.arrive !== 'false';
      const payouts = accounts.flatMap((acct) => createPayouts(actor(rt, acct), { now: true, arrive }));
      rt.store.changed();
      return sendJson(res, 200, { object: 'list', data: payouts });
    }
    if ((m = matchPath('/__emulator/payouts/:id/fail', path)) && method === 'POST') {
      const b = await body(req);
      const acct = Object.values(rt.store.state.accounts).find((a) => a.collections.payouts?.[m!.id!]);
      if (!acct) throw bad(`No such payout: '${m.id}'`, 404);
      const code = typeof b.failure_code === 'string' ? b.failure_code : undefined;
      const po = failPayout(actor(rt, acct), acct.collections.payouts![m.id!]!, code);
      if (!po)
        throw bad(
          `Payout ${m.id} is ${acct.collections.payouts![m.id!]!.status}: only one in transit or paid can fail`,
        );
      rt.store.changed();
      return sendJson(res, 200, po);
    }
    if (path === '/__emulator/faults') {
      if (method === 'DELETE') {
        rt.delivery.faults = [];
        return sendJson(res, 200, { faults: [] });
      }
      if (method === 'POST') {
        const b = await body(req);
        if (!FAULTS.includes(b.action as (typeof FAULTS)[number]))
          throw bad(`action must be one of ${FAULTS.join(', ')}`);
        const rule: FaultRule = {
          id: newId('fault', 10),
          action: b.action as FaultRule['action'],
          remaining: Number(b.count ?? 1),
          event_type: typeof b.event_type === 'string' ? b.event_type : null,
          endpoint: typeof b.endpoint === 'string' ? b.endpoint : null,
          delay_ms: Number(b.delay_ms ?? 1000),
        };
        rt.delivery.faults.push(rule);
        return sendJson(res, 200, rule);
      }
      return sendJson(res, 200, { faults: rt.delivery.faults });
    }
    if (path === '/__emulator/deliveries' && method === 'GET') {
      const data = rt.store.state.deliveries.filter(
        (d) =>
          (!q.event || d.event === q.event) &&
          (!q.endpoint || d.endpoint === q.endpoint) &&
          (!q.status || d.status === q.status) &&
          (!q.account || d.account === q.account) &&
          (!q.event_type || d.event_type === q.event_type),
      );
      return sendJson(res, 200, { object: 'list', data });
    }
    if (path === '/__emulator/deliveries/flush' && method === 'POST') {
      const attempted = await rt.delivery.flush();
      await rt.delivery.idle();
      return sendJson(res, 200, { attempted });
    }
    if (path === '/__emulator/keys' && method === 'GET') {
      if (!q.secret_key) throw bad('secret_key is required');
      const bound = rt.store.state.boundKeys[q.secret_key]?.replace(/^revoked:.*/, '') || undefined;
      return sendJson(res, 200, {
        account: bound ?? accountIdForKey(q.secret_key),
        publishable_key: publishableKeyFor(q.secret_key),
      });
    }
    if (path === '/__emulator/connected-accounts' && method === 'POST') {
      const b = await body(req);
      if (typeof b.platform_key !== 'string') throw bad('platform_key is required');
      const bound = rt.store.state.boundKeys[b.platform_key];
      if (bound?.startsWith('revoked:')) throw bad('platform_key has been revoked');
      const platformId = bound ?? accountIdForKey(b.platform_key);
      rt.store.ensureAccount(platformId, nowSeconds());
      const acct = rt.store.ensureAccount(`acct_1${randomBase62(15)}`, nowSeconds(), platformId);
      const token = `sk_test_${randomBase62(99)}`;
      rt.store.state.boundKeys[token] = acct.id;
      rt.store.changed();
      return sendJson(res, 200, {
        stripe_user_id: acct.id,
        access_token: token,
        stripe_publishable_key: publishableKeyFor(token),
      });
    }
    throw bad(`Unknown control endpoint: ${method} ${path}`, 404);
  } catch (err) {
    if (err instanceof StripeApiError) return sendJson(res, err.status, { error: err.body });
    if (err instanceof SyntaxError)
      return sendJson(res, 400, { error: { type: 'invalid_request_error', message: 'Invalid JSON body' } });
    throw err;
  }
}
