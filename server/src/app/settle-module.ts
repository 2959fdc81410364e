import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { CronItem } from 'graphile-worker';
import type { MigrationInterface } from 'typeorm';
import type { ModuleAccess } from '../graphql/access-policy.js';
import type { JobName, TypedTasks } from '../platform/jobs/job-queue.js';
import type { EmailAttachmentSource } from '../modules/email/email-attachments.js';
import type { PaymentFeeSource } from '../modules/payments/payment-fee-source.js';
import type { OutsidePaymentCheck, PaymentProvider } from '../modules/payments/payment-provider.js';
import type { NodeSource } from '../graphql/node.js';
import type { SqlAnswer } from '../graphql/sql-answers.js';
import type { ListenedChannel } from '../platform/events/invoice-events.js';
import type { Container } from './container.js';

/**
 * The one shape of a Settle module (Vendure's plugins are the model): what it adds to the database
 * schema and the GraphQL API is declared as data, read by the data source, the migration runner and the
 * schema builder before anything runs; what it adds to a running process (tasks, schedules, HTTP routes,
 * reactions) comes back from `setup`, once the core services exist. A module is listed once, in
 * app/modules.ts, and is never named anywhere else.
 */
export interface SettleModule {
  /** Short kebab-case name (its folder under modules/). Unique. */
  name: string;
  /** TypeORM entity classes. */
  entities?: EntityClass[];
  /**
   * The module's migrations, kept in its own `migrations/` folder. File names carry one repository-wide
   * number (`0007-…`) in the order they run; that order is the class-name timestamp, which TypeORM
   * records in `settle_migrations` and therefore never changes once shipped.
   */
  migrations?: MigrationClass[];
  /** type-graphql resolver classes (the order of the module list is the order in the schema). */
  resolvers?: ResolverClass[];
  /**
   * Who may call the module's fields: one row for each Query, Mutation and Subscription field its
   * resolvers declare (a root field without one is refused to everyone), and for any nested field that
   * holds more than its parent (graphql/access-policy.ts has the levels).
   */
  access?: ModuleAccess;
  /** The module's object types that `node(id:)` refetches (each also declares `implements: Node`). */
  nodes?: NodeSource[];
  /** Wires the module into a running Settle: builds its services and says what it runs. */
  setup?(container: Container): ModuleParts | Promise<ModuleParts>;
}

/** What a module contributes to a running process. Every field is optional. */
export interface ModuleParts {
  /** graphile-worker tasks by job name (typed by the module's `<name>.jobs.ts`); a name belongs to one module only. */
  tasks?: TypedTasks;
  /** Names the module's jobs had before (old name → current name), so jobs queued by the previous release still run. */
  formerJobNames?: Record<string, JobName>;
  /** Cron schedules of the module's tasks. */
  schedules?: CronItem[];
  /**
   * Run by the job supervisor on start and every few seconds, after the locks of dead workers are
   * released: the module takes back what dead workers held (e.g. Stripe inbox claims).
   */
  recoveries?: Array<() => Promise<unknown>>;
  /** A payment module's provider fees, for accounting integrations (container.paymentFees asks every one). */
  paymentFees?: PaymentFeeSource;
  /**
   * A payment module's provider: how invoices, manual payments and payment exceptions ask it for pay
   * links, to close them and to refund (container.paymentProviders holds one per payment source).
   */
  paymentProvider?: PaymentProvider;
  /** An integration that takes payments on its own pages (QuickBooks Pay Now), asked before autopay charges. */
  outsidePayments?: OutsidePaymentCheck;
  /** Files the module attaches to emails of one kind when they are delivered (the invoice PDF). */
  emailAttachments?: EmailAttachmentSource;
  /** Express routes mounted next to /graphql (webhooks, OAuth callbacks, downloads). */
  routes?: Array<(app: Express) => void>;
  /** Hot side-routes answered before Express sees the request (no router, no middleware). */
  rawRoutes?: RawRoute[];
  /**
   * PostgreSQL channels an API process listens to for the module (on its one LISTEN connection), e.g. to
   * forget a cache when another process changes what it holds.
   */
  listens?: ListenedChannel[];
  /** Query fields PostgreSQL answers alone for the selections it can build (graphql/sql-answers.ts). */
  sqlAnswers?: SqlAnswer[];
  /** Runs once every module is set up, before the worker and the HTTP server start. */
  start?(): Promise<void>;
  /** Runs on shutdown, before the database closes (modules in reverse order). */
  stop?(): Promise<void>;
}

export interface RawRoute {
  method: string;
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse, rest: string): void;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityClass = Function;
export type MigrationClass = new () => MigrationInterface;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type ResolverClass = Function;
