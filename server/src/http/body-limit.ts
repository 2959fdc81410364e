import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type express from 'express';

/**
 * Request bodies read without a login are bounded where they are read: a body declared larger than its
 * route's limit is refused before a byte of it is read, one sent without a length (chunked) as soon as
 * the bytes read pass the limit. Either way the answer is a short 413 and the connection closes behind
 * it, so the sender cannot go on streaming into it. (Express's body parsers refuse too, but only after
 * reading the whole rest of the request, whatever its size, off the wire.)
 */

/**
 * The raw body, or null as soon as it is known to pass `limit` bytes (its declared length, or the bytes
 * read so far): the rest is not waited for, and what arrives until the connection closes is dropped.
 */
export function readBodyWithin(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > limit) return resolve(null);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else resolve(null);
    });
    req.on('end', () => resolve(size > limit ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The 413 of a body past its limit: the connection closes behind it (the rest of the body is never read). */
export function refuseTooLarge(res: ServerResponse, body: object): void {
  res.shouldKeepAlive = false;
  const text = JSON.stringify(body);
  res
    .writeHead(413, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      connection: 'close',
    })
    .end(text);
}

/** `limit` bytes as people read them: "1 MiB", "1.5 MiB", "512 KiB". */
export function sizeInWords(limit: number): string {
  const mib = limit / (1024 * 1024);
  return mib >= 1 ? `${Number(mib.toFixed(2))} MiB` : `${Math.round(limit / 1024)} KiB`;
}

/**
 * Express middleware: the raw body as a Buffer in `req.body` (what `express.raw` gave), or 413 with
 * `refusal` at once when it is declared or read past `limit`.
 */
export function rawBodyWithin(limit: number, refusal: (req: express.Request) => object): express.RequestHandler {
  return (req, res, next) => {
    readBodyWithin(req, limit).then((raw) => {
      if (!raw) return refuseTooLarge(res, refusal(req));
      req.body = raw;
      next();
    }, aborted(next));
  };
}

/**
 * Express middleware around a body parser (`express.json`): the bytes are read here first, within
 * `limit`, then handed to `parse` as they came (same headers, so its media type, charset and
 * content-encoding handling are unchanged). A body already read (the /graphql fast path) or absent goes
 * straight to `parse`, which leaves it as it is.
 */
export function parsedBodyWithin(
  limit: number,
  parse: express.RequestHandler,
  refusal: (req: express.Request) => object,
): express.RequestHandler {
  return (req, res, next) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || req.headers['content-length'] !== undefined;
    if (!hasBody || req.readableEnded || req.body !== undefined) return parse(req, res, next);
    readBodyWithin(req, limit).then((raw) => {
      if (!raw) return refuseTooLarge(res, refusal(req));
      // The parser reads a stream with the request's headers: a replay of the bytes, with their length.
      const headers = { ...req.headers, 'content-length': String(raw.length) };
      delete headers['transfer-encoding'];
      const replay = Object.assign(
        new Readable({
          read() {
            this.push(raw);
            this.push(null);
          },
        }),
        { headers, body: undefined as unknown },
      );
      parse(replay as unknown as express.Request, res, (err?: unknown) => {
        req.body = replay.body;
        next(err);
      });
    }, aborted(next));
  };
}

/** A body cut off by its sender: the caller's doing, a 400 as body-parser has it, not an error of ours to log. */
const aborted = (next: express.NextFunction) => (err: unknown) =>
  next(Object.assign(err instanceof Error ? err : new Error(String(err)), { status: 400, type: 'request.aborted' }));

/**
 * Called on every request: one that declares a body and is answered before all of it has arrived (a
 * route that reads none, a 404, a refusal before the read) has its connection closed behind the answer.
 * Node would otherwise keep the connection and read the rest off the wire, however long the sender
 * streams it. Requests without a body keep their keep-alive.
 */
export function closeIfAnsweredUnread(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers['transfer-encoding'] === undefined && !(Number(req.headers['content-length']) > 0)) return;
  const writeHead = res.writeHead;
  // Every answer goes through writeHead (res.end and res.write call it when no header is out yet).
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (!req.complete) this.shouldKeepAlive = false;
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}
