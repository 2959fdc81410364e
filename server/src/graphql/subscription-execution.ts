import {
  createSourceEventStream,
  execute,
  getOperationAST,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import type { Principal } from '../modules/auth/principal.js';
import type { GraphQLContext } from './context.js';
import { checkOperationLimits, type OperationLimits } from './operation-limits.js';

/**
 * How graphql-ws runs subscriptions here. With stock graphql-ws every subscriber parses and validates its
 * document, and every event is executed once per subscriber: 1,000 admins watching one invoice meant
 * 1,000 executions of the same selection on the same event before the first update left the server.
 *
 * - Documents are parsed and validated once per distinct query text (a bounded cache), so subscribers
 *   sending the same subscription share one DocumentNode.
 * - Each subscriber still gets its own source stream: the field's `subscribe` runs with the
 *   subscriber's own context, so the org / client / visibility filter is decided per subscriber.
 * - An event that passed a subscriber's filter is executed once per (document, operation, variables,
 *   visibility) and the result is shared by every subscriber with that key. Visibility is what resolvers
 *   below `invoiceUpdated` may decide on: the principal's kind, org, role and (portal) client — guards
 *   check roles and scope, never the individual user. A resolver that starts answering per user must
 *   add that to `visibilityOf`.
 */
export function createSubscriptionExecution(schema: GraphQLSchema, limits: OperationLimits) {
  const MAX_DOCUMENTS = 500;
  const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
  const documentIds = new WeakMap<DocumentNode, number>();
  let lastDocumentId = 0;
  const idOf = (document: DocumentNode): number => {
    let id = documentIds.get(document);
    if (id === undefined) documentIds.set(document, (id = ++lastDocumentId));
    return id;
  };
  // Keyed by the event object itself: the pub/sub hands the same object to every listener.
  const resultsByEvent = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

  /** graphql-ws `onSubscribe`: the cached document (or its validation errors) for this query text. */
  const prepare = (payload: {
    query: string;
    operationName?: string | null;
    variables?: Record<string, unknown> | null;
  }): ExecutionArgs | readonly GraphQLError[] => {
    let prepared = documents.get(payload.query);
    if (!prepared) {
      const document = parse(payload.query, { maxTokens: limits.maxTokens }); // a syntax error (or too many tokens) throws, as in stock graphql-ws
      const errors = validate(schema, document);
      prepared = errors.length ? errors : document;
      if (documents.size >= MAX_DOCUMENTS) documents.clear();
      documents.set(payload.query, prepared);
    }
    if (Array.isArray(prepared)) return prepared as readonly GraphQLError[];
    // The same size limits as over HTTP, before anything subscribes or runs.
    const operation = getOperationAST(prepared as DocumentNode, payload.operationName);
    const breach =
      operation && checkOperationLimits(schema, prepared as DocumentNode, operation, payload.variables, limits);
    if (breach) return [breach];
    return {
      schema,
      document: prepared as DocumentNode,
      operationName: payload.operationName,
      variableValues: payload.variables,
    };
  };

  /** graphql-ws `subscribe`: graphql-js's subscribe with the per-event execution shared. */
  const subscribe = async (args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> => {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
    const ctx = args.contextValue as GraphQLContext;
    const key = `${idOf(args.document)}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${visibilityOf(ctx.principal)}`;
    const run = (event: unknown): Promise<ExecutionResult> => {
      if (event === null || typeof event !== 'object') return Promise.resolve(execute({ ...args, rootValue: event }));
      let byKey = resultsByEvent.get(event);
      if (!byKey) resultsByEvent.set(event, (byKey = new Map()));
      let result = byKey.get(key);
      if (!result) {
        result = Promise.resolve(execute({ ...args, rootValue: event }));
        byKey.set(key, result);
      }
      return result;
    };
    return mapAsyncIterable(stream as AsyncIterable<unknown>, run);
  };

  return { prepare, subscribe };
}

function visibilityOf(p: Principal | null): string {
  if (!p) return 'anonymous';
  switch (p.kind) {
    case 'user':
      return `user|${p.orgId}|${p.role}`;
    case 'token':
      return `token|${p.orgId}`;
    case 'portal':
      return `portal|${p.orgId}|${p.clientId}`;
  }
}

/**
 * An iterator whose values come from `next` and whose `return()` / `throw()` go straight to `source`
 * (as graphql-js's own mapAsyncIterator does), so a subscriber that leaves is unsubscribed at once, not
 * at the next event.
 */
function closingIterator<T>(
  source: AsyncIterator<unknown>,
  next: () => Promise<IteratorResult<T>>,
): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    next,
    return: async () => {
      await source.return?.();
      return { done: true, value: undefined };
    },
    throw: async (err?: unknown) => {
      await source.return?.();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/** Maps an async iterable; a failing `fn` closes the source. */
function mapAsyncIterable<T, U>(source: AsyncIterable<T>, fn: (value: T) => Promise<U>): AsyncIterableIterator<U> {
  const it = source[Symbol.asyncIterator]();
  return closingIterator<U>(it, async () => {
    const r = await it.next();
    if (r.done) return { done: true, value: undefined };
    try {
      return { done: false, value: await fn(r.value) };
    } catch (err) {
      await it.return?.();
      throw err;
    }
  });
}

/**
 * The events of `source` that pass `keep`, for subscription filters. @graphql-yoga's `filter` wraps each
 * subscriber's stream in another Repeater (a push and a promise chain per subscriber per event); this is a
 * plain iterator, and `return()` reaches the pub/sub at once.
 */
export function filterAsyncIterable<T>(
  source: AsyncIterable<T>,
  keep: (value: T) => boolean,
): AsyncIterableIterator<T> {
  const it = source[Symbol.asyncIterator]();
  return closingIterator(it, async () => {
    for (;;) {
      const r = await it.next();
      if (r.done || keep(r.value)) return r;
    }
  });
}

/**
 * `read()`'s value, then the events of `source`. The source is subscribed to before `read` starts, so
 * nothing that happens while it reads falls between the two. When `read` fails, the source is closed
 * and the failure is the subscription's answer.
 */
export async function leadWithAsyncIterable<T>(
  source: AsyncIterable<T>,
  read: () => Promise<T>,
): Promise<AsyncIterableIterator<T>> {
  const it = source[Symbol.asyncIterator]();
  // The pub/sub registers its listener on the first next(), synchronously: that call is the subscription.
  let listening: Promise<IteratorResult<T>> | null = it.next();
  let lead: T;
  try {
    lead = await read();
  } catch (err) {
    await it.return?.();
    throw err;
  }
  let led = false;
  return closingIterator(it, async () => {
    if (!led) {
      led = true;
      return { done: false, value: lead };
    }
    const pending = listening ?? it.next();
    listening = null;
    return pending;
  });
}
