import { createParameterDecorator } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import type { GraphQLContext } from '../../graphql/context.js';
import { unauthenticated } from '../../platform/errors.js';
import { principalKey } from '../auth/principal.js';
import { idempotencyOf } from './idempotency.integration.js';
import type { KeyedCall } from './idempotency.service.js';
import type { StoredResult } from './stored-result.js';

/** The argument every idempotent mutation takes. */
export const IDEMPOTENCY_KEY_ARG = 'idempotencyKey';

/** A mutation call bound to its idempotency key (if any): run the mutation's work through it. */
export interface Idempotent {
  /**
   * The caller's key for this call (argument or header) scoped to the caller (`user:…:<key>`), or null: it
   * may key the provider's own request too, where two callers sending the same key must never meet.
   */
  readonly scopedKey: string | null;
  /** Whether this call is a retry of one that completed: it will be answered without doing anything. */
  answered(): Promise<boolean>;
  /** The work is one transaction, `tx`: the key is reserved in it. */
  inTransaction<R>(stored: StoredResult<R>, work: (tx: EntityManager) => Promise<R>): Promise<R>;
  /** The work is not one transaction: the key is reserved before and completed (or released) after. */
  around<R>(stored: StoredResult<R>, work: () => Promise<R>): Promise<R>;
}

/**
 * `@IdempotentCall() once: Idempotent` on a mutation that creates or moves money: adds the optional
 * `idempotencyKey` argument and hands the resolver its call, keyed by the argument or else the request's
 * `Idempotency-Key` header (the argument wins), scoped to the caller's org, the caller and the mutation.
 */
export const IdempotentCall = () =>
  createParameterDecorator<GraphQLContext>(
    ({ context, info, args }): Idempotent => {
      if (!context.principal) throw unauthenticated();
      const { [IDEMPOTENCY_KEY_ARG]: argKey, ...rest } = args as Record<string, unknown>;
      const key = (argKey as string | null | undefined) ?? context.idempotencyKey ?? null;
      const call: KeyedCall = {
        orgId: context.principal.orgId,
        caller: principalKey(context.principal),
        operation: info.fieldName,
        key,
        args: rest,
      };
      const service = idempotencyOf(context.container);
      return {
        scopedKey: key === null ? null : `${call.caller}:${key}`,
        answered: () => service.answered(call),
        inTransaction: (stored, work) => service.inTransaction(call, stored, work),
        around: (stored, work) => service.around(call, stored, work),
      };
    },
    {
      arg: {
        name: IDEMPOTENCY_KEY_ARG,
        typeFunc: () => String,
        options: {
          nullable: true,
          description:
            "Makes a retry safe (like Stripe's Idempotency-Key, 1 to 255 characters, e.g. a UUID): within 24 hours, the same key with the same arguments returns the first result without doing anything again; with other arguments it fails with IDEMPOTENCY_KEY_REUSED. Keys are per caller and mutation. Overrides the HTTP header Idempotency-Key.",
        },
      },
    },
  );
