import pg from 'pg';
import { logger } from '../logger.js';

type Release = (err?: Error | boolean) => void;
type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, release: Release) => void;

/**
 * The pool graphile-worker runs on. Its connection errors are logged and survived (pg drops the broken
 * client itself), and a client handed out through a callback may be released twice without harm.
 * graphile-worker 0.16's job listener releases its client both when the runner shuts down and when the
 * LISTEN it sent just before fails; when a connection dies during a runner restart both happen, and pg's
 * "Release called on client which has already been released" ended the process.
 */
class ForgivingPool extends pg.Pool {
  constructor(
    config: pg.PoolConfig,
    private readonly poolName: string,
  ) {
    super(config);
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (!callback) return super.connect();
    super.connect((err, client, release) => callback(err, client, client ? this.releasedOnce(release) : release));
  }

  private releasedOnce(release: Release): Release {
    let released = false;
    return (err) => {
      if (released) {
        logger.warn({ pool: this.poolName }, 'a PostgreSQL connection was released twice; the second release ignored');
        return;
      }
      released = true;
      release(err);
    };
  }
}

export function resilientPool(connectionString: string, max: number, name: string): pg.Pool {
  const pool = new ForgivingPool({ connectionString, max, application_name: name }, name);
  pool.on('error', (err) => logger.warn({ pool: name, err: err.message }, 'idle PostgreSQL connection lost'));
  pool.on('connect', (client) =>
    client.on('error', (err) => logger.warn({ pool: name, err: err.message }, 'PostgreSQL connection lost')),
  );
  return pool;
}
