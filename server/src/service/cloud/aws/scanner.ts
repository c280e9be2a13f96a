import { setMaxListeners } from 'node:events';
import {
  GetCallerIdentityCommand,
  type GetCallerIdentityCommandOutput,
  STSClient,
} from '@aws-sdk/client-sts';
import {
  type CloudScanner,
  type LiveResource,
  type ScanOptions,
  type ScanProgress,
  type Snapshot,
  SNAPSHOT_VERSION,
  type TypeScanStatus,
} from '../snapshot';
import { type ClientSettings, type Lister, ScanContext, ScanCancelledError, describeError } from './context';
import { allListers } from './listers';
import { Limiter } from './limiter';

export { ScanCancelledError } from './context';

export interface AwsScannerOptions {
  /** Per-service endpoint overrides, over ScanOptions.endpoint (e.g. `{ sqs: 'http://127.0.0.1:1' }`). */
  serviceEndpoints?: ClientSettings['serviceEndpoints'];
  /** SDK attempts per call, throttling included (default 5). */
  maxAttempts?: number;
  /** Per-request timeout (default 30 s) and connection timeout (default 5 s). */
  requestTimeoutMs?: number;
  connectionTimeoutMs?: number;
  /** Listers to use instead of the built-in ones (tests). */
  listers?: readonly Lister[];
}

type Token = { readonly isCancellationRequested: boolean };

/**
 * The AWS scanner: for each (type, region) one lister run, all of them sharing one limiter that bounds the AWS calls
 * in flight. A lister that throws marks its type 'failed' for that region (never empty) and the scan goes on.
 * Cancellation rejects the scan with ScanCancelledError and aborts the calls in flight.
 */
export class AwsScanner implements CloudScanner {
  private readonly listers: readonly Lister[];

  constructor(private readonly options: AwsScannerOptions = {}) {
    this.listers = options.listers ?? allListers;
  }

  supportedTypes(): readonly string[] {
    return this.listers.map((l) => l.type);
  }

  async scan(options: ScanOptions, onProgress?: (p: ScanProgress) => void, token?: Token): Promise<Snapshot> {
    const regions = [...new Set(options.regions)];
    if (regions.length === 0) throw new Error('a cloud scan needs at least one region');
    const wanted = options.types ? new Set(options.types) : undefined;
    const unknown = options.types?.filter((t) => !this.listers.some((l) => l.type === t)) ?? [];
    const listers = this.listers.filter((l) => !wanted || wanted.has(l.type));

    const settings: ClientSettings = {
      profile: options.profile,
      endpoint: options.endpoint,
      serviceEndpoints: this.options.serviceEndpoints,
      maxAttempts: this.options.maxAttempts ?? 5,
      requestTimeoutMs: this.options.requestTimeoutMs ?? 30_000,
      connectionTimeoutMs: this.options.connectionTimeoutMs ?? 5_000,
    };
    const limiter = new Limiter(Math.max(1, options.concurrency ?? 8));
    const abort = new AbortController();
    // Every call in flight listens on the one signal.
    setMaxListeners(0, abort.signal);
    const cancelled = (): boolean => Boolean(token?.isCancellationRequested);
    const poll = setInterval(() => {
      if (cancelled()) abort.abort();
    }, 25);
    const memo = new Map<string, Promise<unknown>>();
    const contexts = new Map<string, ScanContext>();
    const contextFor = (region: string): ScanContext => {
      let c = contexts.get(region);
      if (!c) {
        c = new ScanContext(region, regions, settings, limiter, abort.signal, cancelled, memo);
        contexts.set(region, c);
      }
      return c;
    };

    const units = listers.flatMap((lister) =>
      lister.global ? [{ lister, region: 'global' }] : regions.map((region) => ({ lister, region })),
    );
    const total = units.length + 1;
    let done = 0;
    const report = (message: string): void => {
      done++;
      onProgress?.({ done, total, message });
    };

    try {
      onProgress?.({ done: 0, total, message: `scanning ${units.length} type/region pairs` });
      const accountPromise = this.account(contextFor(regions[0])).finally(() => report('account'));
      const results = await Promise.all(
        units.map(async ({ lister, region }) => {
          const started = Date.now();
          let status: TypeScanStatus;
          let resources: LiveResource[] = [];
          try {
            resources = await lister.list(contextFor(region));
            status = { type: lister.type, region, state: 'ok', count: resources.length, durationMs: 0 };
          } catch (error) {
            if (error instanceof ScanCancelledError || cancelled()) throw new ScanCancelledError();
            status = {
              type: lister.type,
              region,
              state: 'failed',
              count: 0,
              error: describeError(error),
              durationMs: 0,
            };
          }
          status.durationMs = Date.now() - started;
          report(`${lister.type} in ${region}: ${status.state === 'ok' ? status.count : 'failed'}`);
          return { status, resources };
        }),
      );
      const account = await accountPromise;
      if (cancelled()) throw new ScanCancelledError();
      const types: TypeScanStatus[] = results.map((r) => r.status);
      for (const type of unknown)
        types.push({
          type,
          region: 'global',
          state: 'skipped',
          count: 0,
          error: 'type not supported',
          durationMs: 0,
        });
      const snapshot: Snapshot = {
        version: SNAPSHOT_VERSION,
        takenAt: new Date().toISOString(),
        regions,
        types,
        resources: results.flatMap((r) => r.resources),
      };
      if (account) snapshot.account = account;
      if (options.endpoint) snapshot.endpoint = options.endpoint;
      return snapshot;
    } catch (error) {
      abort.abort();
      throw error;
    } finally {
      clearInterval(poll);
      for (const c of contexts.values()) c.destroy();
    }
  }

  private async account(ctx: ScanContext): Promise<string | undefined> {
    try {
      const out = await ctx.send<GetCallerIdentityCommandOutput>(
        ctx.client(STSClient, 'sts'),
        new GetCallerIdentityCommand({}),
      );
      return out.Account;
    } catch {
      return undefined;
    }
  }
}
