import { moduleServices } from '../../app/module-services.js';
import type { Container } from '../../app/container.js';
import { ClientCreditService } from './client-credit.service.js';
import { ClientCreditSettingsService } from './client-credit-settings.service.js';

export interface ClientCreditsModule {
  credits: ClientCreditService;
  settings: ClientCreditSettingsService;
}

const services = moduleServices<ClientCreditsModule>('client-credits');
export const clientCreditsOf = (c: Container): ClientCreditsModule => services.of(c);

export function createClientCreditServices(c: Container): ClientCreditsModule {
  return services.set(c, {
    credits: new ClientCreditService(c.db, c.settlement, c.exceptionRemedies),
    settings: new ClientCreditSettingsService(c.db, c.audit),
  });
}
