import { Column, Entity, PrimaryColumn } from 'typeorm';
import {
  BigintColumn,
  BooleanColumn,
  CreatedAtColumn,
  IntegerColumn,
  JsonbColumn,
  OrgIdColumn,
  TextColumn,
  TimestampColumn,
  UpdatedAtColumn,
  UuidColumn,
} from '../../platform/database/columns.js';
import { OrgRecord } from '../../platform/database/org-record.js';
import { stringEnum } from '../../platform/string-enum.js';

/**
 * An org's webhook endpoint. Never a GraphQL type: it holds the sealed signing secret; the API shows
 * WebhookEndpointView (webhook.types.ts), which has only the secret's prefix.
 */
@Entity('webhook_endpoints')
export class WebhookEndpoint extends OrgRecord {
  @TextColumn() url: string;
  @TextColumn() description: string;
  /** Wire names of the subscribed event types (`invoice.paid`…). */
  @Column({ type: 'text', array: true }) events: string[];
  @BooleanColumn() enabled: boolean;
  /** Why it was disabled by Settle (deliveries failing for 3 days); null when an admin did it or it is on. */
  @TextColumn('disabled_reason', { nullable: true }) disabledReason: string | null;
  /** The signing secret, sealed with platform/crypto.ts. */
  @TextColumn('secret_sealed') secretSealed: string;
  @TextColumn('secret_prefix') secretPrefix: string;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}

/** One thing that happened, as sent to endpoints: written in the transaction of the change itself. */
@Entity('webhook_events')
export class WebhookEventRow {
  /** `evt_…`: stable across retries, resends and replays (receivers dedupe on it). */
  @PrimaryColumn({ type: 'text' }) id: string;
  @BigintColumn() seq: number;
  @OrgIdColumn() orgId: string;
  @TextColumn() type: string;
  @TextColumn('api_version') apiVersion: string;
  @TextColumn('object_id') objectId: string;
  /** The object as the GraphQL API shows it (its type's fields, as JSON). */
  @JsonbColumn() object: Record<string, unknown>;
  @TimestampColumn('created_at') createdAt: Date;
}

export const WebhookDeliveryStatus = stringEnum('PENDING', 'SUCCEEDED', 'FAILED');
export type WebhookDeliveryStatus = keyof typeof WebhookDeliveryStatus;

/** One event to one endpoint: pending until a 2xx answer, or FAILED once its retries ran out (3 days). */
@Entity('webhook_deliveries')
export class WebhookDelivery extends OrgRecord {
  @BigintColumn() seq: number;
  @UuidColumn('endpoint_id') endpointId: string;
  @TextColumn('event_id') eventId: string;
  @TextColumn('object_id') objectId: string;
  @TextColumn() status: WebhookDeliveryStatus;
  @IntegerColumn('attempt_count') attemptCount: number;
  @IntegerColumn('http_status', { nullable: true }) httpStatus: number | null;
  @IntegerColumn('latency_ms', { nullable: true }) latencyMs: number | null;
  @TextColumn('response_excerpt', { nullable: true }) responseExcerpt: string | null;
  @TextColumn({ nullable: true }) error: string | null;
  @TimestampColumn('first_attempt_at', { nullable: true }) firstAttemptAt: Date | null;
  @TimestampColumn('last_attempt_at', { nullable: true }) lastAttemptAt: Date | null;
  @TimestampColumn('next_retry_at', { nullable: true }) nextRetryAt: Date | null;
  @TimestampColumn('delivered_at', { nullable: true }) deliveredAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
