import { describe, expect, it } from 'vitest';
import { expectNoChange, failure, ok } from '../../../test/api.js';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';

/**
 * A fixed price typed in the currency the admin app showed, sent after the client's currency changed:
 * refused, naming both currencies, instead of the number being read in the new currency.
 */
const s = settleForFile({ worker: false });

const CREATE = `mutation($i:CreateContractInput!){createContract(input:$i){id lines{priceSource unitPrice}}}`;
const ADD = `mutation($c:ID!,$l:ContractLineInput!){addContractLine(contractId:$c,line:$l){id unitPrice}}`;

/** A client shown (and priced) in USD whose currency is JPY by the time the request arrives. */
async function movedToJpy() {
  const { org, token } = await createOrgWithOwner(s);
  const f = await billingFixture(s.container, org.id, { clientName: 'Acme' });
  await s.container.clients.update(org.id, SYSTEM_ACTOR, f.client.id, { currency: 'JPY' });
  const fixed = (currency: string) => ({
    serviceId: f.service.id,
    quantity: 2,
    priceSource: 'FIXED',
    unitPrice: 4000,
    currency,
  });
  return { f, token, fixed };
}

const REFUSED =
  'This line was priced in USD, but Acme is billed in JPY (its currency has changed). Enter the price again in JPY.';

describe('a contract price and the currency it was typed in', () => {
  it('createContract refuses a fixed price in a currency the client is no longer billed in, and writes nothing', async () => {
    const { f, token, fixed } = await movedToJpy();
    const contract = (lines: unknown[]) => ({
      i: { clientId: f.client.id, name: 'Managed', cycle: 'MONTHLY', startDate: '2030-01-01', lines },
    });
    await expectNoChange(s, async () => {
      // It used to write USD 40.00 a seat as JPY 4,000 (the input had no currency to check).
      expect(failure(await s.gql(CREATE, contract([fixed('USD')]), token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'lines.0.currency',
        message: REFUSED,
      });
    });
    const made = ok(await s.gql(CREATE, contract([fixed('jpy')]), token)).createContract;
    expect(made.lines).toEqual([{ priceSource: 'FIXED', unitPrice: 4000 }]);
  });

  it('addContractLine refuses a fixed price in a currency the client is no longer billed in, and writes nothing', async () => {
    const { f, token, fixed } = await movedToJpy();
    const contract = ok(await s.gql(CREATE, { i: f.contractInput({ startDate: '2030-01-01' }) }, token)).createContract;
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(ADD, { c: contract.id, l: fixed('USD') }, token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'lines.0.currency',
        message: REFUSED,
      });
    });
    expect(ok(await s.gql(ADD, { c: contract.id, l: fixed('JPY') }, token)).addContractLine.unitPrice).toBe(4000);
  });
});
