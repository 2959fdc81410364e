import { describe, expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { orgForFile, settleForFile } from '../../../test/for-file.js';
import { ok } from '../../../test/api.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';

const s = settleForFile({ worker: true });
const A = orgForFile(s, 'Toy Org');

describe('toy module', () => {
  it('adds a note through its mutation, lists it through its query, and its job pings it', async () => {
    const added = ok(await s.gql(`mutation{addToyNote(text:"hello"){id text}}`, {}, A.token)).addToyNote;
    expect(added.text).toBe('hello');
    const pinged = await eventually(async () => {
      const notes = ok(await s.gql(`{toyNotes{id pingedAt}}`, {}, A.token)).toyNotes;
      return notes.find((n: { id: string; pingedAt: string | null }) => n.id === added.id && n.pingedAt);
    }, 'the toy.ping job');
    expect(pinged.id).toBe(added.id);
  });

  it('is guarded by the rows it declares: a read token lists but cannot add', async () => {
    const { token } = await s.container.auth.createApiToken(A.org.id, SYSTEM_ACTOR, 'r', 'read');
    expect((await s.gql(`{toyNotes{id}}`, {}, token)).errors).toBeUndefined();
    expect((await s.gql(`mutation{addToyNote(text:"x"){id}}`, {}, token)).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
  });
});
