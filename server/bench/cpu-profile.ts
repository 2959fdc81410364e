import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

let session: Session | null = null;

/** Starts a V8 CPU profile of this process (the benches bracket a measured phase with it). */
export async function startCpuProfile(): Promise<void> {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}

/** Stops the profile startCpuProfile began and writes it to `file` (a .cpuprofile, for DevTools). */
export async function stopCpuProfile(file: string): Promise<void> {
  const { profile } = await session!.post('Profiler.stop');
  fs.writeFileSync(file, JSON.stringify(profile));
  session!.disconnect();
  session = null;
}
