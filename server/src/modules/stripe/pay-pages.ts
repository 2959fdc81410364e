import type { Response } from 'express';

/** Escapes text for HTML. */
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small self-contained HTML page: how /pay and the payment return pages answer (no SPA needed). */
export function page(res: Response, status: number, title: string, body: string): void {
  res.status(status).type('html')
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.4rem}.muted{color:#52606d}</style></head>
<body><main><h1>${esc(title)}</h1>${body}</main></body></html>`);
}

/** 503 with Retry-After: nothing was started; the same link works again shortly. */
export function busy(res: Response, retryAfterSeconds: number, title: string, message: string, extra: string): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  page(res, 503, title, `<p>${esc(message)}</p>${extra}`);
}
