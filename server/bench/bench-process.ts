import { fork, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { startCpuProfile, stopCpuProfile } from './cpu-profile.js';

/**
 * A server under test runs in its own process: a load generator (lean-load.ts, 1,000 WebSocket clients) in the
 * same process would compete with the server for one event loop and measure itself. The parent seeds the
 * database, forks the server's file with a mode (forkBenchServer), and talks to it over IPC; the child calls
 * answerParent once it listens. Messages to the child: `{type:'count', token, body}` counts SQL statements
 * for one request (the pool lives there), `{type:'cpu'}` asks for its CPU time, `{type:'stop'}` stops the server and exits.
 * This file imports nothing of Settle, so a server that is not Settle (postgraphile-server.ts) runs without it.
 */
type ToChild =
  | { type: 'count'; token: string; body: string }
  | { type: 'cpu' }
  | { type: 'profile'; file: string | null }
  | { type: 'stop' };
type FromChild =
  | { type: 'ready'; url: string }
  | { type: 'counted'; statements: number }
  | { type: 'cpu'; us: number }
  | { type: 'profiled' };

export interface BenchServer {
  url: string;
  countStatements(token: string, body: string): Promise<number>;
  /** CPU time the server's process has used so far (µs, user + system). */
  cpu(): Promise<number>;
  /** Starts a V8 CPU profile of the server's process (null), or stops it into `file`. */
  profile(file: string | null): Promise<void>;
  stop(): Promise<void>;
}

/** Forks `file` with `mode` as its argument and resolves once the child reports that it listens. */
export function forkBenchServer(file: string, mode: string, env: Record<string, string>): Promise<BenchServer> {
  const child: ChildProcess = fork(file, [mode], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // BENCH_PROFILE_DIR=/some/dir writes a V8 CPU profile of the server process there when it stops;
    // BENCH_EXEC_ARGS adds Node flags to the server processes (e.g. `--trace-gc`, `--perf-basic-prof`).
    execArgv: [
      ...process.execArgv,
      ...(process.env.BENCH_EXEC_ARGS ? process.env.BENCH_EXEC_ARGS.split(' ') : []),
      ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
    ],
  });
  const next = <T extends FromChild['type']>(type: T) =>
    new Promise<Extract<FromChild, { type: T }>>((resolve, reject) => {
      const onMessage = (m: FromChild) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as Extract<FromChild, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`bench server (${mode}) exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return next('ready').then(({ url }) => ({
    url,
    countStatements: async (token, body) => {
      const counted = next('counted');
      child.send({ type: 'count', token, body } satisfies ToChild);
      return (await counted).statements;
    },
    cpu: async () => {
      const answered = next('cpu');
      child.send({ type: 'cpu' } satisfies ToChild);
      return (await answered).us;
    },
    profile: async (file) => {
      const done = next('profiled');
      child.send({ type: 'profile', file } satisfies ToChild);
      await done;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.send({ type: 'stop' } satisfies ToChild);
      await exited;
    },
  }));
}

/** In the child: tells the parent the server listens at `url`, then answers its messages until `stop`. */
export function answerParent(url: string, stop: () => Promise<void>): void {
  process.on('message', (m: ToChild) => {
    if (m.type === 'count') {
      void countStatements(url, m.token, m.body).then((statements) =>
        process.send!({ type: 'counted', statements } satisfies FromChild),
      );
    } else if (m.type === 'cpu') {
      const u = process.cpuUsage();
      process.send!({ type: 'cpu', us: u.user + u.system } satisfies FromChild);
    } else if (m.type === 'profile') {
      void profile(m.file).then(() => process.send!({ type: 'profiled' } satisfies FromChild));
    } else if (m.type === 'stop') {
      void stop().then(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0)); // the parent died: do not linger
  process.send!({ type: 'ready', url } satisfies FromChild);
}

/** A CPU profile of this process: started (file null), or stopped and written to `file`. */
const profile = (file: string | null) => (file ? stopCpuProfile(file) : startCpuProfile());

/** Statements the pool runs for one request (after one warm-up request with the same body). */
async function countStatements(url: string, token: string, body: string): Promise<number> {
  const post = () =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    }).then((r) => r.text());
  await post();
  let count = 0;
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
  try {
    await post();
  } finally {
    proto.query = original;
  }
  return count;
}
