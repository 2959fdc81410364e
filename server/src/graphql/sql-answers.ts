import {
  getNamedType,
  getOperationAST,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values.js';
import type { Principal } from '../modules/auth/principal.js';
import { attachedAccess, callerOf, decide, hasAccessRow } from './access-policy.js';

/**
 * Answers read by PostgreSQL alone (PostGraphile's approach): a module that can turn a root query field
 * and its selection into one statement that builds the field's JSON answer declares a SqlAnswer, and a
 * query made of that field alone skips resolvers, entities and GraphQL execution. The field's own
 * resolvers stay the reference: an answer returns null for anything it does not handle exactly as they
 * would (an argument, a field, a directive it does not know), and the query runs the usual way, so every
 * error, and every field's access row, keeps its one implementation. Tests compare both answers.
 */
export interface SqlAnswer {
  /** The Query field answered. */
  field: string;
  /**
   * The field's answer as compact JSON text, byte for byte what JSON.stringify writes of the value its
   * resolvers give, or null to run it the usual way.
   */
  answer(request: SqlAnswerRequest): Promise<string> | null;
}

/** An operation as a request brings it. */
export interface SqlAnswerable {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  principal: Principal | null;
}

/** The operation's `data` as JSON text (`{"<key>":…}`), or null when it runs the usual way. */
export type SqlAnswerer = (request: SqlAnswerable) => Promise<string | null>;

export interface SqlAnswerRequest {
  args: Record<string, unknown>;
  /** The same array for every request of one document: an answer may cache what it builds from it. */
  selection: SelectedField[];
  principal: Principal;
}

/** One field of a selection set, fragments resolved: its response key, and its own selection if it has one. */
export interface SelectedField {
  key: string;
  name: string;
  selection: SelectedField[];
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * What an answer builds from a selection, once per selection (one per parsed document) and shape (what
 * else the statement depends on: a page size, a scope): a request then only fills in its values.
 */
export function builtOnce<Shape, Built>(): (selection: SelectedField[], shape: Shape, build: () => Built) => Built {
  const built = new WeakMap<SelectedField[], Map<Shape, Built>>();
  return (selection, shape, build) => {
    let byShape = built.get(selection);
    if (!byShape) built.set(selection, (byShape = new Map()));
    if (!byShape.has(shape)) byShape.set(shape, build());
    return byShape.get(shape)!;
  };
}

/**
 * The operation's data from PostgreSQL when it is a query of one answered field (aliased or not), its
 * variables and arguments coerce, its access row admits the caller and no field below it has an access
 * row of its own; null otherwise.
 */
export function sqlAnswerer(schema: GraphQLSchema, answers: readonly SqlAnswer[]): SqlAnswerer {
  const byField = new Map(answers.map((a) => [a.field, a]));
  const queryType = schema.getQueryType();
  // What an operation asks, worked out once per parsed document (documents are cached per query text).
  const plans = new WeakMap<DocumentNode, Map<string, Plan | null>>();
  const planOf = (document: DocumentNode, operationName: string | null | undefined): Plan | null => {
    let byOperation = plans.get(document);
    if (!byOperation) plans.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    if (!byOperation.has(key))
      byOperation.set(key, queryType ? plan(queryType, byField, document, operationName) : null);
    return byOperation.get(key)!;
  };
  return async ({ document, operationName, variables, principal }) => {
    if (!byField.size || !principal) return null;
    const p = planOf(document, operationName);
    if (!p) return null;
    if (decide(attachedAccess(p.field), callerOf(principal), 'query') !== 'allow') return null;
    const coerced = getVariableValues(schema, p.operation.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors) return null;
    let argValues: Record<string, unknown>;
    try {
      argValues = getArgumentValues(p.field, p.node, coerced.coerced);
    } catch {
      return null;
    }
    const value = await p.answer.answer({ args: argValues, selection: p.selection, principal });
    return value === null ? null : `{${JSON.stringify(p.key)}:${value}}`;
  };
}

interface Plan {
  operation: OperationDefinitionNode;
  node: FieldNode;
  key: string;
  field: GraphQLField<unknown, unknown>;
  answer: SqlAnswer;
  /** The same array for every request of this document: answers may cache by it. */
  selection: SelectedField[];
}

/** The operation as one answered field with its selection, or null when it is not that. */
function plan(
  queryType: GraphQLObjectType,
  byField: Map<string, SqlAnswer>,
  document: DocumentNode,
  operationName: string | null | undefined,
): Plan | null {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'query' || operation.directives?.length) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const root = fieldNodes(queryType, operation.selectionSet, fragments);
  if (!root || root.length !== 1) return null;
  const node = root[0]!;
  const answer = byField.get(node.name.value);
  const field = queryType.getFields()[node.name.value];
  if (!answer || !field || !node.selectionSet) return null;
  const selection = collect(getNamedType(field.type), node.selectionSet, fragments);
  if (!selection) return null;
  return { operation, node, key: (node.alias ?? node.name).value, field, answer, selection };
}

/** The field nodes of a selection set on `type`, fragments inlined; null where a directive or a type condition asks for judgement. */
function fieldNodes(
  type: GraphQLObjectType,
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
): FieldNode[] | null {
  const out: FieldNode[] = [];
  for (const s of set.selections) {
    if (s.directives?.length) return null;
    if (s.kind === Kind.FIELD) {
      out.push(s);
      continue;
    }
    const fragment = s.kind === Kind.FRAGMENT_SPREAD ? fragments[s.name.value] : s;
    if (!fragment || fragment.directives?.length) return null;
    if (fragment.typeCondition && fragment.typeCondition.name.value !== type.name) return null;
    const inner = fieldNodes(type, fragment.selectionSet, fragments);
    if (!inner) return null;
    out.push(...inner);
  }
  return out;
}

/**
 * A selection set as response keys in the order GraphQL answers them (first appearance; fields asked
 * twice under one key merged). Null for anything an answer should not decide: arguments below the root,
 * a field with an access row of its own (checked per field by the usual path), abstract types.
 */
function collect(
  type: ReturnType<typeof getNamedType>,
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
): SelectedField[] | null {
  if (!isObjectType(type)) return null;
  const nodes = fieldNodes(type, set, fragments);
  if (!nodes) return null;
  const byKey = new Map<string, { name: string; sets: SelectionSetNode[] }>();
  for (const n of nodes) {
    const key = (n.alias ?? n.name).value;
    if (!NAME.test(key) || n.arguments?.length) return null;
    const seen = byKey.get(key);
    if (seen && seen.name !== n.name.value) return null;
    const entry = seen ?? { name: n.name.value, sets: [] };
    if (n.selectionSet) entry.sets.push(n.selectionSet);
    byKey.set(key, entry);
  }
  const out: SelectedField[] = [];
  for (const [key, { name, sets }] of byKey) {
    if (name === '__typename') {
      out.push({ key, name, selection: [] });
      continue;
    }
    const field = type.getFields()[name] as GraphQLField<unknown, unknown> | undefined;
    if (!field || hasAccessRow(field)) return null;
    let selection: SelectedField[] = [];
    if (sets.length) {
      const merged: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: sets.flatMap((s) => s.selections) };
      const inner = collect(getNamedType(field.type), merged, fragments);
      if (!inner) return null;
      selection = inner;
    }
    out.push({ key, name, selection });
  }
  return out;
}
