import type { LiveResource } from '../snapshot';
import type { Limiter } from './limiter';

/** Thrown out of every AWS call once the scan was cancelled; the scan rejects with it. */
export class ScanCancelledError extends Error {
  constructor() {
    super('cloud scan cancelled');
    this.name = 'ScanCancelledError';
  }
}

/** The minimal shape of an SDK v3 client: `send(command, { abortSignal })`. */
export interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy(): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClientClass<C> = new (config: any) => C;

/** The service name used for per-service endpoint overrides (`ec2`, `s3`, …). */
export type ServiceName =
  | 'ec2'
  | 's3'
  | 'iam'
  | 'rds'
  | 'lambda'
  | 'sqs'
  | 'sns'
  | 'dynamodb'
  | 'logs'
  | 'cloudwatch'
  | 'kms'
  | 'secretsmanager'
  | 'sts'
  | 'elbv2'
  | 'ecr'
  | 'ecs'
  | 'route53';

export interface ClientSettings {
  profile?: string;
  endpoint?: string;
  /** Per-service endpoint, over `endpoint` (tests point one service at a dead port). */
  serviceEndpoints?: Partial<Record<ServiceName, string>>;
  maxAttempts: number;
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'Throttled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
  'RequestThrottled',
]);

export function errorName(error: unknown): string {
  const e = error as { name?: string; Code?: string; code?: string } | undefined;
  return e?.name ?? e?.Code ?? e?.code ?? 'Error';
}

export function isThrottling(error: unknown): boolean {
  return THROTTLING.has(errorName(error));
}

/** A short, readable description of an SDK error for TypeScanStatus.error. */
export function describeError(error: unknown): string {
  const name = errorName(error);
  const message = error instanceof Error ? error.message : String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  const text = message && message !== name && message !== 'UnknownError' ? `${name}: ${message}` : name;
  return status ? `${text} (HTTP ${status})` : text;
}

/**
 * What one lister sees: the region, SDK clients for it, and `send`, which goes through the scan's limiter, checks
 * cancellation before each call, passes the abort signal, and retries throttling beyond the SDK's own retries.
 */
export class ScanContext {
  private readonly clients = new Map<ClientClass<unknown>, SdkClient>();

  constructor(
    readonly region: string,
    /** All regions of the scan (global listers filter by them). */
    readonly regions: readonly string[],
    private readonly settings: ClientSettings,
    private readonly limiter: Limiter,
    private readonly signal: AbortSignal,
    private readonly isCancelled: () => boolean,
    /** Shared between all listers of a scan: one ListBuckets serves every S3 type. */
    private readonly memo: Map<string, Promise<unknown>>,
  ) {}

  client<C extends SdkClient>(cls: ClientClass<C>, service: ServiceName): C {
    let c = this.clients.get(cls as ClientClass<unknown>);
    if (!c) {
      const endpoint = this.settings.serviceEndpoints?.[service] ?? this.settings.endpoint;
      c = new cls({
        region: this.region === 'global' ? 'us-east-1' : this.region,
        ...(this.settings.profile ? { profile: this.settings.profile } : {}),
        ...(endpoint ? { endpoint } : {}),
        ...(endpoint && service === 's3' ? { forcePathStyle: true } : {}),
        ...(service === 's3' ? { followRegionRedirects: true } : {}),
        maxAttempts: this.settings.maxAttempts,
        retryMode: 'standard',
        requestHandler: {
          requestTimeout: this.settings.requestTimeoutMs,
          connectionTimeout: this.settings.connectionTimeoutMs,
        },
      });
      this.clients.set(cls as ClientClass<unknown>, c);
    }
    return c as C;
  }

  checkCancelled(): void {
    if (this.isCancelled() || this.signal.aborted) throw new ScanCancelledError();
  }

  async send<O>(client: SdkClient, command: object): Promise<O> {
    for (let attempt = 0; ; attempt++) {
      this.checkCancelled();
      try {
        return (await this.limiter.run(() => {
          this.checkCancelled();
          return client.send(command, { abortSignal: this.signal });
        })) as O;
      } catch (error) {
        if (this.isCancelled() || this.signal.aborted) throw new ScanCancelledError();
        if (!isThrottling(error) || attempt >= 3) throw error;
        await sleep(Math.min(8000, 500 * 2 ** attempt) * (0.5 + Math.random()), this.signal);
      }
    }
  }

  /** Like send, but resolves undefined when the error's name is one of `absent` (NoSuchTagSet, …). */
  async sendOptional<O>(
    client: SdkClient,
    command: object,
    absent: readonly string[],
  ): Promise<O | undefined> {
    try {
      return await this.send<O>(client, command);
    } catch (error) {
      if (absent.includes(errorName(error))) return undefined;
      const code = (error as { Code?: string }).Code;
      if (code && absent.includes(code)) return undefined;
      throw error;
    }
  }

  /** Follows a token-paged API until the token runs out (with a guard against a token that never changes). */
  async paginate<T>(
    page: (token: string | undefined) => Promise<{ items?: T[]; next?: string }>,
  ): Promise<T[]> {
    const all: T[] = [];
    let token: string | undefined;
    const seen = new Set<string>();
    for (;;) {
      const { items, next } = await page(token);
      if (items) all.push(...items);
      if (!next || seen.has(next)) return all;
      seen.add(next);
      token = next;
    }
  }

  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.memo.set(key, p);
    }
    return p;
  }

  destroy(): void {
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** One resource type's lister. Global ones (IAM, S3, Route53) run once per scan, with region 'global'. */
export interface Lister {
  type: string;
  global?: boolean;
  list(ctx: ScanContext): Promise<LiveResource[]>;
}

/** AWS `[{ Key, Value }]` tags as a sorted plain object. */
export function tagMap(
  tags: readonly { Key?: string; Value?: string }[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of [...(tags ?? [])].sort((a, b) => (a.Key ?? '').localeCompare(b.Key ?? ''))) {
    if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  }
  return out;
}

/** Plain `{ k: v }` tags (Lambda, SQS, ECR…) sorted by key. */
export function sortedTags(tags: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(tags ?? {}).sort()) out[k] = tags![k];
  return out;
}

export function sorted(values: readonly (string | undefined)[] | undefined): string[] {
  return [...new Set((values ?? []).filter((v): v is string => typeof v === 'string' && v !== ''))].sort();
}

/** Parses a JSON policy document (URL-encoded as IAM returns it, or plain); undefined when absent. */
export function parsePolicy(doc: string | undefined): unknown {
  if (!doc) return undefined;
  for (const text of [doc, safeDecode(doc)]) {
    try {
      return JSON.parse(text);
    } catch {
      // try the next form
    }
  }
  return doc;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Sorts an array of objects by their canonical JSON, so sets compare order-insensitively. */
export function sortSet<T>(items: T[]): T[] {
  return items
    .map((item) => [canonical(item), item] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, item]) => item);
}

export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

export function live(
  type: string,
  id: string,
  region: string,
  attributes: Record<string, unknown>,
  extra: { arn?: string; name?: string; tags?: Record<string, string> } = {},
): LiveResource {
  const r: LiveResource = { type, id, region, attributes };
  if (extra.arn) r.arn = extra.arn;
  const name = extra.name ?? extra.tags?.Name;
  if (name) r.name = name;
  if (extra.tags) r.tags = extra.tags;
  return r;
}
