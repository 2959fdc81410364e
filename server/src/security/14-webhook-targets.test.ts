import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../test/for-file.js';
import { createOrgWithOwner, eventually } from '../../test/harness.js';
import { failure, ok } from '../../test/api.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { startReceiver } from '../modules/webhook-endpoints/webhook-test-kit.js';

/**
 * Security suite, point 14 (webhook targets): outbound webhooks reach public addresses only, unless the
 * operator lists private networks (SETTLE_WEBHOOK_PRIVATE_NETWORKS). No organization can lift that: an
 * org admin who could would read the server's internal services back through the delivery log. A
 * refusal says a host is private without saying what it resolved to.
 */
const s = settleForFile();

const CREATE = `mutation($i:CreateWebhookEndpointInput!){createWebhookEndpoint(input:$i){endpoint{id url}}}`;
const LOG = `query($id:ID!){webhookDeliveries(endpointId:$id,first:5){nodes{status attemptCount httpStatus responseExcerpt error}}}`;

describe('webhook targets are the operator’s decision', () => {
  it("an org admin (admin-scope token or session) cannot open the private network to its org's webhooks", async () => {
    // Stands for a service on the Settle host's private network (loopback here) that no tenant should reach.
    const internal = await startReceiver(() => ({ status: 500, body: 'INTERNAL-SECRET: db_password=hunter2' }));
    try {
      const o = await createOrgWithOwner(s);
      const admin = (await s.container.auth.createApiToken(o.org.id, { ...SYSTEM_ACTOR, id: o.owner.id }, 'x', 'admin'))
        .token;
      for (const caller of [admin, o.token]) {
        const lift = await s.gql(
          `mutation{updateOrganizationSettings(input:{allowPrivateWebhookUrls:true}){id}}`,
          {},
          caller,
        );
        expect(lift.errors?.length, JSON.stringify(lift)).toBeTruthy();
        expect(lift.data ?? null).toBeNull();
        expect(
          failure(await s.gql(CREATE, { i: { url: internal.url, events: ['INVOICE_PAID'] } }, caller)),
        ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
      }
      // Nor can it read the switch: the setting is gone from the API.
      expect((await s.gql(`{organization{allowPrivateWebhookUrls}}`, {}, o.token)).errors?.length).toBeTruthy();
      expect(internal.received).toHaveLength(0);
    } finally {
      await internal.close();
    }
  });

  it('says a host resolves to a private address without printing the address', async () => {
    const o = await createOrgWithOwner(s);
    const refused = failure(
      await s.gql(CREATE, { i: { url: 'http://localhost:9/hook', events: ['INVOICE_PAID'] } }, o.token),
    );
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    expect(refused.message).toMatch(/localhost resolves to a private, loopback or link-local address/);
    expect(refused.message).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it('an endpoint saved at a private address (an org that had the old switch on) fails to deliver, saying why', async () => {
    const internal = await startReceiver(() => ({ status: 500, body: 'INTERNAL-SECRET: db_password=hunter2' }));
    try {
      const o = await createOrgWithOwner(s);
      // Saved at a public address, then moved as the old switch allowed (no API call can do this now).
      const ep = ok(
        await s.gql(CREATE, { i: { url: 'http://93.184.216.34/settle', events: ['INVOICE_PAID'] } }, o.token),
      ).createWebhookEndpoint.endpoint;
      await s.container.db.query(`UPDATE webhook_endpoints SET url = $2 WHERE id = $1`, [ep.id, internal.url]);
      ok(await s.gql(`mutation($id:ID!){sendTestWebhookEvent(endpointId:$id){id}}`, { id: ep.id }, o.token));
      const d = await eventually(async () => {
        const [first] = ok(await s.gql(LOG, { id: ep.id }, o.token)).webhookDeliveries.nodes;
        return first?.attemptCount ? first : null;
      }, 'the refused attempt');
      expect(d).toMatchObject({ status: 'PENDING', httpStatus: null, responseExcerpt: null });
      expect(d.error).toMatch(
        /127\.0\.0\.1 is a private, loopback or link-local address, which this Settle server does not let webhooks reach/,
      );
      expect(internal.received).toHaveLength(0);
    } finally {
      await internal.close();
    }
  });
});
