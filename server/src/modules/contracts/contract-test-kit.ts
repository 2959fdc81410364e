import type { CycleSpec } from './contract-cycle.js';

/** A monthly cycle on the 1st from 2026-01-01 with no end, changed by `over` (pure tests' starting point). */
export const cycleSpec = (over: Partial<CycleSpec> = {}): CycleSpec => ({
  cycle: 'MONTHLY',
  intervalWeeks: 1,
  anchorDay: 1,
  startDate: '2026-01-01',
  endDate: null,
  ...over,
});
