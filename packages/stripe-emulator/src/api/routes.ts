import type { ApiContext } from '../runtime.js';

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** Allowed top-level params besides `expand`; unknown ones get Stripe's 400. Omit to skip. */
  params?: readonly string[];
  handler(ctx: ApiContext): unknown;
}

export const route = (
  method: Route['method'],
  path: string,
  params: readonly string[] | undefined,
  handler: Route['handler'],
): Route => ({
  method,
  path,
  params,
  handler,
});
