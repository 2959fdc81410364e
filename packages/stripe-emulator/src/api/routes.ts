import type { ApiContext } from '../runtime.js';

/** A `/v1` route. Its parameters are checked against `param-schema.generated.json` before the handler runs. */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  handler(ctx: ApiContext): unknown;
}

export const route = (method: Route['method'], path: string, handler: Route['handler']): Route => ({
  method,
  path,
  handler,
});
