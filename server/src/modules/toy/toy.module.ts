import type { SettleModule } from '../../app/settle-module.js';
import { BILLING, TECH } from '../../graphql/access-policy.js';
import { ToyNotes1795300013000 } from './migrations/0011-toy-notes.migration.js';
import { ToyNote } from './toy-note.entity.js';
import { ToyResolver } from './toy.resolver.js';
import { ToyService, toys } from './toy.service.js';

/** A toy: the whole shape of a module in one folder. */
export const toyModule: SettleModule = {
  name: 'toy',
  entities: [ToyNote],
  migrations: [ToyNotes1795300013000],
  resolvers: [ToyResolver],
  access: { Query: { toyNotes: TECH }, Mutation: { addToyNote: BILLING } },
  setup(c) {
    const service = toys.set(c, new ToyService(c.db));
    return { tasks: { 'toy.ping': ({ noteId }) => service.ping(noteId) } };
  },
};
