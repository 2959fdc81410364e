import type pg from 'pg';

/**
 * Asks a LISTEN connection `SELECT 1` every `everyMs`; one still unanswered at the next check counts as
 * lost (`onLost`). A connection can die without a word (a NAT or firewall dropping an idle flow, a
 * failover behind a virtual address: no error, no end), and a connection that only listens would never
 * notice. Returns what stops the checks.
 */
export function checkListening(c: pg.Client, everyMs: number, onLost: (err: Error) => void): () => void {
  let unanswered = false;
  const timer = setInterval(() => {
    if (unanswered) return onLost(new Error(`the listening connection did not answer within ${everyMs} ms`));
    unanswered = true;
    c.query('SELECT 1').then(
      () => (unanswered = false),
      (e: Error) => onLost(e),
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
