import type { DataSource } from 'typeorm';
import { systemClock, type Clock } from '../../platform/clock.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import type { AuditService } from '../audit/audit.service.js';
import type { EmailService } from './email.service.js';

/** What a service that audits its writes, raises domain events and mails links into Settle is built from. */
export interface MailingServiceDeps {
  db: DataSource;
  audit: AuditService;
  email: EmailService;
  events: DomainEventBus;
  /** Where links in its emails point (PUBLIC_URL). */
  publicUrl: string;
  /** The container's clock (tests and the sandbox swap it after wiring, hence a getter); the system's if unset. */
  clock?: () => Clock;
}

/** The fields of such a service, wired once in app/container.ts from one deps object. */
export abstract class MailingService {
  protected readonly db: DataSource;
  protected readonly audit: AuditService;
  protected readonly email: EmailService;
  protected readonly events: DomainEventBus;
  protected readonly publicUrl: string;
  private readonly clock: () => Clock;

  constructor(deps: MailingServiceDeps) {
    ({ db: this.db, audit: this.audit, email: this.email, events: this.events, publicUrl: this.publicUrl } = deps);
    this.clock = deps.clock ?? (() => systemClock);
  }

  /** Now by the container's clock: where business dates ("today" in the org's zone) are read from. */
  protected now(): Date {
    return this.clock().now();
  }
}
