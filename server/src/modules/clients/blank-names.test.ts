import { describe, expect, it } from 'vitest';
import { billedOrgForFile, settleForFile } from '../../../test/for-file.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';

const s = settleForFile({ worker: false });
const org = billedOrgForFile(s, 'Blank names');

// Names print on invoices (a service's as its time line's description, which the draft editor itself
// refuses blank), in emails and memos: Length(1, n) let "   " through as a name.
describe('names of spaces alone', () => {
  it('are refused, naming the field, and nothing is written', async () => {
    const { a, f } = org;
    const calls: Array<[string, Record<string, unknown>, string]> = [
      [`mutation($n:String!){createClient(input:{name:$n,billingEmail:"ap@x.test",currency:"USD"}){id}}`, {}, 'name'],
      [`mutation($n:String!,$id:ID!){updateClient(id:$id,input:{name:$n}){id}}`, { id: f.client.id }, 'name'],
      [`mutation($n:String!){createService(input:{code:"BLANK",name:$n}){id}}`, {}, 'name'],
      [`mutation($n:String!,$id:ID!){updateService(id:$id,input:{name:$n}){id}}`, { id: f.service.id }, 'name'],
      [`mutation($n:String!,$c:ID!){createTicket(input:{clientId:$c,title:$n}){id}}`, { c: f.client.id }, 'title'],
    ];
    await expectNoChange(s, async () => {
      for (const [query, vars, field] of calls)
        for (const n of ['   ', '\t\n'])
          expect(failure(await s.gql(query, { ...vars, n }, a.token)), query).toMatchObject({
            code: 'BAD_USER_INPUT',
            field,
            message: expect.stringContaining(`${field} cannot be blank`),
          });
    });
    // A name with spaces around it is still a name.
    const t = ok(await s.gql(calls[4]![0], { c: f.client.id, n: ' Printer ' }, a.token)).createTicket;
    expect(t.id).toBeTruthy();
  });
});
