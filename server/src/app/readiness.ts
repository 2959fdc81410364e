import { jobLagSeconds, type JobSupervisor } from '../platform/jobs/job-supervisor.js';
import type { InvoiceEventListener } from '../platform/events/invoice-events.js';
import type { Container } from './container.js';

export interface Readiness {
  ok: boolean;
  workers: number | null;
  configuredWorkers: number | null;
  jobLagSeconds: number | null;
  /** Whether the subscription relay listens (null in a worker, which serves no subscriptions). */
  listener: boolean | null;
  database: boolean;
  problems: string[];
}

/**
 * What /readyz answers: ready only when the database answers, every configured job worker runs, the
 * oldest due job is younger than the threshold and (where subscriptions are served) the invoice listener
 * is connected. /healthz stays
 * "the process answers"; this is "work is moving".
 */
export function readinessCheck(
  c: Container,
  worker: JobSupervisor | null,
  listener: InvoiceEventListener | null,
): () => Promise<Readiness> {
  // Due jobs older than this mean work is not moving.
  const maxLag = c.config.readyMaxJobLagSeconds;
  return async () => {
    const problems: string[] = [];
    let lag: number | null = null;
    try {
      lag = await jobLagSeconds(c.db);
      if (lag > maxLag) problems.push(`oldest due job waited ${lag} s (limit ${maxLag} s)`);
    } catch {
      problems.push('database unavailable');
    }
    if (worker && worker.workers < worker.configured)
      problems.push(`${worker.workers} of ${worker.configured} job workers running`);
    if (listener && !listener.listening) problems.push('invoice event listener disconnected');
    return {
      ok: problems.length === 0,
      workers: worker?.workers ?? null,
      configuredWorkers: worker?.configured ?? null,
      jobLagSeconds: lag,
      listener: listener?.listening ?? null,
      database: lag !== null,
      problems,
    };
  };
}
