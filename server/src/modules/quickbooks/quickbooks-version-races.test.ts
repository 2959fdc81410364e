import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { untilWaiting } from '../../../test/lock-races.js';
import { OpKind, enqueueNewVersion } from './quickbooks-ledger.js';

/**
 * Two new versions of one entity's operation queued at once. "Keep Settle's version" queues a forced
 * update without holding the invoice, so an edit of that invoice can take the same next version first;
 * the forced update then inserted nothing (the unique version absorbed it) and the person's choice was
 * silently dropped. The edit's row is held uncommitted so the two meet at a known point.
 */
const s = settleForFile({ worker: false });

describe('a new version of an operation queued while another transaction takes that version', () => {
  it('is queued as the version after it, with its own payload', async () => {
    const { org } = await createOrgWithOwner(s);
    const entityId = randomUUID();
    const edit = s.container.db.createQueryRunner();
    await edit.connect();
    await edit.startTransaction();
    let forced: Promise<string> | undefined;
    try {
      await edit.query(
        `INSERT INTO qbo_operations (org_id, kind, entity_id, version, payload) VALUES ($1, $2, $3, 1, '{}')`,
        [org.id, OpKind.UPDATE_INVOICE, entityId],
      );
      forced = s.container.db.transaction((tx) =>
        enqueueNewVersion(tx, org.id, OpKind.UPDATE_INVOICE, entityId, { force: true }),
      );
      await untilWaiting(s.container.db, 1, "the forced update to wait on the edit's version");
      await edit.commitTransaction();
    } finally {
      if (edit.isTransactionActive) await edit.rollbackTransaction();
      await edit.release();
    }
    await forced;
    const rows = (await s.container.db.query(
      `SELECT version, payload FROM qbo_operations WHERE org_id = $1 AND entity_id = $2 ORDER BY version`,
      [org.id, entityId],
    )) as Array<{ version: number; payload: Record<string, unknown> }>;
    expect(rows).toEqual([
      { version: 1, payload: {} },
      { version: 2, payload: { force: true } },
    ]);
  });
});
