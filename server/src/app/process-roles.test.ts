import { afterAll, describe, expect, it } from 'vitest';
import { startTestSettle, type TestSettle } from '../../test/harness.js';
import { loadConfig, roleArgument } from '../platform/config.js';

/** One build, three roles: `all` (default), `api` (no jobs) and `worker` (jobs, probes only over HTTP). */
describe('process roles', () => {
  const started: TestSettle[] = [];
  afterAll(async () => {
    for (const s of started) await s.close();
  });

  it('are read from SETTLE_ROLE, the older SETTLE_WORKER=off meaning api, and a wrong one is refused', () => {
    const roleOf = (env: Record<string, string>) => {
      const c = loadConfig(env);
      return [c.role, c.runWorker, c.serveApi];
    };
    expect(roleOf({})).toEqual(['all', true, true]);
    expect(roleOf({ SETTLE_ROLE: 'api' })).toEqual(['api', false, true]);
    expect(roleOf({ SETTLE_ROLE: 'worker' })).toEqual(['worker', true, false]);
    expect(roleOf({ SETTLE_WORKER: 'off' })).toEqual(['api', false, true]);
    expect(() => loadConfig({ SETTLE_ROLE: 'web' })).toThrow('SETTLE_ROLE must be one of all, api, worker (got "web")');
    expect(roleArgument(['node', 'main.ts', '--role', 'worker'])).toBe('worker');
    expect(roleArgument(['node', 'main.ts', '--role=api'])).toBe('api');
    expect(roleArgument(['node', 'main.ts'])).toBeUndefined();
  });

  it('a worker runs jobs and answers the probes, and nothing else', async () => {
    const s = await startTestSettle({ env: { SETTLE_ROLE: 'worker' } });
    started.push(s);
    expect(s.worker).not.toBeNull();
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, listener: null, workers: s.worker!.configured });
    const graphql = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{__typename}"}',
    });
    expect(graphql.status).toBe(404);
    expect((await fetch(`${s.url}/webhooks/stripe/x`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('an api process serves GraphQL and runs no jobs', async () => {
    const s = await startTestSettle({ worker: false, env: { SETTLE_ROLE: 'api' } });
    started.push(s);
    expect(s.worker).toBeNull();
    expect((await s.gql('{__typename}')).data).toEqual({ __typename: 'Query' });
    expect(await (await fetch(`${s.url}/readyz`)).json()).toMatchObject({ ok: true, listener: true, workers: null });
  });
});
