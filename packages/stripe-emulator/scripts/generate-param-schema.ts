/**
 * Writes `src/api/param-schema.generated.json`: for every `/v1` route the emulator serves, the request
 * parameters Stripe accepts there, nested, as the pinned SDK's `*Params` types declare them. Those types are
 * generated from Stripe's OpenAPI spec at the SDK's API version, so they are the spec the emulator must match
 * (the only spec file at hand is from 2023, before basil and endive renamed invoice and Checkout params).
 *
 * Run after bumping `stripe`: `pnpm --filter @settle/stripe-emulator gen:params`. Nothing reads the SDK's
 * types at run time; the emulator only loads the JSON.
 *
 * Encoding (compact, the file is data): `0` any scalar, `1` a free-form hash (metadata), `"a|b"` a closed enum,
 * `[node]` an array of node, `{key: node}` an object with exactly those keys.
 */
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRoutes } from '../src/api/all-routes.js';
import type { ParamNode } from '../src/api/param-schema.js';
// Types only: the root workspace's TypeScript 6 declarations (TypeScript 7 ships no compiler API).
import type * as TS from '../../../node_modules/typescript/lib/typescript.js';

const here = dirname(fileURLToPath(import.meta.url));
const ts = createRequire(join(here, '../../../package.json'))('typescript') as typeof TS;
const sdkDir = realpathSync(join(here, '../node_modules/stripe/cjs'));

function walk(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

/** `GET /v1/customers/:` → `…/Customers.CustomerResource.retrieve`, from the SDK's `_makeRequest` calls. */
function sdkMethods(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of walk(join(sdkDir, 'resources'), '.js')) {
    const src = readFileSync(file, 'utf8');
    const cls = /class (\w+) extends/.exec(src)?.[1];
    // One chunk per method; a method may branch to several paths (`accounts.retrieve`).
    for (const chunk of src.split(/\n {4}(?=\w+\([^)]*\) \{)/).slice(1)) {
      const name = /^\w+/.exec(chunk)![0];
      for (const m of chunk.matchAll(/_makeRequest\('(\w+)', [`'](\/v1\/[^`']*)[`']/g)) {
        const key = `${m[1]} ${m[2]!.replace(/\$\{encodeURIComponent\(\w+\)\}/g, ':')}`;
        if (!out.has(key)) out.set(key, `${file.slice(0, -3)}.${cls}.${name}`);
      }
    }
  }
  return out;
}

const program = ts.createProgram(walk(join(sdkDir, 'resources'), '.d.ts'), { strict: true, noEmit: true });
const checker = program.getTypeChecker();

/** The declared type of `params` on each SDK resource method, by `file.Class.method` (class names repeat). */
function paramTypes(): Map<string, TS.Type> {
  const out = new Map<string, TS.Type>();
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(sdkDir)) continue;
    sf.forEachChild((node) => {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        if (!ts.isMethodDeclaration(member) || !member.name) continue;
        const param = member.parameters.find((p) => p.name.getText() === 'params');
        if (param)
          out.set(
            `${sf.fileName.slice(0, -5)}.${node.name.text}.${member.name.getText()}`,
            checker.getTypeAtLocation(param),
          );
      }
    });
  }
  return out;
}

const isOpenString = (t: TS.Type) =>
  (t.flags & ts.TypeFlags.String) !== 0 || (t.isIntersection() && t.types.some((x) => x.flags & ts.TypeFlags.String));

function toNode(type: TS.Type, depth = 0): ParamNode {
  if (depth > 15) return 0;
  const parts = (type.isUnion() ? type.types : [type]).filter(
    (t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) && !(t.isStringLiteral() && t.value === ''),
  );
  const arrays = parts.filter((t) => checker.isArrayType(t));
  if (arrays.length) return [toNode(checker.getTypeArguments(arrays[0] as TS.TypeReference)[0]!, depth + 1)];
  const objects = parts.filter((t) => t.flags & ts.TypeFlags.Object && !isOpenString(t));
  if (objects.length) {
    if (objects.some((t) => checker.getIndexInfosOfType(t).length > 0)) return 1;
    const keys: Record<string, ParamNode> = {};
    for (const o of objects)
      for (const prop of checker.getPropertiesOfType(o))
        keys[prop.name] = toNode(checker.getTypeOfSymbol(prop), depth + 1);
    return keys;
  }
  const literals = parts.filter((t) => t.isStringLiteral()) as TS.StringLiteralType[];
  if (literals.length && literals.length === parts.length) return literals.map((t) => t.value).join('|');
  return 0;
}

const methods = sdkMethods();
const types = paramTypes();
const schema: Record<string, ParamNode> = {};
for (const r of allRoutes()) {
  const key = `${r.method} ${r.path}`;
  const sdk = methods.get(`${r.method} ${r.path.replace(/:\w+/g, ':')}`);
  const type = sdk && types.get(sdk);
  if (!type) throw new Error(`no SDK params type for ${key}`);
  schema[key] = toNode(checker.getNonNullableType(type));
}
// One route per line, so a regenerated file diffs route by route.
const lines = Object.entries(schema).map(([key, node]) => `  ${JSON.stringify(key)}: ${JSON.stringify(node)}`);
writeFileSync(join(here, '../src/api/param-schema.generated.json'), `{\n${lines.join(',\n')}\n}\n`);
console.log(`${Object.keys(schema).length} routes`);
