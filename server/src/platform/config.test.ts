import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RATE_RULES } from './rate-limit/rate-limits.js';

const SRC = path.resolve(import.meta.dirname, '..');
const README = fs.readFileSync(path.resolve(SRC, '../../README.md'), 'utf8');
const read = (f: string) => fs.readFileSync(path.join(SRC, f), 'utf8');

/** Variable names an env object is read with: `env.NAME` and `env['NAME']`. */
const namesIn = (source: string) =>
  new Set([...source.matchAll(/\benv(?:\.|\[')([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!));

describe('configuration', () => {
  it('is read in config.ts only: no other server file reads process.env', () => {
    const offenders = (fs.readdirSync(SRC, { recursive: true, encoding: 'utf8' }) as string[])
      .filter(
        (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('emulators/') && !f.startsWith('faults/'),
      )
      .filter((f) => f !== 'platform/config.ts' && /process\.env\b/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('documents every variable it reads in the README configuration table', () => {
    const table = README.slice(README.indexOf('## Configuration'), README.indexOf('## Architecture'));
    const names = [...namesIn(read('platform/config.ts'))].filter((n) => n !== 'VITEST');
    for (const scopes of Object.values(RATE_RULES)) for (const spec of Object.values(scopes)) names.push(spec.env);
    expect(names.length).toBeGreaterThan(40);
    expect(names.filter((n) => !table.includes(`\`${n}\``))).toEqual([]);
  });
});
