import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createSettlePubSub } from '../platform/events/invoice-events.js';
import { createSchema } from './schema.js';
import { undescribedSchemaElements } from './schema-descriptions.js';

describe('the SDL integrators read', () => {
  it('describes every type, field, argument and enum value (`pnpm schema --undescribed` lists any that is not)', async () => {
    expect(undescribedSchemaElements(await createSchema(createSettlePubSub()))).toEqual([]);
  });

  it('finds what lacks a description', () => {
    const sdl = `"""A thing."""
      type Query { """Described."""  a(x: Int): Color  b: Int }
      enum Color { """Red.""" RED BLUE }
      input Filter { c: Int }`;
    expect(undescribedSchemaElements(buildSchema(sdl))).toEqual([
      'Color',
      'Color.BLUE',
      'Filter',
      'Filter.c',
      'Query.a(x)',
      'Query.b',
    ]);
  });
});
