import net from 'node:net';

export interface LeanRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
  method?: 'POST' | 'GET';
}
export interface LeanResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  ms: number;
  /** Every answered request's latency (ms), sorted. */
  lat: number[];
}

/**
 * Sends every request exactly once over `connections` keep-alive HTTP/1.1 connections (one request in
 * flight per connection), and times each from write to complete answer with sub-millisecond precision.
 * With `seconds`, sends them round and round until that time is up instead. Requests are encoded before
 * the clock starts and answers are only framed (status line and Content-Length, or chunked), so on a
 * two-core machine the load generator takes as little CPU as it can from the server it measures
 * (autocannon took 250-550 µs per request here; this takes a fraction of that).
 */
export async function leanLoad(
  host: string,
  port: number,
  reqs: LeanRequest[],
  connections: number,
  opts: { seconds?: number } = {},
): Promise<LeanResult> {
  const wire = reqs.map((r) => {
    const body = Buffer.from(r.body);
    const head = [
      `${r.method ?? 'POST'} ${r.path} HTTP/1.1`,
      `Host: ${host}:${port}`,
      'Connection: keep-alive',
      `Content-Length: ${body.length}`,
      ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`),
    ].join('\r\n');
    return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), body]);
  });
  const lat: number[] = [];
  let next = 0;
  let non2xx = 0;
  let errors = 0;
  // Connections are opened before the clock starts: the figures are request latencies, not handshakes.
  const sockets = await Promise.all(
    Array.from(
      { length: opts.seconds === undefined ? Math.min(connections, wire.length) : connections },
      () =>
        new Promise<net.Socket>((resolve, reject) => {
          const socket = net.connect({ host, port, noDelay: true }, () => resolve(socket));
          socket.once('error', reject);
        }),
    ),
  );
  const t0 = performance.now();
  const until = opts.seconds === undefined ? Infinity : t0 + opts.seconds * 1000;
  let sent = 0;
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          let buf: Buffer = Buffer.alloc(0);
          let sentAt = 0;
          const send = () => {
            sentAt = performance.now();
            if (until === Infinity ? next >= wire.length : sentAt >= until) return void socket.end();
            socket.write(wire[next++ % wire.length]!);
            sent++;
          };
          // A connection that fails or is closed by the server ends; what it had not answered counts as errors.
          socket.on('error', () => errors++);
          socket.on('close', () => resolve());
          socket.on('data', (chunk: Buffer) => {
            buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
            for (;;) {
              const end = buf.indexOf('\r\n\r\n');
              if (end < 0) return;
              const head = buf.subarray(0, end).toString('latin1');
              const size = bodySize(head, buf, end + 4);
              if (size < 0) return;
              if (!/^HTTP\/1\.1 2/.test(head)) non2xx++;
              buf = buf.subarray(end + 4 + size);
              lat.push(performance.now() - sentAt);
              send();
            }
          });
          send();
        }),
    ),
  );
  const ms = performance.now() - t0;
  lat.sort((a, b) => a - b);
  const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] ?? 0;
  return {
    rps: (lat.length / ms) * 1000,
    p50: pct(50),
    p99: pct(99),
    non2xx,
    errors: errors + (sent - lat.length),
    ms,
    lat,
  };
}

/**
 * The size of the body that starts at `start`: its Content-Length, or for a chunked answer everything up
 * to and including the last chunk; -1 while it has not all arrived.
 */
function bodySize(head: string, buf: Buffer, start: number): number {
  if (/transfer-encoding:\s*chunked/i.test(head)) {
    const last = buf.indexOf('\r\n0\r\n\r\n', start - 2);
    return last < 0 ? -1 : last + 7 - start;
  }
  const len = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
  return buf.length < start + len ? -1 : len;
}
