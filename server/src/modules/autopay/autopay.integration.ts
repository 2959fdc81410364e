import type { Container } from '../../app/container.js';
import { moduleServices } from '../../app/module-services.js';
import type { ModuleParts } from '../../app/settle-module.js';
import type { TypedTasks } from '../../platform/jobs/job-queue.js';
import { stripeOf } from '../stripe/stripe.integration.js';
import { AutopayAttemptsService } from './autopay-attempts.service.js';
import { AutopayCharger } from './autopay-charger.service.js';
import { AutopayHoldsService } from './autopay-holds.service.js';
import { AutopayAttempt } from './autopay.entities.js';
import { AutopaySettingsService } from './autopay-settings.service.js';
import { SavedMethodsService } from './saved-methods.service.js';
import './autopay.jobs.js';

export interface AutopayModule {
  methods: SavedMethodsService;
  settings: AutopaySettingsService;
  charger: AutopayCharger;
  attempts: AutopayAttemptsService;
  holds: AutopayHoldsService;
}

const services = moduleServices<AutopayModule>('autopay');

/** The autopay services of a running Settle (resolvers and tests reach them here). */
export const autopayOf = (c: Container): AutopayModule => services.of(c);

/**
 * Autopay reaches Stripe only through the Stripe module's connection and Checkout services. Like the
 * billing run, charging is a sweep reading the container's clock: a missed sweep is caught up by the next.
 */
export function autopayIntegration(c: Container): ModuleParts {
  const stripe = stripeOf(c);
  const methods = new SavedMethodsService(c.db, stripe.connections, stripe.checkout, c.config.publicUrl);
  const settings = new AutopaySettingsService(c.db, c.audit);
  const holds = new AutopayHoldsService(c.db);
  const charger = new AutopayCharger(c.db, c, stripe.connections, stripe.checkout, methods, holds);
  services.set(c, { methods, settings, charger, attempts: new AutopayAttemptsService(c.db), holds });
  // While a debit is processing the invoice still shows its balance: no Checkout payment on top of it.
  stripe.checkout.addPaymentHold((tx, orgId, invoiceId) =>
    tx.existsBy(AutopayAttempt, { orgId, invoiceId, status: 'PROCESSING' }),
  );
  // A bank debit that failed after it was started: recorded and retried like a card declined at once.
  c.events.on('stripe.payment-intent-failed', async (e, tx) => {
    await charger.intentFailed(tx, e);
  });
  const tasks: TypedTasks = {
    'autopay.run-due': async () => {
      // Debits whose outcome never arrived first: one settled or failed at Stripe frees its invoice.
      await charger.checkStalled();
      await charger.runDue();
    },
  };
  return {
    tasks,
    schedules: [{ task: 'autopay.run-due', match: '*/5 * * * *', identifier: 'autopay-run-due' }],
  };
}
