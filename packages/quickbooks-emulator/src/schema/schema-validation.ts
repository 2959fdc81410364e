// Request bodies checked against the property table generated from Intuit's XSD, the way QBO's
// JSON binding refuses them: an unknown property, or a value that cannot become the schema's
// type, is a 400 ValidationFault with code 2010 before any business rule runs.
import { QboError } from '../faults.js';
import { QBO_SCHEMA } from './qbo-schema.generated.js';

const REF_KEYS = ['value', 'name', 'type'];
/** xs:anyType extension points ("InvoiceEx"): QBO takes any content there. */
const ANY = 'IntuitAnyType';

function invalidProperty(detail: string, element: string): QboError {
  return new QboError(
    400,
    '2010',
    'Request has invalid or unsupported property',
    `Property Name:${detail} specified is unsupported or invalid`,
    'ValidationFault',
    element,
  );
}

const unrecognized = (key: string, type: string, path: string) =>
  invalidProperty(
    `Unrecognized field "${key}" (class com.intuit.schema.finance.v3.${type}), not marked as ignorable`,
    path,
  );

const badValue = (javaType: string, value: unknown, path: string) =>
  invalidProperty(
    `Can not construct instance of ${javaType} from String value '${typeof value === 'object' ? JSON.stringify(value) : String(value)}': not a valid representation`,
    path,
  );

/** A real calendar date, optionally with a time and offset (QBO's date binding accepts both). */
export function isQboDate(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function checkValue(kind: string, value: unknown, path: string): void {
  if (value === null || value === undefined) return;
  if (kind.endsWith('[]')) {
    if (!Array.isArray(value)) throw badValue('java.util.ArrayList', value, path);
    value.forEach((v) => checkValue(kind.slice(0, -2), v, path));
    return;
  }
  switch (kind) {
    case 'boolean':
      if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') throw badValue('boolean', value, path);
      return;
    case 'date':
    case 'dateTime':
      if (!isQboDate(value)) throw badValue('java.util.Date', value, path);
      return;
    case 'number':
      if (
        typeof value === 'number'
          ? !Number.isFinite(value)
          : typeof value !== 'string' || !Number.isFinite(Number(value)) || value.trim() === ''
      )
        throw badValue('java.math.BigDecimal', value, path);
      return;
    case 'string':
      if (typeof value === 'object') throw badValue('java.lang.String', value, path);
      return;
    case 'ref':
      if (typeof value !== 'object' || Array.isArray(value)) throw badValue('ReferenceType', value, path);
      for (const k of Object.keys(value))
        if (!REF_KEYS.includes(k)) throw unrecognized(k, 'ReferenceType', `${path}.${k}`);
      return;
    case ANY:
      return;
  }
  checkObject(kind, value, path);
}

function checkObject(type: string, value: unknown, path: string): void {
  const props = QBO_SCHEMA[type];
  if (!props) return;
  if (typeof value !== 'object' || Array.isArray(value))
    throw badValue(`com.intuit.schema.finance.v3.${type}`, value, path);
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const kind = props[k];
    const at = path ? `${path}.${k}` : k;
    if (kind === undefined) throw unrecognized(k, type, at);
    checkValue(kind, v, at);
  }
}

/** Throws QBO's 2010 fault for the first property of `body` that `entity`'s schema refuses. */
export function validateAgainstSchema(entity: string, body: Record<string, unknown>): void {
  checkObject(entity, body, '');
}

/**
 * Whether `path` ("CustomerRef", "MetaData.CreateTime") names a property of `entity`, matched
 * case-insensitively as QBO's query language does.
 */
export function isSchemaPath(entity: string, path: string): boolean {
  let type: string | undefined = entity;
  for (const part of path.split('.')) {
    if (type === 'ref') return REF_KEYS.includes(part.toLowerCase());
    const props: Record<string, string> | undefined = type ? QBO_SCHEMA[type] : undefined;
    if (!props) return false;
    const key: string | undefined = Object.keys(props).find((k) => k.toLowerCase() === part.toLowerCase());
    if (!key) return false;
    type = props[key].replace('[]', '');
  }
  return true;
}
