// Preferences: one per company (Id "1"), read with GET /preferences and changed by update.
// Only CurrencyPrefs has behaviour here; as in QBO, multicurrency cannot be turned off again
// and the home currency is fixed once it is on.
import { errors } from '../faults.js';
import type { EntityDef } from './common.js';

export const preferencesDef: EntityDef = {
  name: 'Preferences',
  normalize(input, _ctx, existing) {
    const before = existing?.entity.CurrencyPrefs ?? {};
    const currency = { ...before, ...(input.CurrencyPrefs ?? {}) };
    const wasOn = before.MultiCurrencyEnabled === true;
    if (wasOn && String(currency.MultiCurrencyEnabled) !== 'true')
      throw errors.business('Multicurrency cannot be turned off once it has been turned on');
    if (wasOn && currency.HomeCurrency?.value !== before.HomeCurrency?.value)
      throw errors.business('The home currency cannot be changed once multicurrency is on');
    currency.MultiCurrencyEnabled = String(currency.MultiCurrencyEnabled) === 'true';
    return { ...input, CurrencyPrefs: currency };
  },
};
