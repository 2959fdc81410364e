// TaxCode and TaxRate: read and query only. QBO creates them through the tax service (and
// automated sales tax), never through entity writes.
import type { EntityDef } from './common.js';

const readOnlyList = (name: string): EntityDef => ({
  name,
  nameList: true,
  writable: false,
  normalize: (input) => input,
});

export const taxCodeDef = readOnlyList('TaxCode');
export const taxRateDef = readOnlyList('TaxRate');
