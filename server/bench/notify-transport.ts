import net from 'node:net';
import pg from 'pg';

/**
 * What carries a change from the process that commits it to the API processes that push it to
 * subscribers: PostgreSQL NOTIFY (Settle's choice) next to Redis pub/sub, measured as bare transports.
 * `count` messages one at a time; each latency runs from sending (NOTIFY inside a committed transaction;
 * PUBLISH) to the listening connection holding it. Redis is spoken in RESP over a plain socket, so the
 * figure is the transport's, with no client library in it.
 */
export async function notifyLatencies(databaseUrl: string, count: number): Promise<number[]> {
  const listener = new pg.Client({ connectionString: databaseUrl });
  const sender = new pg.Client({ connectionString: databaseUrl });
  await Promise.all([listener.connect(), sender.connect()]);
  try {
    await listener.query('LISTEN settle_bench_transport');
    return await roundTrips(count, (deliver) => {
      listener.on('notification', (n) => deliver(Number(n.payload)));
      return async (i, start) => {
        await sender.query('BEGIN');
        await sender.query(`SELECT pg_notify('settle_bench_transport', $1)`, [String(i)]);
        start(); // PostgreSQL releases a notification at COMMIT: the clock starts as COMMIT is sent
        await sender.query('COMMIT');
      };
    });
  } finally {
    await Promise.all([listener.end(), sender.end()]);
  }
}

export async function redisLatencies(redisUrl: string, count: number): Promise<number[]> {
  const { hostname, port } = new URL(redisUrl);
  const connect = () =>
    new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect(Number(port || 6379), hostname, () => resolve(s));
      s.once('error', reject);
    });
  const [sub, pub] = await Promise.all([connect(), connect()]);
  const command = (...args: string[]) =>
    `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
  try {
    sub.write(command('SUBSCRIBE', 'settle_bench_transport'));
    await new Promise((r) => sub.once('data', r)); // the subscribe confirmation
    pub.on('data', () => undefined); // PUBLISH answers with the receiver count
    return await roundTrips(count, (deliver) => {
      // A message frame ends with its payload (the message number) on the last line.
      sub.on('data', (chunk: Buffer) => {
        for (const m of chunk.toString().matchAll(/message\r\n\$\d+\r\nsettle_bench_transport\r\n\$\d+\r\n(\d+)\r\n/g))
          deliver(Number(m[1]));
      });
      return async (i, start) => {
        start();
        pub.write(command('PUBLISH', 'settle_bench_transport', String(i)));
      };
    });
  } finally {
    sub.destroy();
    pub.destroy();
  }
}

/** Sends message i (`start` marks when it leaves), waits for it to arrive, `count` times; the latencies (ms), sorted. */
async function roundTrips(
  count: number,
  wire: (deliver: (i: number) => void) => (i: number, start: () => void) => Promise<void>,
): Promise<number[]> {
  const latencies: number[] = [];
  let waiting: { i: number; t0: number; done: () => void } | null = null;
  const send = wire((i) => {
    if (waiting?.i !== i) return;
    latencies.push(performance.now() - waiting.t0);
    waiting.done();
  });
  for (let i = 0; i < count; i++) {
    const arrived = new Promise<void>((done) => (waiting = { i, t0: 0, done }));
    await send(i, () => (waiting!.t0 = performance.now()));
    await Promise.race([arrived, new Promise((r) => setTimeout(r, 2000))]);
  }
  return latencies.sort((a, b) => a - b);
}
