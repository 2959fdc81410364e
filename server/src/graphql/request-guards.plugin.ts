import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { GraphQLContext } from './context.js';
import { checkMutationFieldAccess } from './field-access-preflight.js';
import { checkOperationLimits, QUERY_TOO_COMPLEX, type OperationLimits } from './operation-limits.js';
import { selectsIntrospection } from './introspection.js';

/**
 * Apollo plugin:
 * - refuses an operation over the size limits once it is parsed, validated and its operation chosen,
 *   before anything resolves (`didResolveOperation` is Apollo's documented place for such checks);
 * - refuses a mutation selecting a guarded nested field its caller may not read, before it writes
 *   (field-access-preflight.ts);
 * - counts an anonymous caller's introspection against its address (rate family `introspection`);
 * - gives refusals their HTTP status: 429 with `Retry-After` for a rate limit, 400 for a too complex
 *   operation. Errors still carry their `extensions.code` for GraphQL clients, which read the body.
 */
export function requestGuardsPlugin(
  schema: GraphQLSchema,
  limits: OperationLimits,
): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const breach =
            rc.operation && checkOperationLimits(schema, rc.document, rc.operation, rc.request.variables, limits);
          if (breach) throw breach;
          const { principal, container, ip } = rc.contextValue;
          if (rc.operation && !principal && selectsIntrospection(rc.document, rc.operation))
            await container.rateLimits.check('introspection', { ip });
          if (rc.operation) {
            try {
              checkMutationFieldAccess(schema, rc.document, rc.operation, principal, rc.request.variables ?? {});
            } catch (err) {
              // Answered as the field's own guard would have (HTTP 200, its code), only before anything runs.
              throw new GraphQLError((err as Error).message, {
                originalError: err as Error,
                extensions: { http: { status: 200 } },
              });
            }
          }
        },
        async willSendResponse(rc) {
          const body = rc.response.body;
          if (body.kind !== 'single' || !body.singleResult.errors?.length) return;
          let retryAfter = 0;
          let tooComplex = false;
          for (const e of body.singleResult.errors) {
            if (e.extensions?.code === 'RATE_LIMITED')
              retryAfter = Math.max(retryAfter, Number(e.extensions.retryAfter) || 1);
            if (e.extensions?.code === QUERY_TOO_COMPLEX) tooComplex = true;
          }
          if (retryAfter) {
            rc.response.http.status = 429;
            rc.response.http.headers.set('retry-after', String(retryAfter));
          } else if (tooComplex) {
            rc.response.http.status = 400;
          }
        },
      };
    },
  };
}
