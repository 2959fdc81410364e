import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line written while serving one HTTP request carries (pino's mixin reads it). */
interface RequestContext {
  requestId: string;
}

const store = new AsyncLocalStorage<RequestContext>();

/** The id of the request being served, if any (undefined in jobs and at start-up). */
export const currentRequestId = (): string | undefined => store.getStore()?.requestId;

/** Runs `fn` (and everything it awaits or schedules) as part of the request `requestId`. */
export const runInRequest = <T>(requestId: string, fn: () => T): T => store.run({ requestId }, fn);

const SAFE_ID = /^[\w.:-]{1,128}$/;

/**
 * The id a request is logged and answered under: the caller's `X-Request-Id` (a load balancer's, a
 * client's) when it is a plain token of at most 128 characters, so one id follows the request across
 * systems; otherwise a new UUID (a header that could forge log lines is never echoed).
 */
export function requestIdFor(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && SAFE_ID.test(given) ? given : randomUUID();
}
