import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '../../../test/harness.js';
import { createDataSource } from './data-source.js';
import { insertRows } from './sql.js';

let db: DataSource;
let drop: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDatabase();
  drop = t.drop;
  db = createDataSource(t.url, { entities: [], migrations: [] }, { poolSize: 2 });
  await db.initialize();
  await db.query(`CREATE TYPE rows_kind AS ENUM ('CARD', 'CHECK')`);
  await db.query(
    `CREATE TABLE rows_probe (id bigserial PRIMARY KEY, t text, vc varchar(20), n bigint, b boolean, at timestamptz,
       j jsonb, k rows_kind, cur char(3), made timestamptz NOT NULL DEFAULT clock_timestamp())`,
  );
  await db.query(`CREATE TABLE rows_tagged (id bigserial PRIMARY KEY, name text NOT NULL, tags text[] NOT NULL)`);
});

afterAll(async () => {
  await db?.destroy();
  await drop?.();
});

const columns = ['t', 'vc', 'n', 'b', 'at', 'j', 'k', 'cur'];
const when = new Date('2026-12-07T10:11:12.345Z');

describe('insertRows (real PostgreSQL)', () => {
  it('writes every row as given, text and JSON untouched, and answers in the order given', async () => {
    const rows: unknown[][] = [
      ['a,b', 'x', 1, true, when, { lines: [1, 2], note: 'he said "hi"' }, 'CARD', 'USD'],
      ['"quoted" and back\\slash', '{braces}', -9007199254740991, false, null, [1, [2, 3]], 'CHECK', 'JPY'],
      ['NULL', '', null, null, when, '{"already":"json text"}', null, null],
      [null, 'é€😀', 0, true, when, null, 'CARD', 'KW'],
      ['', 'NULL', 42, false, when, 'a string', 'CHECK', 'EUR'],
    ];
    // A JSON string value is sent as JSON text, as the VALUES form sent it: valid JSON text only.
    rows[4]![5] = JSON.stringify('a string');
    const back = await insertRows<{ id: string; t: string | null }>(db, 'rows_probe', columns, rows, {
      tail: 'RETURNING id, t',
    });
    expect(back.map((r) => r.t)).toEqual(rows.map((r) => r[0]));
    const ids = back.map((r) => Number(r.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    const stored = (await db.query(
      `SELECT t, vc, n::text AS n, b, at, j, k, cur FROM rows_probe WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    )) as Array<Record<string, unknown>>;
    expect(stored).toEqual([
      {
        t: 'a,b',
        vc: 'x',
        n: '1',
        b: true,
        at: when,
        j: { lines: [1, 2], note: 'he said "hi"' },
        k: 'CARD',
        cur: 'USD',
      },
      {
        t: '"quoted" and back\\slash',
        vc: '{braces}',
        n: '-9007199254740991',
        b: false,
        at: null,
        j: [1, [2, 3]],
        k: 'CHECK',
        cur: 'JPY',
      },
      { t: 'NULL', vc: '', n: null, b: null, at: when, j: { already: 'json text' }, k: null, cur: null },
      // char(3) pads a shorter value, as it does for any insert.
      { t: null, vc: 'é€😀', n: '0', b: true, at: when, j: null, k: 'CARD', cur: 'KW ' },
      { t: '', vc: 'NULL', n: '42', b: false, at: when, j: 'a string', k: 'CHECK', cur: 'EUR' },
    ]);
  });

  it('refuses a value its column cannot hold, and writes none of the rows', async () => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM rows_probe`)) as Array<{ n: number }>;
    const tooLong = 'x'.repeat(21);
    await expect(
      insertRows(db, 'rows_probe', columns, [
        ['fine', 'ok', 1, true, when, null, 'CARD', 'USD'],
        ['bad', tooLong, 1, true, when, null, 'CARD', 'USD'],
      ]),
    ).rejects.toThrow(/too long/);
    expect(await db.query(`SELECT count(*)::int AS n FROM rows_probe`)).toEqual(before);
  });

  it('a table with an array column among those written still takes its rows whole', async () => {
    const back = await insertRows<{ name: string; tags: string[] }>(
      db,
      'rows_tagged',
      ['name', 'tags'],
      [
        ['one', ['a', 'b,c']],
        ['two', []],
      ],
      { tail: 'RETURNING name, tags' },
    );
    expect(back).toEqual([
      { name: 'one', tags: ['a', 'b,c'] },
      { name: 'two', tags: [] },
    ]);
  });

  it('thousands of rows in one call, each once', async () => {
    const many = Array.from({ length: 12_000 }, (_, n) => [`row ${n}`, null, n, null, null, { n }, null, null]);
    await insertRows(db, 'rows_probe', columns, many);
    const [row] = (await db.query(
      `SELECT count(*)::int AS rows, count(DISTINCT t)::int AS distinct_t, sum((j->>'n')::int)::bigint::text AS total FROM rows_probe WHERE t LIKE 'row %'`,
    )) as Array<{ rows: number; distinct_t: number; total: string }>;
    expect(row).toEqual({ rows: 12_000, distinct_t: 12_000, total: String((12_000 * 11_999) / 2) });
  });
});
