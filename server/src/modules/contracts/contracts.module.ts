import { BILLING } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import {
  Contract,
  ContractCharge,
  ContractEndCredit,
  ContractLine,
  ContractQuantityChange,
} from './contract.entity.js';
import { ContractLineResolver, ContractResolver } from './contract.resolver.js';
import { setUpContracts } from './contracts.services.js';
import { Contracts1795300024000 } from './migrations/0021-contracts.migration.js';
import { nodeSource } from '../../graphql/node.js';
import { ContractEndCredit1795300028000 } from './migrations/0025-contract-end-credit.migration.js';
import { ChargesNameTheirLines1795300044000 } from './migrations/0041-charges-name-their-lines.migration.js';
import { EndCreditsNameTheirLines1795300051000 } from './migrations/0045-end-credits-name-their-lines.migration.js';

/** Contracts: a client's recurring lines (seats, devices, flat fees), their cycles and quantity changes. */
export const contractsModule: SettleModule = {
  name: 'contracts',
  entities: [Contract, ContractLine, ContractQuantityChange, ContractCharge, ContractEndCredit],
  migrations: [
    Contracts1795300024000,
    ContractEndCredit1795300028000,
    ChargesNameTheirLines1795300044000,
    EndCreditsNameTheirLines1795300051000,
  ],
  resolvers: [ContractResolver, ContractLineResolver],
  nodes: [
    nodeSource(Contract),
    nodeSource(ContractLine),
    nodeSource(ContractQuantityChange),
    nodeSource(ContractCharge),
    nodeSource(ContractEndCredit),
  ],
  access: {
    Query: { contracts: BILLING, contract: BILLING },
    Mutation: {
      createContract: BILLING,
      updateContract: BILLING,
      addContractLine: BILLING,
      changeContractQuantity: BILLING,
    },
  },
  setup: setUpContracts,
};
