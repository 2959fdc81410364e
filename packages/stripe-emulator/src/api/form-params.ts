/**
 * Parses Stripe-style form encoding (`a[b][0][c]=x`, `expand[]=y`) into nested values.
 * The SDK always indexes arrays (`expand[0]`), but curl users write `expand[]`, so both work.
 * Objects whose keys are all integers become arrays, ordered by index, as Stripe does.
 */
export type ParamValue = string | ParamObject | ParamValue[];
export interface ParamObject {
  [key: string]: ParamValue;
}

function splitKey(key: string): string[] {
  const first = key.indexOf('[');
  if (first <= 0) return [key];
  const parts = [key.slice(0, first)];
  const re = /\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(key.slice(first)))) parts.push(m[1]!);
  return parts;
}

type Node = { [k: string]: Node | string } & { __push?: number };

export function parseForm(raw: string): ParamObject {
  const root: Node = {} as Node;
  if (!raw) return {};
  for (const pair of raw.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const k = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    const v = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    const parts = splitKey(k);
    let node: Node = root;
    for (let i = 0; i < parts.length; i++) {
      let part = parts[i]!;
      if (part === '') {
        // `x[]` appends: synthesize the next integer index on this node.
        const next = Object.keys(node).filter((p) => /^\d+$/.test(p)).length;
        part = String(next);
      }
      if (i === parts.length - 1) {
        node[part] = v;
      } else {
        const child = node[part];
        if (typeof child !== 'object') node[part] = {} as Node;
        node = node[part] as Node;
      }
    }
  }
  return normalize(root) as ParamObject;
}

function normalize(node: Node | string): ParamValue {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => normalize(node[k] as Node));
  }
  const out: ParamObject = {};
  for (const k of keys) out[k] = normalize(node[k] as Node);
  return out;
}

/** Canonical string of params used to compare idempotent requests independent of key order. */
export function canonicalParams(p: ParamValue): string {
  if (typeof p === 'string') return JSON.stringify(p);
  if (Array.isArray(p)) return `[${p.map(canonicalParams).join(',')}]`;
  return `{${Object.keys(p)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalParams(p[k]!)}`)
    .join(',')}}`;
}
