import { moduleServices } from '../../app/module-services.js';
import type { Container } from '../../app/container.js';
import { followInvoices } from './contract-release.js';
import { ContractService } from './contract.service.js';

const services = moduleServices<ContractService>('contracts');
export const contractsOf = (c: Container): ContractService => services.of(c);
export const setUpContracts = (c: Container) => {
  services.set(c, new ContractService(c.db, c.audit, () => c.clock));
  followInvoices(c.events, c.audit);
  return {};
};
