import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Admin SPA budget: the gzip size of the JavaScript the browser loads before the first screen, i.e. the
 * entry module in admin/dist/index.html plus every chunk it modulepreloads (lazy route chunks excluded).
 * Builds the admin first when admin/dist is missing. Budget: 400 KB gzip (issue #5).
 */
const BUDGET_BYTES = 400 * 1024;
const adminDir = path.resolve(import.meta.dirname, '../../admin');
const distDir = path.join(adminDir, 'dist');

export function initialScripts(html: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) urls.add(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) urls.add(m[1]!);
  return [...urls];
}

function fileFor(url: string): string {
  // Built URLs carry the /admin/ base; files live under dist/.
  return path.join(distDir, url.replace(/^\/admin\//, '').replace(/^\//, ''));
}

export async function run(): Promise<{ gzipBytes: number; rawBytes: number; budgetBytes: number; files: number }> {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    execFileSync('pnpm', ['--filter', '@settle/admin', 'build'], {
      cwd: path.resolve(adminDir, '..'),
      stdio: 'inherit',
    });
  }
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const scripts = initialScripts(html);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const url of scripts) {
    const buf = fs.readFileSync(fileFor(url));
    rawBytes += buf.length;
    gzipBytes += gzipSync(buf, { level: 9 }).length;
  }
  const kb = (n: number) => (n / 1024).toFixed(1);
  const verdict = gzipBytes <= BUDGET_BYTES ? 'within' : 'OVER';
  console.log(
    `admin initial JS: ${kb(gzipBytes)} KB gzip (${kb(rawBytes)} KB raw, ${scripts.length} files); budget ${kb(BUDGET_BYTES)} KB: ${verdict}`,
  );
  return { gzipBytes, rawBytes, budgetBytes: BUDGET_BYTES, files: scripts.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
