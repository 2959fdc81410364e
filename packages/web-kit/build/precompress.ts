import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** What is worth compressing: text assets of at least 1 KiB (smaller ones gain less than a header costs). */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;
const MIN_BYTES = 1024;

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * Writes `<file>.br` (brotli, best) and `<file>.gz` (gzip -9) beside every text asset of the build, so
 * the Settle server sends bundles compressed without compressing on each request
 * (server/src/http/precompressed.ts picks the variant the browser accepts).
 */
/** The part of Vite's plugin interface used here (web-kit does not depend on Vite; the apps do). */
interface BuildPlugin {
  name: string;
  apply: 'build';
  configResolved(config: { root: string; build: { outDir: string } }): void;
  closeBundle(): void;
}

export function precompress(): BuildPlugin {
  let outDir = 'dist';
  return {
    name: 'settle-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const raw = fs.readFileSync(file);
        if (raw.length < MIN_BYTES) continue;
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(raw, { level: 9 }));
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(raw, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            },
          }),
        );
      }
    },
  };
}
