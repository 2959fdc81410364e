import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** The shared web packages both SPAs bundle from source: a change in them is a change in each app. */
const SHARED_WEB_SOURCES = ['packages/web-kit/src', 'packages/money/src'];

/** The pages an app's Vite builds (the admin's also bundles GraphiQL, served at GET /graphql). */
const PAGES = ['index.html', 'graphiql.html'];

/**
 * True when one of `<app>/dist`'s pages is missing or older than anything in `<app>/src`, its pages, its
 * config or the shared web packages.
 */
export function needsBuild(app: 'portal' | 'admin'): boolean {
  const root = path.join(REPO_ROOT, app);
  const built = path.join(root, 'dist/index.html');
  const pages = PAGES.filter((f) => fs.existsSync(path.join(root, f)));
  if (pages.some((f) => !fs.existsSync(path.join(root, 'dist', f)))) return true;
  const inputs = [newestMtime(path.join(root, 'src'))];
  for (const dir of SHARED_WEB_SOURCES)
    if (fs.existsSync(path.join(REPO_ROOT, dir))) inputs.push(newestMtime(path.join(REPO_ROOT, dir)));
  for (const f of [...pages, 'vite.config.ts', 'package.json'])
    if (fs.existsSync(path.join(root, f))) inputs.push(fs.statSync(path.join(root, f)).mtimeMs);
  return Math.max(...inputs) > fs.statSync(built).mtimeMs;
}

/**
 * Builds an SPA with `vite build` when needed (the server serves its dist under /portal or /admin).
 * `required: false` only warns on failure, so one app mid-edit does not block the other's tests.
 */
export function ensureBuilt(app: 'portal' | 'admin', opts: { required?: boolean } = {}): void {
  if (!fs.existsSync(path.join(REPO_ROOT, app, 'package.json')) || !needsBuild(app)) return;
  try {
    // Always the production build: under vitest NODE_ENV is 'test', which would bundle React's development
    // build (a third larger) and leave it in dist for `pnpm start` and the budget benches to serve.
    execFileSync('pnpm', ['--filter', `@settle/${app}`, 'build'], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
      timeout: 240_000,
      env: { ...process.env, NODE_ENV: 'production' },
    });
  } catch (err) {
    const out = `${(err as { stdout?: Buffer }).stdout ?? ''}${(err as { stderr?: Buffer }).stderr ?? ''}`;
    if (opts.required ?? true) throw new Error(`Building ${app} failed:\n${out.slice(-4000)}`, { cause: err });
    console.warn(`[browser tests] building ${app} failed; its flows will see a 503 page:\n${out.slice(-1500)}`);
  }
}

/** Vitest global setup for the browser suite: fresh SPA builds before any file starts a server. */
export default function setup(): void {
  ensureBuilt('portal');
  ensureBuilt('admin', { required: false });
}
