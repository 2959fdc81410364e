import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the operation selects `path` (dot-separated field names, e.g. `edges.node.lines`) below the
 * field being resolved, through fragments and inline fragments alike. A list resolver asks it to read
 * children in the same statement only when the caller wants them.
 */
export function selects(info: GraphQLResolveInfo, path: string): boolean {
  const names = path.split('.');
  const walk = (set: SelectionSetNode | undefined, depth: number): boolean => {
    if (!set) return false;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === names[depth] && (depth === names.length - 1 || walk(s.selectionSet, depth + 1)))
          return true;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (walk(s.selectionSet, depth)) return true;
      } else if (walk(info.fragments[s.name.value]?.selectionSet, depth)) return true;
    }
    return false;
  };
  return info.fieldNodes.some((node) => walk(node.selectionSet, 0));
}
