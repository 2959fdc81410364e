import { BILLING, TECH } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { TimeEntry } from './time-entry.entity.js';
import { nodeSource } from '../../graphql/node.js';
import { TimeEntryResolver } from './time-entry.resolver.js';

/** Logged time, billed by invoice generation. */
export const timeEntriesModule: SettleModule = {
  name: 'time-entries',
  entities: [TimeEntry],
  resolvers: [TimeEntryResolver],
  nodes: [nodeSource(TimeEntry)],
  access: {
    Query: {
      timeEntries: TECH,
    },
    Mutation: {
      logTime: TECH,
      updateTimeEntry: TECH,
      submitTimeEntries: TECH,
      approveTimeEntries: BILLING,
      rejectTimeEntry: BILLING,
      rejectTimeEntries: BILLING,
    },
    // An entry's rate is what the client is billed for it: billing staff set it and read it, as they do
    // clients' rates and catalog prices; the technician whose time it is reads the rest of the entry.
    TimeEntry: { rateOverride: BILLING },
  },
};
