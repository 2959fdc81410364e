import 'reflect-metadata';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, graphql } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { accessTableOf } from '../app/module-runtime.js';
import { SETTLE_MODULES } from '../app/modules.js';
import { createSettlePubSub } from '../platform/events/invoice-events.js';
import { enforceAccessTable } from './access-enforcement.js';
import { ADMIN, BILLING, ROOT_TYPES, type RootTypeName } from './access-policy.js';
import { createSchema } from './schema.js';

/** Each module says who may call its own fields; the API's table is their union. Pure: no database. */
describe('access rows declared by the modules', () => {
  it('cover exactly the root fields of each module’s own resolvers', async () => {
    await createSchema(createSettlePubSub()); // type-graphql fills its metadata while it builds
    const md = getMetadataStorage();
    const kinds: Record<RootTypeName, Array<{ target: unknown; schemaName: string }>> = {
      Query: md.queries,
      Mutation: md.mutations,
      Subscription: md.subscriptions,
    };
    for (const m of SETTLE_MODULES) {
      // A resolver's own fields, and those it inherits (e.g. the mutations of graphql/staff-writes.ts).
      const own = (target: unknown) =>
        (m.resolvers ?? []).some(
          (r) => r === target || (typeof target === 'function' && r.prototype instanceof target),
        );
      for (const typeName of ROOT_TYPES) {
        const fields = kinds[typeName].filter((f) => own(f.target)).map((f) => f.schemaName);
        expect(Object.keys(m.access?.[typeName] ?? {}).sort(), `${m.name} ${typeName}`).toEqual(fields.sort());
      }
    }
  });

  it('refuse a field two modules claim', () => {
    expect(() =>
      accessTableOf([
        { name: 'a', access: { Query: { x: BILLING } } },
        { name: 'b', access: { Query: { x: ADMIN } } },
      ]),
    ).toThrow('Two modules declare the same access row: Query.x');
  });

  it('fail closed: a root field no module gives a row is refused to every caller', async () => {
    const field = { type: GraphQLString, resolve: () => 'reached' };
    const schema = enforceAccessTable(
      new GraphQLSchema({
        query: new GraphQLObjectType({ name: 'Query', fields: { listed: field, unlisted: field } }),
      }),
      accessTableOf([{ name: 'a', access: { Query: { listed: BILLING } } }]),
    );
    const owner = { kind: 'user', orgId: 'o1', userId: 'u1', role: 'OWNER', name: 'N', email: 'n@x.test' };
    const run = async (source: string, principal: unknown) => {
      const res = await graphql({ schema, source, contextValue: { principal } });
      return res.errors ? (res.errors[0]!.originalError as { code?: string }).code : res.data;
    };
    expect(await run('{listed}', owner)).toEqual({ listed: 'reached' });
    expect(await run('{unlisted}', owner)).toBe('FORBIDDEN');
    expect(await run('{unlisted}', null)).toBe('UNAUTHENTICATED');
  });
});
