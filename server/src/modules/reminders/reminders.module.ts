import type { SettleModule } from '../../app/settle-module.js';
import { BILLING } from '../../graphql/access-policy.js';
import { Reminders1795300023000 } from './migrations/0020-reminders.migration.js';
import { REMINDER_ENTITIES } from './reminder.entities.js';
import { registerReminders } from './reminders.integration.js';
import { InvoiceRemindersResolver, ReminderPolicyResolver } from './reminders.resolver.js';

/** Payment reminders (dunning): the org's and clients' schedules, the sweep that emails them, each once. */
export const remindersModule: SettleModule = {
  name: 'reminders',
  entities: REMINDER_ENTITIES,
  migrations: [Reminders1795300023000],
  resolvers: [ReminderPolicyResolver, InvoiceRemindersResolver],
  access: {
    Query: { reminderPolicy: BILLING },
    Mutation: { setReminderPolicy: BILLING, clearClientReminderPolicy: BILLING },
    Invoice: { reminders: BILLING },
  },
  setup: registerReminders,
};
