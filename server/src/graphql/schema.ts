import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import type { SettlePubSub } from '../platform/events/invoice-events.js';
import { RESOLVERS } from './resolvers.js';
import { validateIdArgs } from './id-validation.js';

/** The one schema, used by the HTTP server, the WebSocket server, the schema emitter and the tests. */
export function createSchema(pubSub: SettlePubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    pubSub: pubSub as never,
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
    globalMiddlewares: [validateIdArgs],
  });
}
