import {
  execute,
  getNamedType,
  getOperationAST,
  GraphQLError,
  isInputObjectType,
  typeFromAST,
  type NamedTypeNode,
  type DocumentNode,
  type OperationDefinitionNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type PromiseOrValue<T> = T | Promise<T>;
interface Compiled {
  query: CompiledQuery;
  operation: OperationDefinitionNode;
}

/**
 * Executes queries with graphql-jit: each distinct document is compiled once into plain
 * JavaScript that walks the selection set, instead of graphql-js interpreting the AST field by field on
 * every request (a page of 50 invoices is ~1,800 resolved fields). The resolvers, scalars and schema are
 * the same; only the walk is faster.
 *
 * Mutations (rare, and serial by definition), subscriptions, anything graphql-jit declines (it reports
 * compile errors for documents it cannot handle) and requests whose variables do not coerce go through
 * graphql-js `execute`, so every error a client can
 * provoke keeps graphql-js's exact wording and shape.
 */
export function createJitExecutor(schema: GraphQLSchema): (args: ExecutionArgs) => PromiseOrValue<ExecutionResult> {
  // Documents come from Apollo's parsed-document cache (and graphql-ws per subscription): the same
  // DocumentNode object for the same query text, so a WeakMap keeps one compilation per document.
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled | null>>();

  const compiledFor = (document: DocumentNode, operationName: string | null | undefined): Compiled | null => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    if (!byOperation.has(key)) {
      const operation = getOperationAST(document, operationName);
      let entry: Compiled | null = null;
      if (operation && operation.operation === 'query' && !takesInputObjects(schema, operation)) {
        const result = compileQuery(schema, document, operationName ?? undefined);
        if (isCompiledQuery(result)) entry = { query: result, operation };
      }
      byOperation.set(key, entry);
    }
    return byOperation.get(key)!;
  };

  return (args) => {
    const entry = compiledFor(args.document, args.operationName);
    if (!entry) return execute(args);
    const { query, operation } = entry;
    if (operation.variableDefinitions?.length) {
      // graphql-js's own coercion decides whether the variables are valid, so a bad variable gets the
      // standard error (which Apollo maps to BAD_USER_INPUT) rather than graphql-jit's wording.
      const coerced = getVariableValues(schema, operation.variableDefinitions, args.variableValues ?? {});
      if (coerced.errors) return execute(args);
    }
    const result = query.query(
      args.rootValue,
      args.contextValue,
      args.variableValues ?? {},
    ) as PromiseOrValue<ExecutionResult>;
    return result instanceof Promise ? result.then(withStandardErrors) : withStandardErrors(result);
  };
}

/**
 * graphql-jit's variable parsing skips the default values of input object fields (`kind: InvoiceLineKind
 * = MANUAL` would arrive missing), so operations with input-object variables stay on graphql-js. Literal
 * input objects in the document are fine: those are coerced by graphql-js's valueFromAST at compile time.
 */
function takesInputObjects(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  return (operation.variableDefinitions ?? []).some((v) => {
    const type = typeFromAST(schema, v.type as NamedTypeNode);
    return !type || isInputObjectType(getNamedType(type));
  });
}

/**
 * graphql-jit reports errors with its own lightweight GraphQLError (no `extensions` object unless the
 * original error had one, no toJSON of graphql-js's kind); Apollo and formatError expect graphql-js's.
 * Same message, path, locations and original error.
 */
function withStandardErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e) => {
    if (e.constructor === GraphQLError) return e;
    const standard = new GraphQLError(e.message, {
      path: e.path,
      originalError: e.originalError ?? undefined,
      extensions: e.extensions,
    });
    if (e.locations) (standard as { locations?: GraphQLError['locations'] }).locations = e.locations;
    return standard;
  });
  return { ...result, errors };
}
