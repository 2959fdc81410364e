// In-memory state of the emulated QBO companies + OAuth grants, optionally persisted to a
// JSON file (debounced) so a demo company survives a restart of the hosting process.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';
import type {
  ChangeEvent,
  EntityRecord,
  Json,
  PersistedState,
  QuickBooksEmulatorOptions,
  RealmState,
} from './types.js';
import { seedRealm } from './seed.js';

const SAVE_DEBOUNCE_MS = 50;

function randomDigits(n: number): string {
  let s = String(1 + (randomBytes(1)[0] % 9));
  while (s.length < n) s += String(randomBytes(1)[0] % 10);
  return s;
}

function randomAlnum(n: number): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(n), (b) => abc[b % abc.length]).join('');
}

export const ids = { randomDigits, randomAlnum };

export class Store {
  state: PersistedState;
  private saveTimer?: NodeJS.Timeout;
  private listeners: ((e: ChangeEvent) => void)[] = [];

  constructor(
    private opts: QuickBooksEmulatorOptions,
    private clock: Clock,
  ) {
    const loaded = opts.stateFile && existsSync(opts.stateFile) ? this.load(opts.stateFile) : undefined;
    this.state = loaded ?? this.fresh();
    const pinned = opts.credentials ?? {};
    if (pinned.clientId) this.state.oauth.clientId = pinned.clientId;
    if (pinned.clientSecret) this.state.oauth.clientSecret = pinned.clientSecret;
    if (pinned.realmId && pinned.realmId !== this.state.defaultRealmId) {
      this.state.defaultRealmId = pinned.realmId;
      this.state.realms[pinned.realmId] ??= seedRealm(pinned.realmId, clock.now());
    }
    if (opts.webhook?.url !== undefined) this.state.webhook.url = opts.webhook.url || undefined;
    if (opts.webhook?.verifierToken) this.state.webhook.verifierToken = opts.webhook.verifierToken;
    if (opts.webhook?.format) this.state.webhook.format = opts.webhook.format;
    clock.offsetMs = this.state.clockOffsetMs;
    this.scheduleSave();
  }

  private fresh(): PersistedState {
    // Realm ids look like Intuit's (16 digits); client id/secret like developer-portal keys.
    const realmId = randomDigits(16);
    return {
      version: 1,
      defaultRealmId: realmId,
      clockOffsetMs: 0,
      oauth: {
        clientId: `AB${randomAlnum(48)}`,
        clientSecret: randomAlnum(40),
        authCodes: {},
        accessTokens: {},
        refreshTokens: {},
        bootstrap: { accessToken: '', refreshToken: '' },
      },
      realms: { [realmId]: seedRealm(realmId, this.clock.now()) },
      webhook: { verifierToken: randomAlnum(36).toLowerCase(), format: 'legacy' },
    };
  }

  private load(file: string): PersistedState | undefined {
    try {
      const s = JSON.parse(readFileSync(file, 'utf8')) as PersistedState;
      return s.version === 1 ? s : undefined;
    } catch (e) {
      this.opts.logger?.warn(`quickbooks emulator: ignoring unreadable state file ${file}`, e);
      return undefined;
    }
  }

  get defaultRealm(): RealmState {
    return this.state.realms[this.state.defaultRealmId];
  }

  realm(realmId: string): RealmState | undefined {
    return Object.hasOwn(this.state.realms, realmId) ? this.state.realms[realmId] : undefined;
  }

  records(realm: RealmState, name: string): Record<string, EntityRecord> {
    return (realm.records[name] ??= {});
  }

  /** Live (not deleted) records of one entity type, ordered by numeric Id. */
  live(realm: RealmState, name: string): EntityRecord[] {
    return Object.values(this.records(realm, name))
      .filter((r) => r.deletedAt === undefined)
      .sort((a, b) => Number(a.entity.Id) - Number(b.entity.Id));
  }

  get(realm: RealmState, name: string, id: unknown): EntityRecord | undefined {
    if (id === undefined || id === null) return undefined;
    const r = this.records(realm, name)[String(id)];
    return r && r.deletedAt === undefined ? r : undefined;
  }

  allocateId(realm: RealmState, name: string): string {
    const n = realm.nextId[name] ?? 1;
    realm.nextId[name] = n + 1;
    return String(n);
  }

  put(realm: RealmState, name: string, rec: EntityRecord): void {
    this.records(realm, name)[String(rec.entity.Id)] = rec;
    this.scheduleSave();
  }

  onChange(fn: (e: ChangeEvent) => void): void {
    this.listeners.push(fn);
  }

  emit(e: ChangeEvent): void {
    for (const l of this.listeners) l(e);
    this.scheduleSave();
  }

  rememberRequestId(realm: RealmState, requestId: string, status: number, body: Json): void {
    realm.requestIds[requestId] = { status, body, at: this.clock.now() };
    const keys = Object.keys(realm.requestIds);
    // Bound memory; QBO documents no retention window, 10k is plenty for retries.
    if (keys.length > 10_000) for (const k of keys.slice(0, keys.length - 10_000)) delete realm.requestIds[k];
    this.scheduleSave();
  }

  /** Re-seed every company (entities, ids, requestid cache); keeps credentials and grants. */
  reset(): void {
    const now = this.clock.now();
    for (const id of Object.keys(this.state.realms)) this.state.realms[id] = seedRealm(id, now);
    this.scheduleSave();
  }

  scheduleSave(): void {
    this.state.clockOffsetMs = this.clock.offsetMs;
    if (!this.opts.stateFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.saveNow();
    }, SAVE_DEBOUNCE_MS);
    this.saveTimer.unref();
  }

  saveNow(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const file = this.opts.stateFile;
    if (!file) return;
    this.state.clockOffsetMs = this.clock.offsetMs;
    mkdirSync(dirname(file), { recursive: true });
    // Write-then-rename so a crash mid-write never leaves a truncated state file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, file);
  }
}
