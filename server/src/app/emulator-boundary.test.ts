import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Settle meets the Stripe and QuickBooks emulators only over HTTP, as it meets the real services. The
 * server may start them (the offline sandbox, tests, benchmarks) but no module's own code imports them:
 * only test files and test support under src/modules may.
 */
const modulesDir = fileURLToPath(new URL('../modules/', import.meta.url));
const isTestSupport = (file: string) => /\.test\.ts$|\.test-support\.ts$|-test-kit\.ts$/.test(file);

function productionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return productionFiles(full);
    return name.endsWith('.ts') && !isTestSupport(name) ? [full] : [];
  });
}

describe('the emulators stay outside the modules', () => {
  it('no module imports an emulator package', () => {
    const files = productionFiles(modulesDir);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) =>
      /from '@settle\/(stripe-emulator|quickbooks-emulator|emulator-kit)/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => path.relative(modulesDir, f))).toEqual([]);
  });
});
