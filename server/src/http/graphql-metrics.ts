import type { ApolloServerPlugin } from '@apollo/server';
import type { SettleMetrics } from '../platform/metrics/settle-metrics.js';

/** Observes each GraphQL operation over HTTP: its name (bounded), type and whether it answered errors. */
export function graphqlMetricsPlugin(metrics: SettleMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(rc) {
          const body = rc.response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          metrics.graphql.observe(
            {
              operation: metrics.operationLabel(rc.operationName ?? rc.request.operationName),
              type: rc.operation?.operation ?? 'unknown',
              outcome: errors?.length ? 'error' : 'ok',
            },
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
}

/** What a WebSocket connection holds that the subscription gauge counts (graphql-ws's context). */
interface SocketContext {
  subscriptions: Record<string, unknown>;
}

/** Counts the subscriptions open on this process's sockets, read when Prometheus scrapes. */
export function trackSubscriptions(metrics: SettleMetrics): {
  opened(ctx: SocketContext): void;
  closed(ctx: SocketContext): void;
} {
  const sockets = new Set<SocketContext>();
  metrics.gauge({
    name: 'settle_graphql_subscriptions',
    help: 'GraphQL subscriptions open on this process.',
    read: () => [{ value: [...sockets].reduce((n, ctx) => n + Object.keys(ctx.subscriptions).length, 0) }],
  });
  return { opened: (ctx) => sockets.add(ctx), closed: (ctx) => sockets.delete(ctx) };
}
