import type { ModelErrorKind } from '../../../../shared/protocol';

/**
 * A model call that did not produce an answer, by cause, with a message a person can act on. The client turns
 * the kind into an action: `auth` offers "Set API Key", the transient ones offer the offline compiler.
 */
export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    /** HTTP status when the API answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** The user (or the request's cancellation) stopped the call; distinct from a timeout. */
export class ModelCancelled extends Error {
  constructor() {
    super('The model call was cancelled.');
    this.name = 'ModelCancelled';
  }
}

/** Kinds worth offering the offline compiler for: the service or the connection, not the request, failed. */
export const TRANSIENT_KINDS: readonly ModelErrorKind[] = [
  'rateLimited',
  'overloaded',
  'server',
  'timeout',
  'connection',
];
