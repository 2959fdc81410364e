import type { AccountData, Collections, CollectionName } from './store.js';
import { resourceMissing } from './errors.js';

/** Looks an object up in the caller's account only: other accounts' ids are "No such …" (404). */
export function getOr404<C extends CollectionName>(
  acct: AccountData,
  coll: C,
  id: string,
  objectName: string,
  param = 'id',
): Collections[C] {
  const obj = acct.collections[coll][id];
  if (!obj) throw resourceMissing(objectName, id, param);
  return obj as Collections[C];
}

/** Looks up an object named in request parameter `param`: Stripe answers a missing one with 400, not 404. */
export function getParamObject<C extends CollectionName>(
  acct: AccountData,
  coll: C,
  id: string,
  objectName: string,
  param: string,
): Collections[C] {
  const obj = acct.collections[coll][id];
  if (!obj) throw resourceMissing(objectName, id, param, 400);
  return obj as Collections[C];
}

export const emptyAddress = () => ({
  city: null,
  country: null,
  line1: null,
  line2: null,
  postal_code: null,
  state: null,
});

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function deleted(id: string, object: string) {
  return { id, object, deleted: true as const };
}
