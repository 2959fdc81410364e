import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSettle, type TestSettle } from '../../test/harness.js';
import { createLogger } from '../platform/logger.js';
import { runInRequest } from '../platform/request-context.js';

let s: TestSettle;
beforeAll(async () => {
  s = await startTestSettle({ worker: false });
});
afterAll(async () => {
  await s?.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it("answers every request with an X-Request-Id: the caller's when it is a plain token, else a new one", async () => {
    const idOf = async (path: string, headers: Record<string, string> = {}) =>
      (await fetch(`${s.url}${path}`, { headers })).headers.get('x-request-id');
    expect(await idOf('/healthz', { 'X-Request-Id': 'lb-7f3a.42' })).toBe('lb-7f3a.42');
    const fresh = [await idOf('/healthz'), await idOf('/graphql?query=%7B__typename%7D')];
    for (const id of fresh) expect(id).toMatch(UUID);
    expect(fresh[0]).not.toBe(fresh[1]);
    // Not echoed: anything that could forge or bloat a log line.
    expect(await idOf('/healthz', { 'X-Request-Id': 'a b"c' })).toMatch(UUID);
    expect(await idOf('/healthz', { 'X-Request-Id': 'x'.repeat(129) })).toMatch(UUID);
    // The webhook side-routes (served before Express) carry one too.
    const webhook = await fetch(`${s.url}/webhooks/stripe/nobody`, { method: 'POST', body: '{}' });
    expect(webhook.headers.get('x-request-id')).toMatch(UUID);
  });

  it('puts the request id on every log line written while serving the request, and on no other', () => {
    const lines: Array<Record<string, unknown>> = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    runInRequest('req-1', () => log.info('inside'));
    log.info('outside');
    expect(lines.map((l) => [l.msg, l.reqId])).toEqual([
      ['inside', 'req-1'],
      ['outside', undefined],
    ]);
  });
});
