import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { validateRootIdArgs } from './id-validation.js';

const UPPER = 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D';
const LOWER = UPPER.toLowerCase();

/** A schema whose one field answers with the arguments its resolver got, as JSON. */
function echoSchema() {
  const schema = buildSchema(`
    input Line { id: ID, serviceId: ID!, ref: ID, note: String, children: [Line!] }
    input Filter { clientIds: [ID!], lines: [Line!], name: String }
    type Query { echo(id: ID, ids: [ID!], filter: Filter, label: String, external: String): String }
  `);
  schema.getQueryType()!.getFields().echo!.resolve = (_source, args) => JSON.stringify(args);
  return validateRootIdArgs(schema);
}

async function echo(variables: Record<string, unknown>) {
  const res = await graphql({
    schema: echoSchema(),
    source: `query($id:ID,$ids:[ID!],$filter:Filter,$label:String){echo(id:$id,ids:$ids,filter:$filter,label:$label)}`,
    variableValues: variables,
  });
  return res;
}

describe('ID arguments reach resolvers canonical', () => {
  it('lower-cases UUIDs at every ID position, top-level, in lists and inside input objects however deep', async () => {
    const filter = {
      clientIds: [UPPER, LOWER],
      name: UPPER,
      lines: [{ id: UPPER, serviceId: UPPER, note: UPPER, children: [{ serviceId: UPPER, ref: 'ext-ABC' }] }],
    };
    const res = await echo({ id: UPPER, ids: [UPPER], filter, label: UPPER });
    expect(res.errors).toBeUndefined();
    expect(JSON.parse(res.data!.echo as string)).toEqual({
      id: LOWER,
      ids: [LOWER],
      label: UPPER, // a String is not an id: as given
      filter: {
        clientIds: [LOWER, LOWER],
        name: UPPER,
        lines: [{ id: LOWER, serviceId: LOWER, note: UPPER, children: [{ serviceId: LOWER, ref: 'ext-ABC' }] }],
      },
    });
    // The variables themselves are left as sent (a copy is canonical, not the request).
    expect(filter.clientIds[0]).toBe(UPPER);
  });

  it('still refuses a top-level ID that is not a UUID, naming it', async () => {
    const res = await echo({ id: 'not-a-uuid' });
    expect(res.errors?.[0]?.message).toBe('id is not a valid id');
  });

  it('leaves a nested ID that is not a UUID as it is (input rules decide about it)', async () => {
    const res = await echo({ filter: { lines: [{ serviceId: 'QB-Item-42' }] } });
    expect(JSON.parse(res.data!.echo as string)).toEqual({ filter: { lines: [{ serviceId: 'QB-Item-42' }] } });
  });
});
