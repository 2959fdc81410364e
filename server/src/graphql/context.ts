import type { Request, Response } from 'express';
import type { Container } from '../app/container.js';
import type { Principal } from '../modules/auth/principal.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface GraphQLContext {
  container: Container;
  principal: Principal | null;
  /** The session token the request came with (cookie or bearer), for logout. */
  token?: string;
  loaders: Loaders;
  req?: Request;
  res?: Response;
  /** The caller's IP address (behind a loopback proxy, the forwarded one), for rate limits. */
  ip?: string;
  /** The request's Idempotency-Key header: the key of its idempotent mutations that name none themselves. */
  idempotencyKey?: string;
}

export function buildContext(
  container: Container,
  principal: Principal | null,
  extra: Partial<GraphQLContext> = {},
): GraphQLContext {
  return { container, principal, loaders: createLoaders(container, principal?.orgId ?? null), ...extra };
}
