import { readFileSync } from 'node:fs';
import type { ParamValue } from './form-params.js';
import { invalidRequest, unknownParam } from '../core/errors.js';

/**
 * What a request parameter may hold, from `param-schema.generated.json` (written by
 * `scripts/generate-param-schema.ts` from the pinned SDK's `*Params` types): `0` any scalar, `1` a
 * free-form hash, `"a|b"` a closed enum, `[node]` an array, `{key: node}` an object with exactly those keys.
 */
export type ParamNode = 0 | 1 | string | ParamNode[] | { [key: string]: ParamNode };

// Read at startup rather than imported, so the type checker never walks the large JSON.
const schema = JSON.parse(readFileSync(new URL('./param-schema.generated.json', import.meta.url), 'utf8')) as Record<
  string,
  ParamNode
>;

/** The schema of a route (`POST /v1/customers/:id`); every route has one, the generator checks that. */
export function routeSchema(method: string, path: string): ParamNode {
  const node = schema[`${method} ${path}`];
  if (node === undefined) throw new Error(`no parameter schema for ${method} ${path}: run gen:params`);
  return node;
}

const child = (path: string, key: string | number) => (path ? `${path}[${key}]` : String(key));

/**
 * Rejects what Stripe rejects before any handler runs: a key the endpoint does not have at any depth
 * (`parameter_unknown`, naming the full bracketed param), a closed-enum value it does not know, and an
 * object where a list belongs. Scalar types stay with the handlers, which know the messages.
 */
export function checkParams(value: ParamValue, node: ParamNode, path = ''): void {
  if (node === 0 || node === 1 || value === '') return;
  if (typeof node === 'string') {
    const allowed = node.split('|');
    if (typeof value === 'string' && !allowed.includes(value))
      throw invalidRequest(`Invalid ${path}: must be one of ${allowed.join(', ')}`, path);
    return;
  }
  if (Array.isArray(node)) {
    if (Array.isArray(value)) value.forEach((v, i) => checkParams(v, node[0]!, child(path, i)));
    else if (typeof value === 'object') throw invalidRequest('Invalid array', path);
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, v] of Object.entries(value)) {
    const sub = node[key];
    if (sub === undefined) throw unknownParam(child(path, key));
    checkParams(v, sub, child(path, key));
  }
}
