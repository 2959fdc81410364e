import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../test/for-file.js';
import { createOrgWithOwner } from '../../test/harness.js';
import { billingFixture } from '../../test/fixtures.js';
import { daysFromToday, expectRefusedOn, ok } from '../../test/api.js';

/**
 * The bound on dates typed into mutations (date-bounds.test.ts) is on what a mutation changes. Records made
 * before it (imported, or typed in when 1999 or 2045 was accepted) keep their dates, and the admin app's
 * edit forms send the date back as they read it: renaming a contract ending in 2045, or fixing the memo of
 * a draft due in 1999, is no change to that date and must not be refused for it.
 */
const s = settleForFile({ worker: false });

async function world() {
  const A = await createOrgWithOwner(s, `Kept dates ${Math.random().toString(36).slice(2, 8)}`);
  const f = await billingFixture(s.container, A.org.id);
  return { A, f };
}

const UPDATE_DRAFT = `mutation($id:ID!,$i:UpdateDraftInvoiceInput!){updateDraftInvoice(id:$id,input:$i){memo issueDate dueDate}}`;
const UPDATE_CONTRACT = `mutation($id:ID!,$i:UpdateContractInput!){updateContract(id:$id,input:$i){name endDate}}`;
const UPDATE_ENTRY = `mutation($id:ID!,$i:UpdateTimeEntryInput!){updateTimeEntry(id:$id,input:$i){note workDate}}`;

describe('a stored date outside the bound, sent back unchanged', () => {
  it('a draft issued and due in 1999: its memo is edited with the dates sent as they were; a new 1999 date is refused', async () => {
    const { A, f } = await world();
    const draft = await f.draftInvoice(60);
    await s.container.db.query(`UPDATE invoices SET issue_date = '1999-11-01', due_date = '1999-12-01' WHERE id = $1`, [
      draft.id,
    ]);
    const kept = { issueDate: '1999-11-01', dueDate: '1999-12-01' };
    const edited = ok(await s.gql(UPDATE_DRAFT, { id: draft.id, i: { memo: 'PO 4471', ...kept } }, A.token));
    expect(edited.updateDraftInvoice).toEqual({ memo: 'PO 4471', ...kept });
    await expectRefusedOn(
      s,
      () => s.gql(UPDATE_DRAFT, { id: draft.id, i: { ...kept, dueDate: '1999-12-02' } }, A.token),
      'dueDate',
      'Due date must be on or after 2000-01-01',
    );
  });

  it('a contract ending in 2045 is renamed with its end sent as it was; moving the end to 2046 is refused', async () => {
    const { A, f } = await world();
    const created = ok(
      await s.gql(`mutation($i:CreateContractInput!){createContract(input:$i){id}}`, { i: f.contractInput() }, A.token),
    ).createContract;
    await s.container.db.query(`UPDATE contracts SET end_date = '2045-12-31' WHERE id = $1`, [created.id]);
    const renamed = ok(
      await s.gql(UPDATE_CONTRACT, { id: created.id, i: { name: 'Managed IT', endDate: '2045-12-31' } }, A.token),
    );
    expect(renamed.updateContract).toEqual({ name: 'Managed IT', endDate: '2045-12-31' });
    await expectRefusedOn(
      s,
      () => s.gql(UPDATE_CONTRACT, { id: created.id, i: { endDate: '2046-01-31' } }, A.token),
      'endDate',
      /^End date must be at most 10 years ahead/,
    );
  });

  it('time logged for a future day before the bound: its note is edited with the day sent as it was', async () => {
    const { A, f } = await world();
    const entry = await s.container.timeEntries.log(A.org.id, f.actor, f.timeInput(30, daysFromToday(0)));
    await s.container.db.query(`UPDATE time_entries SET work_date = $2 WHERE id = $1`, [entry.id, daysFromToday(5)]);
    const edited = ok(
      await s.gql(UPDATE_ENTRY, { id: entry.id, i: { note: 'On site', workDate: daysFromToday(5) } }, A.token),
    );
    expect(edited.updateTimeEntry).toEqual({ note: 'On site', workDate: daysFromToday(5) });
    await expectRefusedOn(
      s,
      () => s.gql(UPDATE_ENTRY, { id: entry.id, i: { workDate: daysFromToday(6) } }, A.token),
      'workDate',
      'Work date must not be in the future',
    );
  });
});
