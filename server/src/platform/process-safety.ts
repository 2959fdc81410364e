import { logger } from './logger.js';

/** SQLSTATE classes and codes that mean "the database connection went away", not a bug. */
const LOST_SQLSTATE = /^(08...|57P0[1-3]|55000|53300)$/;
const LOST_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** Pure: whether an error is a lost or refused PostgreSQL connection (outage, restart, terminated backend). */
export function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && (LOST_SQLSTATE.test(e.code) || LOST_SOCKET.has(e.code))) return true;
  return (
    typeof e.message === 'string' &&
    /^Connection terminated( unexpectedly| due to connection timeout)?$/.test(e.message)
  );
}

/**
 * The process-level policy of `pnpm start`: a lost database connection that surfaces outside any handler
 * (a library's background promise during an outage) is logged and survived, since every part of Settle
 * reconnects on its own; any other unhandled error still ends the process, as Node would.
 */
export function installProcessSafety(): void {
  const onUnhandled = (kind: string) => (err: unknown) => {
    if (isConnectionLoss(err)) {
      logger.error({ err }, `${kind}: a lost database connection outside any handler; survived`);
      return;
    }
    logger.fatal({ err }, `${kind}: exiting`);
    process.exit(1);
  };
  process.on('unhandledRejection', onUnhandled('unhandled rejection'));
  process.on('uncaughtException', onUnhandled('uncaught exception'));
}
