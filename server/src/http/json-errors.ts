import type { NextFunction, Request, Response } from 'express';
import { logger } from '../platform/logger.js';
import { sizeInWords } from './body-limit.js';

/**
 * The largest JSON body /graphql takes over HTTP; a websocket frame gets the same limit. The largest valid
 * input is an invoice of 500 lines (NestedList(500)) whose descriptions are 500 characters each, with
 * notes and memo of 5,000: about 370 KB in ASCII and 1.15 MB when every character takes 4 bytes of UTF-8,
 * so 1.5 MiB leaves room for pretty-printed JSON and refuses anything much larger before it is read.
 */
export const JSON_BODY_LIMIT_BYTES = 1.5 * 1024 * 1024;
export const JSON_BODY_LIMIT = sizeInWords(JSON_BODY_LIMIT_BYTES);

const body = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

/** What a /graphql body past JSON_BODY_LIMIT is answered (413), in GraphQL's error shape. */
export const tooLargeBody = () => body(`The request body is larger than ${JSON_BODY_LIMIT}.`, 'PAYLOAD_TOO_LARGE');

/**
 * The last Express error handler: every failure leaves as JSON in GraphQL's error shape, never as
 * Express's HTML page (which echoes stack traces and file paths outside production). A body that is
 * not JSON is the caller's mistake (400); anything unexpected is logged and leaves as a bare 500.
 */
export function jsonErrorHandler(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  const e = err as { type?: string; status?: number; statusCode?: number; message?: string };
  const status = e.status ?? e.statusCode ?? 500;
  if (e.type === 'entity.parse.failed') {
    res.status(400).json(body('The request body is not valid JSON.', 'BAD_REQUEST'));
  } else if (e.type === 'entity.too.large') {
    res.status(413).json(tooLargeBody());
  } else if (status >= 400 && status < 500) {
    res.status(status).json(body('The request could not be read.', 'BAD_REQUEST'));
  } else {
    logger.error({ err, path: req.path }, 'unexpected error in an HTTP route');
    res.status(500).json(body('Something went wrong on our side; it has been logged.', 'INTERNAL_SERVER_ERROR'));
  }
}

/** Unknown paths: a short JSON 404 rather than Express's HTML page. */
export function notFoundHandler(_req: Request, res: Response): void {
  res.status(404).json(body('Not found.', 'NOT_FOUND'));
}
