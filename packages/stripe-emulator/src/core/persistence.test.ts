import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, sdk, startReceiver, draftInvoice } from '../testing.js';

describe('stateFile persistence', () => {
  it('keeps objects, idempotency keys and webhook endpoints across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stripe-emu-'));
    const stateFile = join(dir, 'state.json');
    const rx = await startReceiver();
    try {
      const first = await startEmulator({ stateFile });
      const s1 = sdk(first, 'sk_test_persist');
      const we = await s1.webhookEndpoints.create({ url: rx.url, enabled_events: ['customer.updated'] });
      const cus = await s1.customers.create({ email: 'keep@example.com' }, { idempotencyKey: 'persist-1' });
      const { invoice } = await draftInvoice(s1, 2500);
      await s1.invoices.finalizeInvoice(invoice.id);
      await s1.invoices.pay(invoice.id, { payment_method: 'pm_card_visa' });
      await first.close();
      expect(existsSync(stateFile)).toBe(true);

      const second = await startEmulator({ stateFile });
      const s2 = sdk(second, 'sk_test_persist');
      expect(((await s2.customers.retrieve(cus.id)) as { email?: string }).email).toBe('keep@example.com');
      // An invoice's payments are found from the restored state.
      const restored = await s2.invoices.retrieve(invoice.id, { expand: ['payments'] });
      expect(restored.payments!.data.map((p) => [p.invoice, p.amount_paid, p.status])).toEqual([
        [invoice.id, 2500, 'paid'],
      ]);
      const replay = await s2.customers.create({ email: 'keep@example.com' }, { idempotencyKey: 'persist-1' });
      expect(replay.id).toBe(cus.id);
      expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
      await s2.customers.update(cus.id, { name: 'After restart' });
      await rx.waitFor((r) => r.length >= 1);
      const event = s2.webhooks.constructEvent(
        rx.received[0]!.raw,
        rx.received[0]!.headers['stripe-signature'] as string,
        we.secret!,
      );
      expect(event.type).toBe('customer.updated');
      await second.close();

      const third = await startEmulator(); // no stateFile: empty
      const err = await sdk(third, 'sk_test_persist')
        .customers.retrieve(cus.id)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      await third.close();
    } finally {
      await rx.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
