import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isAbstractType,
  isCompositeType,
  isListType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLCompositeType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** How big one operation may be. Every figure is configurable (SETTLE_GRAPHQL_* variables). */
export interface OperationLimits {
  /**
   * Lexical tokens in one document, enforced by the parser itself: a huge document (10,000 aliased
   * fields) stops parsing early instead of costing a full parse and validation first. The largest
   * operation the admin and portal apps send has about 120.
   */
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  /**
   * Estimated items resolved: each list or paged field counts the items it may return (its page size
   * times the page sizes above it), each top-level object 1. A single object under a list (an
   * invoice's client) adds nothing: it comes with its item, loaded in one batch per page.
   */
  maxCost: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxTokens: 5_000,
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 20,
  maxCost: 10_000,
};

/**
 * Mutations that send mail, move money, hash a password (argon2 is slow on purpose) or write in bulk (up
 * to 500 rows, or every client's invoices): at most once per operation, so an alias cannot multiply them
 * (1,000 aliased requestMagicLink queued 1,000 emails; 20 aliased approvals of 500 entries, 20,000 rows).
 */
export const ONCE_PER_OPERATION = new Set([
  'requestMagicLink',
  'invitePortalUser',
  'sendInvoice',
  'emailInvoiceViaQuickBooks',
  'recordPayment',
  'startInvoicePayment',
  'issueCreditMemo',
  'replayStripeWebhookEvent',
  'login',
  'portalLogin',
  'acceptPortalInvite',
  'loginWithMagicLink',
  'requestPasswordReset',
  'resetPassword',
  'changePassword',
  'signInLink',
  'createUser',
  'refundPaymentException',
  'keepPaymentExceptionAsCredit',
  'applyClientCredit',
  'refundPayment',
  'voidInvoice',
  'markInvoiceUncollectible',
  'logoutEverywhere',
  'submitTimeEntries',
  'approveTimeEntries',
  'rejectTimeEntries',
  'generateInvoices',
  'runReconciliation',
]);

/** A list whose size the query does not set (`lines`, `prices`): counted as this many items. */
const UNKNOWN_LIST_SIZE = 10;
/** What a connection returns when asked for no size: no list's default page is larger (PageArgs). */
const DEFAULT_CONNECTION_PAGE = 50;

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/**
 * The parser's own refusal of a document over `maxTokens` ("Document contains more than N tokens.
 * Parsing aborted."), reworded as the same QUERY_TOO_COMPLEX as the other limits; null for other errors.
 */
export function tooManyTokens(message: string): string | null {
  const m = /Document contains more tha[nt] (\d+) tokens/.exec(message); // graphql 16 says "more that"
  return m ? `This operation is too large: more than ${m[1]} tokens. Send smaller operations.` : null;
}

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: QUERY_TOO_COMPLEX } });
}

/**
 * Checks one operation against the limits before anything runs, and returns the first breach as an error
 * a person can act on (null when within limits). Fragments are expanded where they are spread, so
 * spreading one fragment many times counts every time. Runs on a validated document.
 */
export function checkOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
  limits: OperationLimits,
): GraphQLError | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return null;
  const vars = variableValues(operation, variables);

  let aliases = 0;
  let cost = 0;
  let breach: GraphQLError | null = null;
  // Fields the operation holds once its fragments are spread: no more than a document may have tokens.
  const budget = { left: limits.maxTokens };
  const expand = (set: SelectionSetNode) => fieldsOf(set, fragments, budget);

  try {
    const rootFields = expand(operation.selectionSet);
    if (rootFields.length > limits.maxRootFields) {
      return tooComplex(
        `This operation asks for ${rootFields.length} top-level fields; at most ${limits.maxRootFields} are allowed per request. Split it into several requests.`,
      );
    }
    if (operation.operation === 'mutation') {
      const seen = new Set<string>();
      for (const f of rootFields) {
        const name = f.name.value;
        if (!ONCE_PER_OPERATION.has(name)) continue;
        if (seen.has(name))
          return tooComplex(
            `${name} may appear only once per request (it sends mail, moves money or checks a password).`,
          );
        seen.add(name);
      }
    }

    /**
     * Introspection (codegen, GraphiQL) nests deeper than any data query and its size is the schema's own
     * (graphql-js's MaxIntrospectionDepthRule bounds its nesting), so below `__schema` / `__type` neither
     * depth nor cost is counted. Aliases are, there too: 200 aliased `fields` under `types` made one
     * anonymous request build a 7 MB answer.
     */
    const walk = (
      fields: FieldNode[],
      parent: GraphQLCompositeType,
      depth: number,
      multiplier: number,
      introspection = false,
    ): void => {
      if (breach) return;
      if (depth > limits.maxDepth && !introspection) {
        breach = tooComplex(
          `This operation nests fields ${depth} levels deep; at most ${limits.maxDepth} are allowed.`,
        );
        return;
      }
      for (const f of fields) {
        if (f.alias) aliases++;
        if (aliases > limits.maxAliases) {
          breach = tooComplex(
            `This operation uses more than ${limits.maxAliases} aliases; at most ${limits.maxAliases} are allowed per request.`,
          );
          return;
        }
        if (!f.selectionSet) continue; // scalars cost nothing of their own: their object was counted
        if (introspection || f.name.value === '__schema' || f.name.value === '__type') {
          walk(expand(f.selectionSet), parent, depth + 1, multiplier, true);
          if (breach) return;
          continue;
        }
        const { def, size } = fieldOf(parent, f);
        const type = def ? getNamedType(def.type) : undefined;
        const here = multiplier * (size ?? 1);
        if (size !== null || depth === 1) cost += here;
        if (cost > limits.maxCost) {
          breach = tooComplex(
            `This operation could resolve about ${Math.round(cost)} items or more; at most ${limits.maxCost} are allowed per request. Ask for smaller pages (first) or fewer nested lists.`,
          );
          return;
        }
        walk(expand(f.selectionSet), type && isCompositeType(type) ? type : parent, depth + 1, here);
        if (breach) return;
      }
    };
    /**
     * The field's definition and size. Below an interface or union (`nodes(ids:) { ... on Invoice { lines } }`)
     * a field of a fragment on one of its types is that type's: of the types that have it, the largest.
     */
    const fieldOf = (parent: GraphQLCompositeType, f: FieldNode) => {
      const own = 'getFields' in parent ? parent.getFields()[f.name.value] : undefined;
      const defs = (
        own || !isAbstractType(parent) ? [own] : schema.getPossibleTypes(parent).map((t) => t.getFields()[f.name.value])
      ).filter((d): d is GraphQLField<unknown, unknown> => !!d);
      let best: { def: GraphQLField<unknown, unknown> | undefined; size: number | null } = { def: defs[0], size: null };
      for (const def of defs) {
        const size = pageSize(def, f, vars);
        if (size !== null && (best.size === null || size > best.size)) best = { def, size };
      }
      return best;
    };
    walk(rootFields, rootType, 1, 1);
  } catch (err) {
    if (!(err instanceof ExpansionTooLarge)) throw err;
    return tooComplex(
      `This operation holds more than ${limits.maxTokens} fields once its fragments are spread; send smaller operations.`,
    );
  }
  return breach;
}

