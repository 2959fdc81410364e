import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';

/** A literal of `type` that passes GraphQL validation: the least a caller must send. */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter(
      (f) => isNonNullType(f.type) && f.defaultValue === undefined,
    );
    return `{${required.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')}}`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return JSON.stringify(randomUUID());
      case 'Int':
      case 'Float':
      case 'Money':
        return '1';
      case 'Boolean':
        return 'false';
      case 'LocalDate':
        return '"2026-01-01"';
      case 'DateTimeISO':
        return '"2026-01-01T00:00:00Z"';
      case 'Decimal':
        return '"1"';
      case 'JSONObject':
        return '{}';
      default:
        return '"x"';
    }
  }
  throw new Error(`no literal for ${String(type)}`);
}

/** `mutation { field(requiredArgs…) { __typename } }`: one root field called with minimal arguments. */
export function minimalOperation(op: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args
    .filter((a) => isNonNullType(a.type) && a.defaultValue === undefined)
    .map((a) => `${a.name}: ${literal(a.type)}`);
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${op} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}
