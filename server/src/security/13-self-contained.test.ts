import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Security suite, point 13: `pnpm test` passes on a plain clone with nothing beside it. No source or
 * test file may read from a folder beside the checkout or from a fixed machine path.
 */
const serverRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The emulators Settle's tests start live in workspace packages beside the server; they must stand alone too. */
const emulatorRoots = ['stripe-emulator', 'quickbooks-emulator', 'emulator-kit'].map((p) =>
  path.join(serverRoot, '../packages', p),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mjs|js)$/.test(name) ? [full] : [];
  });
}

const OUTSIDE = [
  /['"`]\/work\//, // a fixed machine path
  /['"`](\.\.\/)+shared\/(stripe|quickbooks)\//, // the reference folder beside the checkout
  /(readFileSync|readFile|existsSync|createReadStream)\(\s*['"`]\/(?!proc\/)/, // an absolute path read directly (the kernel's /proc is not a file we ship)
];

describe('the test suite stands alone', () => {
  it('reads no file outside the repository', () => {
    const files = [
      ...['src', 'test', 'bench'].flatMap((d) => sourceFiles(path.join(serverRoot, d))),
      ...emulatorRoots.flatMap((root) => sourceFiles(path.join(root, 'src'))),
    ];
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, n) =>
          f.endsWith('13-self-contained.test.ts') || !OUTSIDE.some((re) => re.test(line))
            ? []
            : [`${path.relative(serverRoot, f)}:${n + 1}: ${line.trim()}`],
        ),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the test data it needs inside the project', () => {
    const fixtures = JSON.parse(
      readFileSync(path.join(emulatorRoots[0]!, 'test/fixtures/stripe-fixtures3.subset.json'), 'utf8'),
    ) as { resources: Record<string, unknown> };
    expect(Object.keys(fixtures.resources)).toContain('checkout.session');
    const vector = JSON.parse(
      readFileSync(path.join(emulatorRoots[1]!, 'test/fixtures/intuit-webhook-signature-vector.json'), 'utf8'),
    ) as Record<string, string>;
    expect(vector.intuitSignature).toMatch(/=$/);
  });
});
