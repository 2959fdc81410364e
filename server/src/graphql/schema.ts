import 'reflect-metadata';
import { ArgumentValidationError, buildSchema } from 'type-graphql';
import { validateOrReject, type ValidatorOptions } from 'class-validator';
import type { GraphQLSchema } from 'graphql';
import type { SettlePubSub } from '../platform/events/invoice-events.js';
import { ACCESS_TABLE, RESOLVERS } from './resolvers.js';
import { validateRootIdArgs } from './id-validation.js';
import { enforceAccessTable } from './access-enforcement.js';
import { guardRootArgs } from './input-guards.js';

const VALIDATOR_OPTIONS: ValidatorOptions = {
  forbidUnknownValues: false,
  skipMissingProperties: true,
  validationError: { target: false, value: false },
};

/**
 * class-validator on every object-typed argument, exactly as type-graphql's built-in validation does it,
 * but with class-validator imported once: the built-in one runs `await import('class-validator')` on each
 * validated argument, which under tsx's module hooks is a round trip to the loader thread per request.
 */
async function validateArgument(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  try {
    if (Array.isArray(value))
      await Promise.all(
        value
          .filter((v) => v !== null && typeof v === 'object')
          .map((v) => validateOrReject(v as object, VALIDATOR_OPTIONS)),
      );
    else await validateOrReject(value, VALIDATOR_OPTIONS);
  } catch (err) {
    // validateOrReject rejects with the list of failures; anything else (a validator that threw) is not one.
    if (!Array.isArray(err)) throw err;
    throw new ArgumentValidationError(err as never);
  }
}

/** type-graphql builds the root types without descriptions; the SDL describes every type. */
function describeRootTypes(schema: GraphQLSchema): void {
  const roots = [
    [
      schema.getQueryType(),
      'Reads: every list pages with cursors; portal users and tokens see what their access allows.',
    ],
    [schema.getMutationType(), 'Changes: each is one transaction; money-moving ones take an idempotency key.'],
    [schema.getSubscriptionType(), 'Live updates over WebSocket (graphql-ws) on the same /graphql URL.'],
  ] as const;
  for (const [type, text] of roots) if (type && !type.description) type.description = text;
}

/** The one schema, used by the HTTP server, the WebSocket server, the schema emitter and the tests. */
export async function createSchema(pubSub: SettlePubSub): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    pubSub: pubSub as never,
    validate: VALIDATOR_OPTIONS,
    validateFn: validateArgument,
  });
  describeRootTypes(schema);
  // The access table wraps outermost, so it answers before any argument is looked at.
  return enforceAccessTable(guardRootArgs(validateRootIdArgs(schema)), ACCESS_TABLE);
}
