import type { Express } from 'express';
import { ROOT_TYPES, type AccessTable, type RootTypeName } from '../graphql/access-policy.js';
import { createTaskRegistry, type TaskRegistry } from '../platform/jobs/job-queue.js';
import type { Container } from './container.js';
import type { EntityClass, MigrationClass, RawRoute, ResolverClass, SettleModule } from './settle-module.js';
import type { SqlAnswer } from '../graphql/sql-answers.js';
import type { ListenedChannel } from '../platform/events/invoice-events.js';

/** The database side of a module list: what the TypeORM data source and the migration runner read. */
export interface DatabaseSchema {
  entities: EntityClass[];
  /** Ordered by the timestamp in the class name, as TypeORM runs and records them. */
  migrations: MigrationClass[];
}

export function databaseSchemaOf(modules: readonly SettleModule[]): DatabaseSchema {
  distinct(
    modules.map((m) => m.name),
    'module name',
  );
  const migrations = modules.flatMap((m) => m.migrations ?? []);
  distinct(migrations.map(migrationTimestamp).map(String), 'migration timestamp');
  return {
    entities: modules.flatMap((m) => m.entities ?? []),
    migrations: [...migrations].sort((a, b) => migrationTimestamp(a) - migrationTimestamp(b)),
  };
}

export function resolversOf(modules: readonly SettleModule[]): ResolverClass[] {
  return modules.flatMap((m) => m.resolvers ?? []);
}

/**
 * The API's access table: the rows each module declares for its own fields. A field two modules claim
 * is an error; a field no module claims has no row, and is refused to everyone.
 */
export function accessTableOf(modules: readonly SettleModule[]): AccessTable {
  const table: AccessTable = { root: { Query: {}, Mutation: {}, Subscription: {} }, nested: {} };
  distinct(
    modules.flatMap((m) =>
      Object.entries(m.access ?? {}).flatMap(([type, rows]) => Object.keys(rows).map((f) => `${type}.${f}`)),
    ),
    'access row',
  );
  for (const m of modules) {
    for (const [typeName, rows] of Object.entries(m.access ?? {})) {
      const into = (ROOT_TYPES as readonly string[]).includes(typeName)
        ? table.root[typeName as RootTypeName]
        : (table.nested[typeName] ??= {});
      Object.assign(into, rows);
    }
  }
  return table;
}

/** TypeORM's own rule: the last 13 digits of the class name are the migration's timestamp. */
export function migrationTimestamp(migration: MigrationClass): number {
  const t = Number(migration.name.slice(-13));
  if (!Number.isInteger(t)) throw new Error(`Migration ${migration.name} must end in a 13-digit timestamp`);
  return t;
}

/** What the modules of a running Settle contribute: one worker registry, routes, lifecycle. */
export interface InstalledModules {
  tasks: TaskRegistry;
  routes: Array<(app: Express) => void>;
  rawRoutes: RawRoute[];
  sqlAnswers: SqlAnswer[];
  listens: ListenedChannel[];
  /** Each module's `start`, in list order. */
  start(): Promise<void>;
  /** Each module's `stop`, in reverse order. */
  stop(): Promise<void>;
}

/** Sets each module up on the container, in list order, and gathers what they declared. */
export async function installModules(
  container: Container,
  modules: readonly SettleModule[],
): Promise<InstalledModules> {
  const tasks = createTaskRegistry();
  const installed: InstalledModules = {
    tasks,
    routes: [],
    rawRoutes: [],
    sqlAnswers: [],
    listens: [],
    start: async () => undefined,
    stop: async () => undefined,
  };
  const starts: Array<() => Promise<void>> = [];
  const stops: Array<() => Promise<void>> = [];
  for (const m of modules) {
    const parts = (await m.setup?.(container)) ?? {};
    for (const [name, task] of Object.entries(parts.tasks ?? {})) {
      if (tasks.tasks[name as keyof typeof tasks.tasks])
        throw new Error(`Task ${name} of module ${m.name} is already declared by another module`);
      tasks.tasks[name as keyof typeof tasks.tasks] = task as never;
    }
    Object.assign(tasks.formerNames, parts.formerJobNames ?? {});
    tasks.cron.push(...(parts.schedules ?? []));
    tasks.recoveries.push(...(parts.recoveries ?? []));
    if (parts.paymentFees) container.paymentFees.add(parts.paymentFees);
    if (parts.paymentProvider) container.paymentProviders.add(parts.paymentProvider);
    if (parts.outsidePayments) container.paymentProviders.addOutside(parts.outsidePayments);
    if (parts.emailAttachments) container.email.attachments.add(parts.emailAttachments);
    installed.routes.push(...(parts.routes ?? []));
    installed.rawRoutes.push(...(parts.rawRoutes ?? []));
    installed.sqlAnswers.push(...(parts.sqlAnswers ?? []));
    installed.listens.push(...(parts.listens ?? []));
    if (parts.start) starts.push(parts.start);
    if (parts.stop) stops.unshift(parts.stop);
  }
  installed.start = async () => {
    for (const start of starts) await start();
  };
  installed.stop = async () => {
    for (const stop of stops) await stop();
  };
  return installed;
}

function distinct(values: string[], what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw new Error(`Two modules declare the same ${what}: ${v}`);
    seen.add(v);
  }
}
