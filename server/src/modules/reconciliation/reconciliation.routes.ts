import type { Express, Request, Response } from 'express';
import type { Container } from '../../app/container.js';
import { callerOf, decide, type Access } from '../../graphql/access-policy.js';
import { tokenFromRequest } from '../../http/session-cookie.js';
import { AppError } from '../../platform/errors.js';
import { reconciliationCsv } from './reconciliation-csv.js';
import { UUID, type ReconciliationService } from './reconciliation.service.js';

/** GET /api/reconciliation/runs/:id.csv — session cookie or bearer token, the access of `reconciliationRun`. */
export function reconciliationCsvRoute(c: Container, service: ReconciliationService, access: Access) {
  return (app: Express) => {
    app.get('/api/reconciliation/runs/:file', async (req: Request, res: Response) => {
      const principal = await c.auth.resolve(tokenFromRequest(req, c.config.publicUrl));
      const decision = decide(access, callerOf(principal), 'query');
      if (decision === 'unauthenticated') return void res.status(401).type('text').send('Sign in first');
      if (decision !== 'allow' || !principal || principal.kind === 'portal')
        return void res.status(403).type('text').send('Your role cannot see reconciliations');
      const id = String(req.params.file).replace(/\.csv$/, '');
      if (!UUID.test(id)) return void res.status(404).type('text').send('Run not found');
      try {
        const run = await service.findRun(principal.orgId, id);
        const csv = reconciliationCsv(run, await service.discrepancies(principal.orgId, id));
        res
          .status(200)
          .set({
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="reconciliation-${run.periodFrom}-${run.periodTo}.csv"`,
            'cache-control': 'no-store',
          })
          .send(csv);
      } catch (err) {
        if (err instanceof AppError && err.code === 'NOT_FOUND')
          return void res.status(404).type('text').send('Run not found');
        throw err;
      }
    });
  };
}
