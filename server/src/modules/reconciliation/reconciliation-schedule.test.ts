import { describe, expect, it } from 'vitest';
import { orgForFile, settleForFile } from '../../../test/for-file.js';
import { reconciliationOf, reconciliationScheduleOf } from './reconciliation.integration.js';

/** A nightly run that cannot run is never silent: its last attempt tells the org's admins. */
const s = settleForFile({ worker: false });
const A = orgForFile(s, 'Nightly Org');
const period = { from: '2026-11-01', to: '2026-11-30' };

const mailOf = async (orgId: string) =>
  (await s.container.db.query(
    `SELECT to_address, subject, text_body AS text FROM emails WHERE org_id = $1 AND kind = 'reconciliation'`,
    [orgId],
  )) as Array<{ to_address: string; subject: string; text: string }>;

describe('a scheduled reconciliation that fails', () => {
  it('retries quietly, and on its last attempt emails the admins why nothing was compared', async () => {
    const service = reconciliationOf(s.container);
    const run = service.run.bind(service);
    service.run = () => Promise.reject(new Error('QuickBooks answered 503'));
    try {
      const job = (attempts: number) =>
        reconciliationScheduleOf(s.container).runOrgJob(A.org.id, period, { attempts, max_attempts: 3 });
      await expect(job(1)).rejects.toThrow(/503/);
      await expect(job(2)).rejects.toThrow(/503/);
      expect(await mailOf(A.org.id)).toEqual([]);
      await expect(job(3)).rejects.toThrow(/503/);
    } finally {
      service.run = run;
    }
    const [mail, ...more] = await mailOf(A.org.id);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ to_address: A.owner.email, subject: 'Reconciliation could not run' });
    expect(mail!.text).toContain('(2026-11-01 to 2026-11-30) could not run: QuickBooks answered 503');
  });
});