/** Thrown by `fieldsOf` once an operation, its fragments spread out, holds more fields than its budget. */
class ExpansionTooLarge extends Error {}

/**
 * The fields of a selection set, with fragment spreads and inline fragments flattened in. Every field
 * returned spends one of `budget.left`: fragments that spread each other twice, twenty deep, would
 * otherwise expand a 200-token document into a million fields (a 500 after seconds of work).
 */
function fieldsOf(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  budget: { left: number },
  seen: Set<string> = new Set(),
): FieldNode[] {
  const out: FieldNode[] = [];
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (--budget.left < 0) throw new ExpansionTooLarge();
      out.push(s);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      for (const f of fieldsOf(s.selectionSet, fragments, budget, seen)) out.push(f);
    } else {
      const frag = fragments.get(s.name.value);
      // A fragment spread inside itself is a validation error; guard anyway so a walk always ends.
      if (!frag || seen.has(frag.name.value)) continue;
      for (const f of fieldsOf(frag.selectionSet, fragments, budget, new Set(seen).add(frag.name.value))) out.push(f);
    }
  }
  return out;
}

/**
 * How many items a field returns at most, as the query states it: its `first` (or `last`/`limit`)
 * argument, from a literal, a variable or the schema default; a list of given `ids`, how many there are;
 * a list without either counts UNKNOWN_LIST_SIZE; a single object null. Connections (`invoices(first: 50) { edges { node } }`) are
 * counted on the field that takes `first`, and their `edges` and `nodes` lists do not multiply again.
 */
function pageSize(def: GraphQLField<unknown, unknown>, node: FieldNode, vars: Record<string, unknown>): number | null {
  const sizeArgs = sizeArgsOf(def);
  for (const arg of sizeArgs) {
    const given = node.arguments?.find((a) => a.name.value === arg.name);
    const value = given ? valueFromAST(given.value, arg.type, vars) : arg.defaultValue;
    if (value === undefined || value === null) continue;
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(1, value);
    return UNKNOWN_LIST_SIZE;
  }
  // A connection asked for no size gets its list's default page, never more than this.
  if (sizeArgs.length) return DEFAULT_CONNECTION_PAGE;
  // A list of the objects of `ids` (`nodes(ids:)`) holds as many items as ids are given, not a guess.
  const ids = node.arguments?.find((a) => a.name.value === 'ids');
  const idsArg = ids && def.args.find((a) => a.name === 'ids');
  if (idsArg && isListType(getNullableType(def.type))) {
    const value = valueFromAST(ids.value, idsArg.type, vars);
    if (Array.isArray(value)) return Math.max(1, value.length);
  }
  if (node.name.value === 'edges' || node.name.value === 'nodes') return null;
  return isListType(getNullableType(def.type)) ? UNKNOWN_LIST_SIZE : null;
}

/** A field's page-size arguments, in the order they count (worked out once per field of the schema). */
const sizeArgs = new WeakMap<GraphQLField<unknown, unknown>, GraphQLArgument[]>();
function sizeArgsOf(def: GraphQLField<unknown, unknown>): GraphQLArgument[] {
  let args = sizeArgs.get(def);
  if (!args)
    sizeArgs.set(def, (args = ['first', 'last', 'limit'].flatMap((n) => def.args.filter((a) => a.name === n))));
  return args;
}

/** The operation's variables with their declared defaults filled in (values as sent; coercion comes later). */
function variableValues(
  operation: OperationDefinitionNode,
  given: Record<string, unknown> | null | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(given ?? {}) };
  for (const v of operation.variableDefinitions ?? []) {
    const name = v.variable.name.value;
    if (out[name] === undefined && v.defaultValue && v.defaultValue.kind === Kind.INT)
      out[name] = Number(v.defaultValue.value);
  }
  return out;
}
