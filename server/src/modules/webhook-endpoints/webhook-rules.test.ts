import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { verifySettleSignature } from '../../../../examples/src/verify-webhook.js';
import { nextRetryAt, retryDelayMs, RETRY_WINDOW_MS } from './webhook-retry.js';
import { settleSignature } from './webhook-signature.js';
import { checkWebhookUrl, isPrivateAddress, PUBLIC_ONLY, WebhookAddressPolicy } from './webhook-url-policy.js';

describe('retry schedule', () => {
  it('waits 10 s doubling up to 6 hours', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(30)).toBe(6 * 3_600_000);
  });

  it('tries until exactly 3 days after the first attempt, then gives up', () => {
    const first = new Date('2026-01-01T00:00:00Z');
    let at = first;
    const tries: Date[] = [];
    for (let failures = 1; ; failures++) {
      const next = nextRetryAt(first, failures, at);
      if (!next) break;
      tries.push(next);
      at = next;
    }
    expect(tries.at(-1)!.getTime() - first.getTime()).toBe(RETRY_WINDOW_MS);
    expect(tries.length).toBeGreaterThan(15);
    expect(tries.length).toBeLessThan(30);
    // A failure seen only after the window (the worker was down) gives up at once.
    expect(nextRetryAt(first, 2, new Date(first.getTime() + RETRY_WINDOW_MS + 1))).toBeNull();
  });
});

describe('signature verification (the example for integrators)', () => {
  const body = JSON.stringify({ id: 'evt_1', type: 'invoice.paid', data: { object: { id: 'x' } } });
  const now = 1_800_000_000;

  it('accepts what Settle signs, within the tolerance', () => {
    expect(verifySettleSignature(body, settleSignature(body, 'whsec_a', now), 'whsec_a', 300, now + 299)).toBe(true);
  });

  it('refuses another secret, a changed body, an old timestamp and junk', () => {
    const header = settleSignature(body, 'whsec_a', now);
    expect(verifySettleSignature(body, header, 'whsec_b', 300, now)).toBe(false);
    expect(verifySettleSignature(`${body} `, header, 'whsec_a', 300, now)).toBe(false);
    expect(verifySettleSignature(body, header, 'whsec_a', 300, now + 301)).toBe(false);
    expect(verifySettleSignature(body, 'v1=abc', 'whsec_a', 300, now)).toBe(false);
    expect(verifySettleSignature(body, undefined, 'whsec_a')).toBe(false);
  });
});

describe('webhook URL policy', () => {
  it('knows private, loopback, link-local and unique-local addresses, IPv4 and IPv6', () => {
    for (const a of ['10.1.2.3', '127.0.0.1', '169.254.169.254', '172.20.0.1', '192.168.1.1', '100.64.0.1', '0.0.0.0'])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of [
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      'fc12::3',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '64:ff9b::a00:1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  const refusal = async (url: string, addresses: string[] = ['93.184.216.34'], policy = PUBLIC_ONLY) => {
    try {
      await checkWebhookUrl(url, policy, async () => addresses);
      return null;
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).field).toBe('url');
      return (err as AppError).message;
    }
  };

  it('refuses other schemes, credentials, and names resolving to any private address', async () => {
    expect(await refusal('https://hooks.example.com/settle')).toBeNull();
    expect(await refusal('ftp://hooks.example.com/')).toMatch(/https/);
    expect(await refusal('not a url')).toMatch(/full URL/);
    expect(await refusal('https://user:pw@hooks.example.com/')).toMatch(/password/);
    expect(await refusal('http://127.0.0.1:8080/')).toMatch(/127\.0\.0\.1 is a private/);
    expect(await refusal('http://[::1]/')).toMatch(/::1 is a private/);
    expect(await refusal('https://nowhere.example.com/', [])).toMatch(/does not resolve/);
  });

  it('says a name resolves to a private address without saying which (that would map the network)', async () => {
    const said = await refusal('https://mixed.example.com/', ['93.184.216.34', 'fd00::5']);
    expect(said).toMatch(/mixed\.example\.com resolves to a private, loopback or link-local address/);
    expect(said).not.toContain('fd00');
    expect(said).not.toContain('93.184');
    const inside = await refusal('https://db.corp.example/', ['10.20.30.40']);
    expect(inside).not.toContain('10.20.30.40');
  });

  it("reaches private addresses only in the networks the operator listed, the organization's wishes aside", async () => {
    const operator = new WebhookAddressPolicy(['127.0.0.0/8', 'fd00::/8']);
    expect(await refusal('http://127.0.0.1:8080/', [], operator)).toBeNull();
    expect(await refusal('http://[::ffff:127.0.0.1]/', [], operator)).toBeNull();
    expect(await refusal('https://inside.example/', ['fd00::5'], operator)).toBeNull();
    expect(await refusal('http://10.0.0.5/', [], operator)).toMatch(/private/);
    expect(await refusal('https://metadata.example/', ['169.254.169.254'], operator)).toMatch(/private/);
    expect(await refusal('https://mixed.example/', ['127.0.0.1', '10.0.0.5'], operator)).toMatch(/private/);
    expect(await refusal('https://hooks.example.com/', ['93.184.216.34'], operator)).toBeNull();
    expect(PUBLIC_ONLY.allows('127.0.0.1')).toBe(false);
    expect(PUBLIC_ONLY.allows('8.8.8.8')).toBe(true);
  });
});
