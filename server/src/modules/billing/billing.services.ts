import { moduleServices } from '../../app/module-services.js';
import type { Container } from '../../app/container.js';
import { BillingForecast } from './billing-forecast.js';
import { BillingRunner } from './billing-runner.service.js';
import { BillingSettingsService } from './billing-settings.service.js';

export interface BillingModule {
  settings: BillingSettingsService;
  runner: BillingRunner;
  forecast: BillingForecast;
}

const services = moduleServices<BillingModule>('billing');
export const billingOf = (c: Container): BillingModule => services.of(c);

export function createBillingServices(c: Container): BillingModule {
  const clock = () => c.clock;
  const settings = new BillingSettingsService(c.db, c.audit, clock);
  return services.set(c, {
    settings,
    runner: new BillingRunner(c.db, c.audit, c.events, c.invoices, c.generation, settings, clock),
    forecast: new BillingForecast(c.db, settings, c.generation, clock),
  });
}
