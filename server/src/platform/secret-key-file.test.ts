import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SecretBox } from './crypto.js';

/**
 * Processes started together on one data dir without SETTLE_SECRET_KEY (an `api` and a `worker` from one
 * Procfile, first boot) must end up with one key: a secret one seals, every other must open.
 */
describe('the generated key file', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is one key for two processes that both found it missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-key-'));
    const file = path.join(dir, 'secret.key');
    // The other process looked first, found no file, wrote its key and uses it; this one looked before
    // that write landed (so it found no file either) and writes after it.
    const theirs = SecretBox.fromKey('a1'.repeat(32));
    const existsSync = fs.existsSync;
    vi.spyOn(fs, 'existsSync').mockImplementation((p) => {
      if (p !== file) return existsSync(p);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(file, 'a1'.repeat(32));
      return false;
    });
    const ours = SecretBox.load(undefined, dir);
    expect(ours.open(theirs.seal('sealed by the other process'))).toBe('sealed by the other process');
    expect(fs.readFileSync(file, 'utf8').trim()).toBe('a1'.repeat(32));
    expect(fs.readdirSync(dir)).toEqual(['secret.key']);
  });

  it('is made once and read back by later starts', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'settle-key-')), 'data');
    const first = SecretBox.load(undefined, dir);
    expect(SecretBox.load(undefined, dir).open(first.seal('kept'))).toBe('kept');
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  });
});
