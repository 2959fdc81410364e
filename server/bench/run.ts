import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `pnpm bench`: every benchmark in this folder, one after another, each printing its own figures.
 * Benchmarks measure speed; correctness lives in the tests. Pass names to run a subset:
 * `pnpm bench invoices-api generation`.
 */
const ORDER = [
  'invoices-api',
  'generation',
  'billing-run',
  'stripe-webhooks',
  'quickbooks-sync',
  'reconciliation',
  'subscriptions',
  'portal-budget',
  'admin-budget',
  'outbound-webhooks',
  'scale',
];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const here = import.meta.dirname;

const available = ORDER.filter((name) => fs.existsSync(path.join(here, `${name}.bench.ts`)));
console.log(
  `Settle benchmarks: ${available.join(', ')} (machine: ${(await import('node:os')).cpus().length} cores, Node ${process.version})`,
);
for (const name of available) {
  if (wanted.length && !wanted.includes(name)) continue;
  const started = Date.now();
  const mod = (await import(`./${name}.bench.ts`)) as { run: () => Promise<void> };
  try {
    await mod.run();
  } catch (err) {
    console.log(`!! ${name} failed: ${(err as Error).stack ?? err}`);
    process.exitCode = 1;
  }
  console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
process.exit(process.exitCode ?? 0);
