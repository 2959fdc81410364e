import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Whether the operation asks for the schema (`__schema` or `__type` at its root, directly or through
 * fragments): introspection is the one read anyone may make without a login, and the heaviest, so an
 * anonymous caller's are counted (rate family `introspection`). `__typename` is not introspection.
 */
export function selectsIntrospection(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): boolean =>
    set.selections.some((sel) => {
      if (sel.kind === Kind.FIELD) return sel.name.value === '__schema' || sel.name.value === '__type';
      if (sel.kind === Kind.INLINE_FRAGMENT) return visit(sel.selectionSet);
      const name = sel.name.value;
      if (seen.has(name)) return false; // validation refuses cycles; this only keeps the walk finite
      seen.add(name);
      const fragment = fragments.get(name);
      return fragment ? visit(fragment.selectionSet) : false;
    });
  return visit(operation.selectionSet);
}
