import {
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Principal } from '../modules/auth/principal.js';
import { attachedAccess, hasAccessRow, ROOT_TYPES } from './access-policy.js';
import { staffAccess } from './guards.js';

/**
 * A mutation that asks back for a guarded nested field its caller may not read (a technician's `logTime`
 * selecting the entry's rate or its service's prices) is refused before it runs: checked only as it
 * resolves, the field would answer FORBIDDEN after the mutation had written, and an answer with an
 * error must mean nothing was written. Queries keep the check as their fields resolve (they write
 * nothing). Throws the error the field's own guard would; a caller who may read every selected field
 * passes.
 */
export function checkMutationFieldAccess(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  principal: Principal | null,
  variables: Record<string, unknown> = {},
): void {
  if (operation.operation !== 'mutation') return;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  // The operation and the fragments it spreads (directly or through other fragments), each once.
  const used = new Map<string, FragmentDefinitionNode>();
  const spreadsOf = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          spreadsOf(fragment);
        }
      },
    });
  spreadsOf(operation);
  const typeInfo = new TypeInfo(schema);
  visit(
    { kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] },
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (!included(node, variables)) return false;
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field || (ROOT_TYPES as readonly string[]).includes(parent.name)) return;
        if (hasAccessRow(field)) staffAccess(principal, attachedAccess(field));
      },
    }),
  );
}

/** Whether `@skip`/`@include` leave the field in (a field left out never resolves, so it is not checked). */
function included(node: FieldNode, variables: Record<string, unknown>): boolean {
  for (const d of node.directives ?? []) {
    if (d.name.value !== 'skip' && d.name.value !== 'include') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if')?.value;
    const on =
      arg?.kind === Kind.BOOLEAN ? arg.value : arg?.kind === Kind.VARIABLE ? variables[arg.name.value] === true : false;
    if (d.name.value === 'skip' ? on : !on) return false;
  }
  return true;
}
