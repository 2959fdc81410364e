import { describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import type { Invoice } from '../invoices/invoice.entity.js';
import { PaymentSource } from './payment.entity.js';
import { PaymentProviders, type PaymentProvider } from './payment-provider.js';

const tx = {} as EntityManager;
const invoice = { id: 'inv-1' } as Invoice;

/** A provider that offers `url` and records when it was asked to close the links. */
function fakeProvider(source: PaymentSource, url: string | null, closed: string[], refuse = false): PaymentProvider {
  return {
    source,
    name: source,
    refund: () => Promise.reject(new Error('not used')),
    payUrls: async (_tx, _orgId, invoices) => invoices.map(() => url),
    closePayLinks: async () => {
      closed.push(source);
      if (refuse) throw new Error(`${source} refuses`);
    },
  };
}

describe('PaymentProviders', () => {
  it('holds one provider per payment source and finds it by source', () => {
    const providers = new PaymentProviders();
    const stripe = fakeProvider(PaymentSource.STRIPE, null, []);
    providers.add(stripe);
    expect(providers.of(PaymentSource.STRIPE)).toBe(stripe);
    expect(providers.of(PaymentSource.QUICKBOOKS)).toBeUndefined();
    expect(() => providers.add(fakeProvider(PaymentSource.STRIPE, null, []))).toThrow(/Two modules/);
  });

  it('offers the pay link of the last provider that has one, null when none has', async () => {
    const providers = new PaymentProviders();
    expect(await providers.payUrl(tx, 'org', invoice)).toBeNull();
    providers.add(fakeProvider(PaymentSource.STRIPE, 'https://a.example', []));
    providers.add(fakeProvider(PaymentSource.QUICKBOOKS, null, []));
    expect(await providers.payUrl(tx, 'org', invoice)).toBe('https://a.example');
    providers.add(fakeProvider(PaymentSource.MANUAL, 'https://c.example', []));
    expect(await providers.payUrl(tx, 'org', invoice)).toBe('https://c.example');
  });

  it('has every provider close its links in order, stopping at the first refusal', async () => {
    const closed: string[] = [];
    const providers = new PaymentProviders();
    providers.add(fakeProvider(PaymentSource.STRIPE, null, closed));
    providers.add(fakeProvider(PaymentSource.QUICKBOOKS, null, closed, true));
    providers.add(fakeProvider(PaymentSource.MANUAL, null, closed));
    await expect(providers.closePayLinks(tx, 'org', invoice)).rejects.toThrow('QUICKBOOKS refuses');
    expect(closed).toEqual([PaymentSource.STRIPE, PaymentSource.QUICKBOOKS]);
  });
});
