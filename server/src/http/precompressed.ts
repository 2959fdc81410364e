import fs from 'node:fs';
import path from 'node:path';
import type express from 'express';

/** Encodings the web builds write beside each text asset (web-kit's precompress build plugin), best first. */
const VARIANTS = [
  { encoding: 'br', ext: '.br' },
  { encoding: 'gzip', ext: '.gz' },
] as const;

/** The encodings a request's Accept-Encoding allows (a `;q=0` entry refuses one). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (q !== undefined && Number(q) === 0) continue;
    accepted.add(name);
  }
  return accepted;
}

/**
 * Serves the precompressed variant (`file.br`, `file.gz`) of a built SPA file when the browser accepts
 * it, with `Content-Encoding`, the original file's type and `Vary: Accept-Encoding` (also on the plain
 * answer, so a shared cache keeps them apart). Falls through to `express.static` otherwise.
 * `fileFor` maps a request to the file it would serve (null: not this middleware's business).
 */
export function precompressed(
  dist: string,
  opts: { maxAge: string; fileFor?: (req: express.Request) => string | null },
): express.RequestHandler {
  const root = path.resolve(dist);
  const fileFor =
    opts.fileFor ??
    ((req: express.Request) => {
      let rel: string;
      try {
        rel = decodeURIComponent(req.path);
      } catch {
        return null;
      }
      const file = path.resolve(root, `.${rel}`);
      return file.startsWith(root + path.sep) ? file : null;
    });
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = fileFor(req);
    if (!file) return next();
    res.vary('Accept-Encoding');
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    const variant = VARIANTS.find((v) => accepted.has(v.encoding) && fs.existsSync(file + v.ext));
    if (!variant) return next();
    res.type(path.extname(file));
    res.setHeader('Content-Encoding', variant.encoding);
    res.sendFile(file + variant.ext, { maxAge: opts.maxAge }, (err) => {
      if (err) next(err);
    });
  };
}
