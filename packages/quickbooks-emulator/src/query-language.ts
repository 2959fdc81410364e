// The QBO query language subset node-quickbooks (and people) send:
//   select * | count(*) | f1, f2 from <Entity> [where c and c ...] [orderby f [asc|desc], ...]
//   [startposition n] [maxresults n]
// with =, !=, <, >, <=, >=, IN (...), LIKE '%x%'. OR is not part of QBO's language.
import { errors } from './faults.js';
import type { Json } from './types.js';

type Value = string | number | boolean;
export interface Condition {
  field: string;
  op: string;
  value: Value | Value[];
}
export interface ParsedQuery {
  entity: string;
  count: boolean;
  fields?: string[];
  where: Condition[];
  orderBy: { field: string; desc: boolean }[];
  startPosition: number;
  maxResults?: number;
}

interface Tok {
  t: 'id' | 'str' | 'num' | 'op' | 'punct';
  v: string;
}

function tokenize(sql: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      let s = '';
      i++;
      while (i < sql.length && sql[i] !== "'") {
        if (sql[i] === '\\' && i + 1 < sql.length) {
          s += sql[i + 1];
          i += 2;
          continue;
        }
        s += sql[i++];
      }
      if (i >= sql.length) throw errors.queryParse(`Unterminated string literal: '${s}`);
      i++;
      out.push({ t: 'str', v: s });
      continue;
    }
    const two = sql.slice(i, i + 2);
    if (['<=', '>=', '!=', '<>'].includes(two)) {
      out.push({ t: 'op', v: two === '<>' ? '!=' : two });
      i += 2;
      continue;
    }
    if ('=<>'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    if ('(),*'.includes(c)) {
      out.push({ t: 'punct', v: c });
      i++;
      continue;
    }
    const m = /^-?\d+(\.\d+)?(?![\w.])/.exec(sql.slice(i));
    if (m) {
      out.push({ t: 'num', v: m[0] });
      i += m[0].length;
      continue;
    }
    const id = /^[A-Za-z_][\w.]*/.exec(sql.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    throw errors.queryParse(`Encountered " "${c}" " at line 1, column ${i + 1}.`);
  }
  return out;
}

export function parseQuery(sql: string): ParsedQuery {
  const toks = tokenize(sql);
  let p = 0;
  const peek = () => toks[p];
  const kw = (w: string) => peek()?.t === 'id' && peek()!.v.toLowerCase() === w;
  const expect = (w: string) => {
    if (!kw(w))
      throw errors.queryParse(`Encountered "${peek()?.v ?? '<EOF>'}" at position ${p + 1}. Was expecting: "${w}"`);
    p++;
  };
  const punct = (v: string) => peek()?.t === 'punct' && peek()!.v === v;
  const literal = (): Value => {
    const tk = toks[p++];
    if (!tk) throw errors.queryParse('Unexpected end of query');
    if (tk.t === 'str') return tk.v;
    if (tk.t === 'num') return Number(tk.v);
    if (tk.t === 'id' && /^(true|false)$/i.test(tk.v)) return tk.v.toLowerCase() === 'true';
    throw errors.queryParse(`Encountered "${tk.v}". Was expecting a literal value`);
  };
  expect('select');
  let count = false;
  let fields: string[] | undefined;
  if (punct('*')) p++;
  else if (kw('count')) {
    p++;
    if (!punct('(')) throw errors.queryParse('Expected ( after count');
    p += 1;
    if (punct('*')) p++;
    if (!punct(')')) throw errors.queryParse('Expected ) after count(*');
    p++;
    count = true;
  } else {
    fields = [];
    do {
      if (fields.length) p++;
      const f = toks[p++];
      if (f?.t !== 'id') throw errors.queryParse(`Encountered "${f?.v ?? '<EOF>'}". Was expecting a field name`);
      fields.push(f.v);
    } while (punct(','));
  }
  expect('from');
  const ent = toks[p++];
  if (ent?.t !== 'id') throw errors.queryParse('Expected an entity name after FROM');
  const q: ParsedQuery = { entity: ent.v, count, fields, where: [], orderBy: [], startPosition: 1 };
  if (kw('where')) {
    p++;
    do {
      if (q.where.length) p++; // 'and'
      const f = toks[p++];
      if (f?.t !== 'id') throw errors.queryParse(`Encountered "${f?.v ?? '<EOF>'}". Was expecting a field name`);
      let op: string;
      if (peek()?.t === 'op') op = toks[p++].v;
      else if (kw('in') || kw('like')) op = toks[p++].v.toUpperCase();
      else if (kw('or')) throw errors.queryParse('OR is not supported');
      else throw errors.queryParse(`Encountered "${peek()?.v ?? '<EOF>'}". Was expecting an operator`);
      if (op === 'IN') {
        if (!punct('(')) throw errors.queryParse('Expected ( after IN');
        p++;
        const vals: Value[] = [];
        while (!punct(')')) {
          vals.push(literal());
          if (punct(',')) p++;
          else if (!punct(')')) throw errors.queryParse('Expected , or ) in IN list');
        }
        p++;
        q.where.push({ field: f.v, op, value: vals });
      } else q.where.push({ field: f.v, op, value: literal() });
      if (kw('or')) throw errors.queryParse('Encountered " "OR" ". OR is not supported in QuickBooks queries');
    } while (kw('and'));
  }
  if (kw('orderby') || kw('order')) {
    if (toks[p++].v.toLowerCase() === 'order') expect('by');
    do {
      if (q.orderBy.length) p++;
      const f = toks[p++];
      if (f?.t !== 'id') throw errors.queryParse('Expected a field after ORDERBY');
      let desc = false;
      if (kw('asc') || kw('desc')) desc = toks[p++].v.toLowerCase() === 'desc';
      q.orderBy.push({ field: f.v, desc });
    } while (punct(','));
  }
  for (let guard = 0; guard < 2; guard++) {
    if (kw('startposition')) {
      p++;
      q.startPosition = Math.max(1, Number(literal()));
    }
    if (kw('maxresults')) {
      p++;
      q.maxResults = Number(literal());
    }
  }
  if (p < toks.length) throw errors.queryParse(`Encountered " "${toks[p].v}" " at position ${p + 1}.`);
  return q;
}

