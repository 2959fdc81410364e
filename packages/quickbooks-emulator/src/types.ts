// Shared shapes for the QuickBooks Online emulator. Entities are kept as plain JSON
// objects (the exact wire shape QBO returns) so reads never need a mapping layer.

export type Json = Record<string, any>;

export type WebhookFormat = 'legacy' | 'cloudevents';

export interface QuickBooksEmulatorOptions {
  host?: string;
  /** 0 = random free port. Default 12112. */
  port?: number;
  /** JSON file to load state from at start and save to (debounced) after changes. */
  stateFile?: string;
  /** v3 API requests allowed per realm per (emulated) minute before HTTP 429. Default 500. */
  ratePerMinute?: number;
  webhook?: { url?: string; verifierToken?: string; format?: WebhookFormat; retryScheduleMs?: number[] };
  /** Base URL used in links handed to people (InvoiceLink, OAuth pages). Default http://host:port */
  publicUrl?: string;
  logger?: EmulatorLogger;
  /** Pin credentials (otherwise generated once and persisted in stateFile). */
  credentials?: Partial<Pick<EmulatorCredentials, 'realmId' | 'clientId' | 'clientSecret'>>;
}

export interface EmulatorLogger {
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
}

export interface EmulatorCredentials {
  realmId: string;
  clientId: string;
  clientSecret: string;
  accessToken: string;
  refreshToken: string;
  webhookVerifierToken: string;
}

export interface QuickBooksEmulator {
  url: string;
  port: number;
  credentials: EmulatorCredentials;
  close(): Promise<void>;
}

/** One stored entity plus emulator-only bookkeeping that QBO never serialises. */
export interface EntityRecord {
  entity: Json;
  voided?: boolean;
  /** Emulated epoch ms of deletion; deleted records stay for CDC but read as 610. */
  deletedAt?: number;
  /** Opaque token of the Pay Now link (invoices only). */
  payToken?: string;
}

export interface RealmState {
  realmId: string;
  /** entity name (e.g. "Invoice") -> id -> record */
  records: Record<string, Record<string, EntityRecord>>;
  /** Next Id per entity name; QBO ids are numeric strings per entity list. */
  nextId: Record<string, number>;
  nextDocNumber: number;
  /** requestid -> first response, replayed verbatim (QBO idempotency). */
  requestIds: Record<string, { status: number; body: Json; at: number }>;
}

export interface AccessTokenRecord {
  realmId: string;
  clientId: string;
  grantId: string;
  expiresAt: number;
  revoked?: boolean;
}
export interface RefreshTokenRecord {
  realmId: string;
  clientId: string;
  /** One authorization (consent) = one grant; revoking any token of it revokes all. */
  grantId: string;
  grantCreatedAt: number;
  expiresAt: number;
  /** When a newer refresh token replaced it; it keeps working for 24 h after that. */
  supersededAt?: number;
  revoked?: boolean;
}

export interface OAuthState {
  clientId: string;
  clientSecret: string;
  authCodes: Record<string, { realmId: string; redirectUri: string; expiresAt: number; used?: boolean; scope: string }>;
  accessTokens: Record<string, AccessTokenRecord>;
  refreshTokens: Record<string, RefreshTokenRecord>;
  /** The pair printed on start / served at /__emulator/credentials. */
  bootstrap: { accessToken: string; refreshToken: string };
}

export interface PersistedState {
  version: 1;
  defaultRealmId: string;
  clockOffsetMs: number;
  oauth: OAuthState;
  realms: Record<string, RealmState>;
  webhook: { url?: string; verifierToken: string; format: WebhookFormat };
}

/** Result of one v3 operation, before envelope/HTTP serialisation. */
export interface OpResult {
  status: number;
  body: Json;
}

export interface ChangeEvent {
  realmId: string;
  name: string;
  id: string;
  operation: 'Create' | 'Update' | 'Delete' | 'Void' | 'Emailed' | 'Merge';
  at: number;
}
