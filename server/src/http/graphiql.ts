import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';

/**
 * GraphiQL for people: a GET of /graphql from a browser (which prefers text/html) answers the page the
 * admin build bundles (admin/graphiql.html, its scripts under /admin/assets/: nothing from a CDN). API
 * clients asking for JSON pass on to Apollo. The page holds no data; its requests carry the caller's
 * session cookie from this origin, like the admin app's, and the API authorizes them as it does those.
 */
export function graphiqlPage(adminDist: string): RequestHandler {
  const page = path.join(adminDist, 'graphiql.html');
  return (req, res, next) => {
    if (req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) !== 'text/html')
      return next();
    if (!fs.existsSync(page)) {
      res
        .status(503)
        .type('text')
        .send('GraphiQL is not built yet. Run `pnpm build:web` (or `pnpm start`, which builds it).');
      return;
    }
    res.set('cache-control', 'no-cache').sendFile(page);
  };
}
