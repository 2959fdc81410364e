import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSettle, type TestSettle } from '../../test/harness.js';
import { mayReadMetrics } from './probe-routes.js';

let s: TestSettle;
beforeAll(async () => {
  s = await startTestSettle({ worker: true });
});
afterAll(async () => {
  await s?.close();
});

const scrape = async () => {
  const res = await fetch(`${s.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
};

describe('GET /metrics', () => {
  it('reports HTTP and GraphQL latency by operation, queues, inboxes and subscriptions in Prometheus format', async () => {
    await s.gql('query MetricsProbe { __typename }');
    await s.gql('query { __typename }');
    const text = await scrape();
    expect(text).toMatch(
      /settle_graphql_operation_duration_seconds_count\{operation="MetricsProbe",type="query",outcome="ok"\} 1/,
    );
    expect(text).toMatch(
      /settle_graphql_operation_duration_seconds_count\{operation="anonymous",type="query",outcome="ok"\} 1/,
    );
    expect(text).toMatch(
      /settle_http_request_duration_seconds_count\{method="POST",route="graphql",status="200"\} [1-9]/,
    );
    for (const gauge of [
      'settle_job_queue_depth',
      'settle_job_lag_seconds',
      'settle_jobs_failing',
      'settle_stripe_inbox_depth 0',
      'settle_stripe_processing_lag_seconds 0',
      'settle_quickbooks_operations_pending 0',
      'settle_quickbooks_sync_failures',
      'settle_outbound_webhooks_pending 0',
      'settle_graphql_subscriptions 0',
      'settle_process_resident_memory_bytes',
    ])
      expect(text).toContain(gauge);
  });

  it('keeps operation names a bounded label set: a name that is not a plain identifier is "anonymous"', async () => {
    await s.gql('query Odd_Name_2 { __typename }');
    const text = await scrape();
    expect(text).toContain('operation="Odd_Name_2"');
    expect(text).not.toContain('operation="{');
  });

  it('is served to this host, or elsewhere only with the metrics token', () => {
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    expect(mayReadMetrics('127.0.0.1', {})).toBe(true);
    expect(mayReadMetrics('::1', {})).toBe(true);
    expect(mayReadMetrics('10.0.0.7', {})).toBe(false);
    expect(mayReadMetrics('10.0.0.7', bearer('s3cret'), undefined)).toBe(false);
    expect(mayReadMetrics('10.0.0.7', bearer('s3cret'), 's3cret')).toBe(true);
    expect(mayReadMetrics('10.0.0.7', bearer('s3cre'), 's3cret')).toBe(false);
  });

  // A reverse proxy on this host (nginx, Caddy) connects from loopback on behalf of anyone on the internet.
  it('is not served to a request a proxy on this host forwards, unless it carries the token', async () => {
    const forwardedBy: Array<Record<string, string>> = [
      { 'x-forwarded-for': '203.0.113.9' },
      { forwarded: 'for=203.0.113.9' },
      { 'x-real-ip': '203.0.113.9' },
    ];
    for (const headers of forwardedBy) {
      const res = await fetch(`${s.url}/metrics`, { headers });
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('settle_');
    }
    expect(
      mayReadMetrics('127.0.0.1', { 'x-forwarded-for': '203.0.113.9', ...{ authorization: 'Bearer t' } }, 't'),
    ).toBe(true);
  });
});