/** Field value as QBO compares it: refs by value, emails by Address, phones by number. */
export function fieldValue(entity: Json, path: string): unknown {
  let v: any = entity;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    const key = Object.keys(v).find((k) => k.toLowerCase() === part.toLowerCase());
    v = key === undefined ? undefined : v[key];
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) return v.value ?? v.Address ?? v.FreeFormNumber ?? v.URI;
  return v;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}/;

function compare(a: unknown, b: Value): number | undefined {
  if (a === undefined || a === null) return undefined;
  if (typeof b === 'boolean') return String(a).toLowerCase() === String(b) ? 0 : 1;
  if (typeof b === 'number' || (typeof a === 'number' && b !== '' && !Number.isNaN(Number(b)))) {
    const x = Number(a);
    return Number.isNaN(x) ? undefined : x - Number(b);
  }
  const sa = String(a);
  if (DATE_RE.test(sa) && DATE_RE.test(b)) {
    const da = Date.parse(sa);
    const db = Date.parse(b);
    if (!Number.isNaN(da) && !Number.isNaN(db)) return da - db;
  }
  return sa.toLowerCase().localeCompare(b.toLowerCase());
}

function matches(entity: Json, c: Condition): boolean {
  const a = fieldValue(entity, c.field);
  switch (c.op) {
    case 'IN':
      return (c.value as Value[]).some((v) => compare(a, v) === 0);
    case 'LIKE': {
      const re = new RegExp(
        `^${String(c.value)
          .split('%')
          .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
        'i',
      );
      return a !== undefined && a !== null && re.test(String(a));
    }
  }
  const d = compare(a, c.value as Value);
  if (d === undefined) return false;
  switch (c.op) {
    case '=':
      return d === 0;
    case '!=':
      return d !== 0;
    case '<':
      return d < 0;
    case '>':
      return d > 0;
    case '<=':
      return d <= 0;
    case '>=':
      return d >= 0;
  }
  return false;
}

/** Filter, order and page `entities` (already in default Id order). */
export function executeQuery(q: ParsedQuery, entities: Json[], nameList: boolean): { rows: Json[]; total: number } {
  const mentionsActive = q.where.some((c) => c.field.toLowerCase() === 'active');
  // QBO hides inactive list entries unless the query asks about Active explicitly.
  let rows = entities.filter(
    (e) => (!nameList || mentionsActive || e.Active !== false) && q.where.every((c) => matches(e, c)),
  );
  if (q.orderBy.length) {
    rows = [...rows].sort((x, y) => {
      for (const o of q.orderBy) {
        const a = fieldValue(x, o.field);
        const b = fieldValue(y, o.field);
        const d = a === undefined ? -1 : b === undefined ? 1 : (compare(a, typeof b === 'number' ? b : String(b)) ?? 0);
        if (d !== 0) return o.desc ? -d : d;
      }
      return 0;
    });
  }
  const total = rows.length;
  const max = Math.min(1000, Math.max(0, q.maxResults ?? 100));
  rows = rows.slice(q.startPosition - 1, q.startPosition - 1 + max);
  if (q.fields) {
    rows = rows.map((e) => {
      const out: Json = { domain: 'QBO', sparse: true, Id: e.Id };
      for (const f of q.fields!) {
        const top = f.split('.')[0];
        const key = Object.keys(e).find((k) => k.toLowerCase() === top.toLowerCase());
        if (key) out[key] = e[key];
      }
      return out;
    });
  }
  return { rows, total };
}
