import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IdArg, InputArg, OptionalArg } from '../../graphql/args.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { StaffWith, type StaffCaller } from '../../graphql/guards.js';
import { contractsOf } from './contracts.services.js';
import { Contract, ContractLine, ContractQuantityChange } from './contract.entity.js';
import type { ContractService } from './contract.service.js';
import { ChangeQuantityInput, ContractLineInput, CreateContractInput, UpdateContractInput } from './contract.types.js';

type ContractsStaff = StaffCaller & { contracts: ContractService };
const ContractsStaff = () => StaffWith((c) => ({ contracts: contractsOf(c) }));

@Resolver(() => Contract)
export class ContractResolver {
  @Query(() => [Contract], { description: "A client's contracts (all clients' when omitted), newest start first." })
  contracts(
    @OptionalArg('clientId', () => ID, "Only this client's contracts.")
    clientId: string | undefined,
    @ContractsStaff() s: ContractsStaff,
  ) {
    return s.contracts.list(s.orgId, clientId);
  }

  @Query(() => Contract, { description: 'One contract of the org.' })
  contract(@IdArg('id', 'The contract.') id: string, @ContractsStaff() s: ContractsStaff) {
    return s.contracts.get(s.orgId, id);
  }

  @Mutation(() => Contract, { description: 'Creates a recurring contract for a client.' })
  createContract(
    @InputArg(() => CreateContractInput, 'The contract and its lines.') input: CreateContractInput,
    @ContractsStaff() s: ContractsStaff,
  ) {
    return s.contracts.create(s.orgId, s.actor, input);
  }

  @Mutation(() => Contract, { description: 'Renames a contract or sets when it ends.' })
  updateContract(
    @IdArg('id', 'The contract to change.') id: string,
    @InputArg(() => UpdateContractInput, 'The fields to change; fields left out keep their value.')
    input: UpdateContractInput,
    @ContractsStaff() s: ContractsStaff,
  ) {
    return s.contracts.update(s.orgId, s.actor, id, input);
  }

  @Mutation(() => ContractLine, { description: 'Adds a line to a contract.' })
  addContractLine(
    @IdArg('contractId', 'The contract.') contractId: string,
    @Arg('line', () => ContractLineInput, { description: 'The line to add.' }) line: ContractLineInput,
    @ContractsStaff() s: ContractsStaff,
  ) {
    return s.contracts.addLine(s.orgId, s.actor, contractId, line);
  }

  @Mutation(() => ContractQuantityChange, {
    description: 'A new quantity from a date on; the rest of that period is prorated on the next invoice.',
  })
  changeContractQuantity(
    @InputArg(() => ChangeQuantityInput, 'The line, its new quantity and from when.')
    input: ChangeQuantityInput,
    @ContractsStaff() s: ContractsStaff,
  ) {
    return s.contracts.changeQuantity(s.orgId, s.actor, input);
  }

  @FieldResolver(() => [ContractLine], { description: 'What the contract bills each period, in order.' })
  lines(@Root() c: Contract, @Ctx() ctx: GraphQLContext) {
    return contractsOf(ctx.container).lines(c.orgId, c.id);
  }
}

@Resolver(() => ContractLine)
export class ContractLineResolver {
  @FieldResolver(() => [ContractQuantityChange], { description: 'Quantity changes, oldest first.' })
  quantityChanges(@Root() l: ContractLine, @Ctx() ctx: GraphQLContext) {
    return contractsOf(ctx.container).quantityChanges(l.orgId, l.id);
  }
}
