// Test support (not a test file): fast-check arbitraries that make GraphQL arguments from the schema's
// input types, for the property test of every mutation (property-mutations.test.ts).
import fc from 'fast-check';
import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';

/** Values drawn from the database under test; filled in (in place) once it is set up. */
export interface ValuePools {
  /** Ids of the caller's org's rows. */
  ownIds: string[];
  /** Ids of the other org's rows. */
  otherIds: string[];
  /** Strings that mean something there (codes, emails, keys). */
  strings: string[];
}

const uuid = fc.uuid().map((u) => u.toLowerCase());
const nulString = fc
  .string({ maxLength: 12 })
  .chain((a) => fc.constantFrom(`${a}\u0000`, `\u0000${a}`, `${a}\u0000${a}`));
const hostileString = fc.oneof(
  { weight: 2, arbitrary: nulString },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(20_000), 'y'.repeat(600)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '%',
      '_',
      '\\',
      "'; DROP TABLE invoices; --",
      '-1',
      'NaN',
      'Infinity',
      '1e309',
      'null',
      '0000-01-01',
      '2026-02-30',
      '{clinet}',
      'ＵＳＤ',
      '\uD800',
      '🙂',
      'a@b',
      'not an email',
      '<script>alert(1)</script>',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
);
const hostileNumber = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1,
    1.5,
    -0.5,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 31 - 1,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    1e13,
    1e13 + 1,
    1e20,
    1e308,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
/** Any JSON value of the wrong type, for any argument. */
const wrongType = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ a: 1 }),
);

/** The argument arbitraries over `pools` (read when an arbitrary is made, so fill them first). */
export function argumentArbitraries({ ownIds, otherIds, strings }: ValuePools) {
  /** Ids of either org's rows, weighted own : other, as choices for fc.oneof. */
  const ids = (own: number, other: number) => [
    { weight: own, arbitrary: fc.constantFrom(...ownIds) },
    { weight: other, arbitrary: fc.constantFrom(...otherIds) },
  ];

  /** A value the field's validation would accept, so the hostile one next to it gets past it. */
  function plausibleString(field: string): fc.Arbitrary<string> {
    if (/email/i.test(field)) return fc.constantFrom('ap@client.test', 'portal@property-a.test', 'new@property-a.test');
    if (/currency/i.test(field)) return fc.constantFrom('USD', 'EUR', 'XYZ', 'usd');
    if (/password/i.test(field)) return fc.constant('correct horse battery');
    if (/destinations/i.test(field)) return fc.constantFrom('EMAIL', 'STRIPE', 'QUICKBOOKS');
    return fc.oneof(fc.constantFrom('Work', 'A name', 'x'), fc.constantFrom(...strings));
  }

  /** Values a careful client would send: they reach the services and often succeed (then org B must stay untouched). */
  function mildScalarArb(name: string, field: string): fc.Arbitrary<unknown> {
    switch (name) {
      case 'ID':
        return fc.oneof(...ids(3, 1));
      case 'String':
        return plausibleString(field);
      case 'Int':
        return fc.integer({ min: 0, max: 60 });
      case 'Money':
        return fc.integer({ min: 0, max: 100_000 });
      case 'Decimal':
        return fc.constantFrom('1', '1.5', '0.25');
      case 'LocalDate':
        return fc.constantFrom('2026-12-01', '2026-12-15', '2026-12-31');
      case 'Boolean':
        return fc.boolean();
      default:
        return scalarArb(name, field);
    }
  }

  function scalarArb(name: string, field: string): fc.Arbitrary<unknown> {
    switch (name) {
      case 'ID':
        return fc.oneof(...ids(4, 3), { weight: 1, arbitrary: uuid }, { weight: 1, arbitrary: hostileString });
      case 'String':
        return fc.oneof(
          { weight: 3, arbitrary: plausibleString(field) },
          { weight: 3, arbitrary: hostileString },
          { weight: 1, arbitrary: fc.constantFrom(...ownIds, ...otherIds) },
        );
      case 'Int':
        return fc.oneof(fc.integer({ min: -5, max: 20_000 }), fc.integer({ min: 0, max: 100 }), hostileNumber);
      case 'Float':
        return hostileNumber;
      case 'Boolean':
        return fc.boolean();
      case 'Money':
        return fc.oneof(
          { weight: 3, arbitrary: fc.integer({ min: 0, max: 100_000 }) },
          { weight: 3, arbitrary: hostileNumber },
          { weight: 1, arbitrary: fc.constantFrom('100', '10.50') },
        );
      case 'Decimal':
        return fc.oneof(
          fc.constantFrom(
            '1',
            '0',
            '-1',
            '0.0001',
            '0.00001',
            '9999999999.9999',
            '99999999999',
            '1e3',
            'NaN',
            '1.5',
            ' 2 ',
            '١',
          ),
          hostileString,
        );
      case 'LocalDate':
        return fc.oneof(
          fc.constantFrom(
            '2026-12-01',
            '2026-12-31',
            '1900-01-01',
            '9999-12-31',
            '0000-01-01',
            '1899-12-31',
            '2026-02-30',
            '2026-1-1',
            '20261201',
          ),
          fc
            .date({ min: new Date('1800-01-01'), max: new Date('9999-12-31') })
            .map((d) => (Number.isNaN(d.getTime()) ? '2026-01-01' : d.toISOString().slice(0, 10))),
        );
      case 'DateTimeISO':
        return fc.oneof(fc.constantFrom('2026-12-01T00:00:00Z', '0000-01-01T00:00:00Z', 'yesterday'), hostileString);
      case 'JSONObject':
        return fc.oneof(fc.constant({}), fc.constant({ a: '\u0000' }), wrongType);
      default:
        return wrongType;
    }
  }

  /** Arguments for an input of `type`: `mild` ones a careful client would send, or hostile ones. */
  function inputArb(type: GraphQLInputType, field: string, mild: boolean, depth = 0): fc.Arbitrary<unknown> {
    if (isNonNullType(type))
      return mild
        ? inputArb(type.ofType, field, mild, depth)
        : fc.oneof(
            { weight: 39, arbitrary: inputArb(type.ofType, field, mild, depth) },
            { weight: 1, arbitrary: fc.constant(null) },
          );
    const value = (): fc.Arbitrary<unknown> => {
      if (isListType(type))
        return fc.array(inputArb(type.ofType, field, mild, depth + 1), {
          minLength: mild ? 1 : 0,
          maxLength: depth ? 2 : 3,
        });
      const enumValues = isEnumType(type) ? fc.constantFrom(...type.getValues().map((v) => v.name)) : null;
      if (enumValues)
        return mild
          ? enumValues
          : fc.oneof({ weight: 5, arbitrary: enumValues }, { weight: 1, arbitrary: fc.constant('NOT_A_VALUE') });
      if (isInputObjectType(type)) {
        const fields = Object.values(type.getFields());
        if (depth > 3) return fc.constant({});
        const shape = Object.fromEntries(fields.map((f) => [f.name, inputArb(f.type, f.name, mild, depth + 1)]));
        return fc.record(shape, { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
      }
      return (mild ? mildScalarArb : scalarArb)(getNamedType(type).name, field);
    };
    if (mild) return value();
    // Mostly values of the right shape (to get past coercion into validation and services), sometimes not.
    return fc.oneof({ weight: 39, arbitrary: value() }, { weight: 1, arbitrary: wrongType });
  }

  return { inputArb };
}
