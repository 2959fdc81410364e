import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed GraphQL documents for both SPAs, generated from the committed SDL in schema/ (which the server
 * emits with `pnpm schema`). Run `pnpm codegen` after changing a query in portal/ or admin/.
 */
const scalars = {
  Money: 'number',
  LocalDate: 'string',
  Decimal: 'string',
  DateTimeISO: 'string',
  JSONObject: 'Record<string, unknown>',
};

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: true,
  generates: {
    'portal/src/gql/': {
      documents: ['portal/src/**/*.{ts,tsx}', '!portal/src/gql/**'],
      preset: 'client',
      config: { scalars, enumsAsTypes: true, useTypeImports: true },
      presetConfig: { fragmentMasking: false },
    },
    'examples/src/gql/': {
      documents: ['examples/src/**/*.ts', '!examples/src/gql/**'],
      preset: 'client',
      // Node ESM: imports between generated files carry their .js extension.
      config: { scalars, enumsAsTypes: true, useTypeImports: true, emitLegacyCommonJSImports: false },
      presetConfig: { fragmentMasking: false },
    },
    'admin/src/gql/': {
      documents: ['admin/src/**/*.{ts,tsx}', '!admin/src/gql/**'],
      preset: 'client',
      config: { scalars, enumsAsTypes: true, useTypeImports: true },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
