import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** A Settle child process (test/settle-process.ts) on `databaseUrl`; resolves once it listens. */
export async function startChildSettle(
  databaseUrl: string,
  env: Record<string, string>,
): Promise<{ proc: ChildProcess; url: string; startMs: number }> {
  const t0 = Date.now();
  const root = path.resolve(import.meta.dirname, '../../..');
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/settle-process.ts')], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      SETTLE_CHILD_DATABASE_URL: databaseUrl,
      LOG_LEVEL: process.env.FAULTS_CHILD_LOG_LEVEL ?? 'error',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      for (const line of buf.split('\n')) {
        if (line.startsWith('{"ready"')) resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    proc.once('exit', (code) => reject(new Error(`Settle child exited with ${code}`)));
  });
  return { proc, url, startMs: Date.now() - t0 };
}

/** kill -9, waiting until the process is gone. */
export async function killHard(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await gone;
}
