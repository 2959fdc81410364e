import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings, precompressed } from './precompressed.js';

const js = 'export const answer = 42;\n'.repeat(200);
let dir: string;
let server: http.Server;
let base: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-precompressed-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets/app.js'), js);
  fs.writeFileSync(path.join(dir, 'assets/app.js.br'), zlib.brotliCompressSync(js));
  fs.writeFileSync(path.join(dir, 'assets/app.js.gz'), zlib.gzipSync(js));
  fs.writeFileSync(path.join(dir, 'assets/tiny.css'), 'a{}');
  const app = express();
  app.use('/portal', precompressed(dir, { maxAge: '1h' }), express.static(dir, { index: false }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/portal`;
});
afterAll(() => {
  server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Raw response (no automatic decoding: node's fetch would undo Content-Encoding). */
function get(url: string, acceptEncoding: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('precompressed SPA files', () => {
  it('sends brotli when accepted, else gzip, else the plain file; always with Vary and the real type', async () => {
    const br = await get(`${base}/assets/app.js`, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers['cache-control']).toContain('max-age=3600');
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(js);

    const gz = await get(`${base}/assets/app.js`, 'gzip, br;q=0');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(js);

    const plain = await get(`${base}/assets/app.js`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.body.toString()).toBe(js);

    // A file the build left uncompressed (too small to gain) is served as it is.
    const tiny = await get(`${base}/assets/tiny.css`, 'br');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('a{}');
  });

  it('never serves outside the build directory', async () => {
    const r = await get(`${base}/..%2F..%2Fetc%2Fpasswd`, 'br');
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.status).not.toBe(200);
  });

  it('reads Accept-Encoding with q-values', () => {
    expect([...acceptedEncodings('gzip;q=0.5, br')]).toEqual(['gzip', 'br']);
    expect([...acceptedEncodings('br;q=0, gzip')]).toEqual(['gzip']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});
