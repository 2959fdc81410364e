import { describe, expect, it } from 'vitest';
import { billedOrgForFile, settleForFile } from '../../../test/for-file.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';

const s = settleForFile({ worker: false });
const org = billedOrgForFile(s, 'Padded names');

// A name's 1-to-n rule counted the spaces around it: a 200-character name pasted with a space before and
// after was refused as too long, though its trimmed value fits (and a padded name was stored padded).
describe('names padded with spaces', () => {
  it('are trimmed first, then checked, and kept trimmed', async () => {
    const { a, f } = org;
    const name = 'N'.repeat(199) + 'é';
    const client = ok(
      await s.gql(
        `mutation($n:String!){createClient(input:{name:$n,billingEmail:"ap@x.test",currency:"USD"}){id name}}`,
        { n: `  ${name}  ` },
        a.token,
      ),
    ).createClient;
    expect(client.name).toBe(name);
    const renamed = ok(
      await s.gql(
        `mutation($n:String!,$id:ID!){updateClient(id:$id,input:{name:$n}){name}}`,
        { id: f.client.id, n: `\t${'🧾'.repeat(200)} ` },
        a.token,
      ),
    ).updateClient;
    expect(renamed.name).toBe('🧾'.repeat(200));
    const service = ok(
      await s.gql(
        `mutation($n:String!){createService(input:{code:"PADDED",name:$n}){name}}`,
        { n: ` ${name} ` },
        a.token,
      ),
    ).createService;
    expect(service.name).toBe(name);
  });

  it('are refused, naming the field, when the trimmed name is too long', async () => {
    const { a, f } = org;
    await expectNoChange(s, async () => {
      const long = failure(
        await s.gql(
          `mutation($n:String!,$id:ID!){updateClient(id:$id,input:{name:$n}){name}}`,
          { id: f.client.id, n: ` ${'N'.repeat(201)} ` },
          a.token,
        ),
      );
      expect(long).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
      expect(long.message).toContain('200');
    });
  });
});
