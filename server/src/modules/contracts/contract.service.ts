import { MoreThan, type DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { badInput, notFound } from '../../platform/errors.js';
import { boundChangedDate } from '../../graphql/input-guards.js';
import { MAX_AMOUNT } from '../../platform/money.js';
import type { AuditService } from '../audit/audit.service.js';
import { Client } from '../clients/client.entity.js';
import { clientToBill } from '../clients/client-to-bill.js';
import { Service } from '../catalog/service.entity.js';
import { orgToday } from '../organizations/org-today.js';
import { cycleProblem, periodOf } from './contract-cycle.js';
import { Contract, ContractLine, ContractQuantityChange } from './contract.entity.js';
import type {
  ChangeQuantityInput,
  ContractLineInput,
  CreateContractInput,
  UpdateContractInput,
} from './contract.types.js';

/** Contracts, their recurring lines and quantity changes. Every change is audited in its own transaction. */
export class ContractService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: () => Clock,
  ) {}

  list(orgId: string, clientId?: string): Promise<Contract[]> {
    return this.db.getRepository(Contract).find({
      where: clientId ? { orgId, clientId } : { orgId },
      order: { startDate: 'DESC', createdAt: 'DESC' },
      take: 1000,
    });
  }

  async get(orgId: string, id: string): Promise<Contract> {
    const found = await this.db.getRepository(Contract).findOneBy({ orgId, id });
    if (!found) throw notFound('Contract');
    return found;
  }

  lines(orgId: string, contractId: string): Promise<ContractLine[]> {
    return this.db.getRepository(ContractLine).find({ where: { orgId, contractId }, order: { position: 'ASC' } });
  }

  quantityChanges(orgId: string, lineId: string): Promise<ContractQuantityChange[]> {
    return this.db
      .getRepository(ContractQuantityChange)
      .find({ where: { orgId, contractLineId: lineId }, order: { effectiveDate: 'ASC', createdAt: 'ASC' } });
  }

  async create(orgId: string, actor: Actor, input: CreateContractInput): Promise<Contract> {
    const start = new Date(`${input.startDate}T00:00:00Z`);
    const cycle = input.cycle;
    const spec = {
      cycle,
      intervalWeeks: input.intervalWeeks ?? 1,
      anchorDay: input.anchorDay ?? (cycle === 'WEEKLY' ? ((start.getUTCDay() + 6) % 7) + 1 : start.getUTCDate()),
      startDate: input.startDate,
      endDate: input.endDate ?? null,
    };
    const problem = cycleProblem(spec);
    if (problem) throw badInput(...problem);
    return this.db.transaction(async (tx) => {
      const client = await clientToBill(tx, orgId, input.clientId, {
        field: 'clientId',
        doing: 'giving it a contract',
      });
      await checkLines(tx, orgId, input.lines, client);
      const contract = await tx.save(Contract, {
        orgId,
        clientId: input.clientId,
        name: input.name.trim(),
        billingTiming: input.billingTiming,
        ...spec,
      } as Contract);
      await tx.insert(
        ContractLine,
        input.lines.map((l, i) => ({ ...lineRow(l), orgId, contractId: contract.id, position: i + 1 })),
      );
      await this.audit.record(tx, orgId, actor, onContract(contract.id), 'contract.created', null, {
        ...contract,
        lines: input.lines,
      });
      return contract;
    });
  }

  async update(orgId: string, actor: Actor, id: string, input: UpdateContractInput): Promise<Contract> {
    return this.db.transaction(async (tx) => {
      const contract = await lockContract(tx, orgId, id);
      boundChangedDate('endDate', input.endDate, contract.endDate);
      // A later end keeps fixed prices running: in the client's currency as it stands, never under its change.
      if (input.endDate !== undefined) await holdClient(tx, orgId, contract.clientId);
      const before = { ...contract };
      // Left out or null (the schema allows both): the name stays.
      if (input.name != null) contract.name = input.name.trim();
      if (input.endDate !== undefined) {
        if (input.endDate && input.endDate < contract.startDate)
          throw badInput('endDate', 'The contract ends before it starts');
        contract.endDate = input.endDate;
      }
      await tx.save(contract);
      await this.audit.record(tx, orgId, actor, onContract(id), 'contract.updated', before, contract);
      if (input.endDate !== undefined && input.endDate !== before.endDate) {
        // Periods already charged past the new end: their unused time is credited on the next invoice
        // (contract-end-credit.ts), so the trail says so next to the change that causes it.
        const charged = (await tx.query(
          `SELECT ch.contract_line_id AS "lineId", to_char(ch.period_start, 'YYYY-MM-DD') AS "periodStart",
                  to_char(ch.period_end, 'YYYY-MM-DD') AS "periodEnd"
             FROM contract_charges ch JOIN contract_lines l ON l.id = ch.contract_line_id
            WHERE l.org_id = $1 AND l.contract_id = $2 AND ($3::date IS NULL OR ch.period_end > $3::date)
              AND ($3::date IS NOT NULL OR EXISTS (SELECT 1 FROM contract_end_credits e
                     WHERE e.contract_line_id = ch.contract_line_id AND e.period_start = ch.period_start))
            ORDER BY ch.period_start`,
          [orgId, id, contract.endDate],
        )) as Array<{ lineId: string; periodStart: string; periodEnd: string }>;
        await this.audit.record(
          tx,
          orgId,
          actor,
          onContract(id),
          'contract.end-date-changed',
          { endDate: before.endDate },
          { endDate: contract.endDate, chargedPeriodsToSettle: charged },
        );
      }
      return contract;
    });
  }

  async addLine(orgId: string, actor: Actor, contractId: string, input: ContractLineInput): Promise<ContractLine> {
    return this.db.transaction(async (tx) => {
      const contract = await lockContract(tx, orgId, contractId);
      const client = await clientToBill(tx, orgId, contract.clientId, {
        field: 'contractId',
        doing: 'adding lines to its contracts',
      });
      await checkLines(tx, orgId, [input], client);
      const [{ max }] = (await tx.query(
        `SELECT coalesce(max(position), 0) AS max FROM contract_lines WHERE contract_id = $1`,
        [contractId],
      )) as [{ max: number }];
      const line = await tx.save(ContractLine, {
        ...lineRow(input),
        orgId,
        contractId,
        position: max + 1,
      } as ContractLine);
      await this.audit.record(tx, orgId, actor, onContract(contractId), 'contract.line-added', null, line);
      return line;
    });
  }

  /**
   * A new quantity from a date on (today or later: invoices already issued are never rewritten). The
   * rest of the period it falls in is prorated on the next invoice: credit at the old quantity, charge
   * at the new one.
   */
  async changeQuantity(orgId: string, actor: Actor, input: ChangeQuantityInput): Promise<ContractQuantityChange> {
    const today = await orgToday(this.db, orgId, this.clock().now());
    const effectiveDate = input.effectiveDate ?? today;
    if (effectiveDate < today) throw badInput('effectiveDate', 'A quantity change cannot start in the past');
    return this.db.transaction(async (tx) => {
      const line = await tx.findOne(ContractLine, {
        where: { orgId, id: input.lineId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!line) throw badInput('lineId', 'No such contract line in this organization');
      const contract = await lockContract(tx, orgId, line.contractId);
      if (!periodOf(contract, effectiveDate))
        throw badInput('effectiveDate', 'The date is outside the contract (before its start or after its end)');
      if (input.quantity === line.quantity) throw badInput('quantity', `The quantity is already ${line.quantity}`);
      const tooLarge = line.priceSource === 'FIXED' && periodAmountProblem(input.quantity, line.unitPrice ?? 0);
      if (tooLarge) throw badInput(tooLarge[0], tooLarge[1]);
      const later = await tx.existsBy(ContractQuantityChange, {
        contractLineId: line.id,
        effectiveDate: MoreThan(effectiveDate),
      });
      if (later)
        throw badInput('effectiveDate', 'A later quantity change is already planned; change quantities in date order');
      const change = await tx.save(ContractQuantityChange, {
        orgId,
        contractLineId: line.id,
        effectiveDate,
        oldQuantity: line.quantity,
        newQuantity: input.quantity,
        invoiceId: null,
      } as ContractQuantityChange);
      line.quantity = input.quantity;
      await tx.save(line);
      const before = { lineId: line.id, quantity: change.oldQuantity };
      const after = { lineId: line.id, quantity: change.newQuantity, effectiveDate };
      await this.audit.record(tx, orgId, actor, onContract(contract.id), 'contract.quantity-changed', before, after);
      return change;
    });
  }
}

/** The audit entity of a contract's changes (its lines and quantities are the contract's). */
const onContract = (id: string) => ({ type: 'Contract', id });

/**
 * Holds the client's row FOR SHARE until the caller commits: a currency change waits, then sees the fixed
 * prices written here (and refuses, as they are in the old currency), instead of passing them by while
 * they are uncommitted. Null when the client is not of the org.
 */
async function holdClient(tx: EntityManager, orgId: string, clientId: string): Promise<Client | null> {
  return tx.findOne(Client, { where: { orgId, id: clientId }, lock: { mode: 'pessimistic_read' } });
}

async function lockContract(tx: EntityManager, orgId: string, id: string): Promise<Contract> {
  const found = await tx.findOne(Contract, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
  if (!found) throw notFound('Contract');
  return found;
}

function lineRow(l: ContractLineInput): Partial<ContractLine> {
  return {
    serviceId: l.serviceId,
    description: (l.description ?? '').trim(),
    quantity: l.quantity,
    priceSource: l.priceSource,
    unitPrice: l.priceSource === 'FIXED' ? (l.unitPrice ?? null) : null,
    endDate: null,
  };
}

async function checkLines(tx: EntityManager, orgId: string, lines: ContractLineInput[], client: Client): Promise<void> {
  for (const [i, l] of lines.entries()) {
    // The caller priced the line in the currency it showed: a client whose currency changed since (the
    // form was open) would get that number read in its new currency (USD 40.00 a seat written as JPY 40).
    const currency = l.currency?.trim().toUpperCase();
    if (currency && currency !== client.currency)
      throw badInput(
        `lines.${i}.currency`,
        `This line was priced in ${currency}, but ${client.name} is billed in ${client.currency} (its currency has changed). Enter the price again in ${client.currency}.`,
      );
    if (!(await tx.existsBy(Service, { orgId, id: l.serviceId })))
      throw badInput(`lines.${i}.serviceId`, 'No such service in this organization');
    if (l.priceSource === 'FIXED' && (l.unitPrice == null || !Number.isSafeInteger(l.unitPrice) || l.unitPrice < 0))
      throw badInput(
        `lines.${i}.unitPrice`,
        'A fixed price needs a unit price: a whole, non-negative number of minor units',
      );
    // A period no invoice can carry would fail every billing run of the client (its other work held with it).
    const tooLarge = l.priceSource === 'FIXED' && periodAmountProblem(l.quantity, l.unitPrice!);
    if (tooLarge) throw badInput(`lines.${i}.${tooLarge[0]}`, tooLarge[1]);
    if (l.priceSource !== 'FIXED' && l.unitPrice != null)
      throw badInput(`lines.${i}.unitPrice`, 'Only FIXED lines carry their own unit price');
  }
}

/** Why a fixed-price line's full period cannot be invoiced (past MAX_AMOUNT, the most one line may carry), as [field, message]. */
function periodAmountProblem(quantity: number, unitPrice: number): ['unitPrice' | 'quantity', string] | null {
  if (unitPrice > MAX_AMOUNT) return ['unitPrice', `The unit price cannot exceed ${MAX_AMOUNT} minor units`];
  if (BigInt(quantity) * BigInt(unitPrice) > BigInt(MAX_AMOUNT))
    return ['quantity', `Quantity × unit price cannot exceed ${MAX_AMOUNT} minor units a period`];
  return null;
}
