import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { ModelCancelled, ModelError } from './errors';

/** The SDK's error, as a ModelError a person can act on (the key, the service, the network, the request). */
export function toModelError(error: unknown, timeoutSeconds: number): Error {
  if (error instanceof ModelError || error instanceof ModelCancelled) return error;
  if (error instanceof APIUserAbortError) return new ModelCancelled();
  if (error instanceof APIConnectionTimeoutError)
    return new ModelError(
      'timeout',
      `Claude did not answer within ${timeoutSeconds} s (opsmith.model.timeoutSeconds).`,
    );
  if (error instanceof APIConnectionError)
    return new ModelError('connection', `Could not reach the Anthropic API: ${error.message}`);
  if (error instanceof APIError) {
    const detail = error.apiMessage ?? error.message;
    const status = error.status;
    if (status === 401)
      return new ModelError(
        'auth',
        `Anthropic rejected the API key (401: ${detail}). Set a valid key.`,
        status,
      );
    if (status === 403)
      return new ModelError('auth', `The API key may not use this model or API (403: ${detail}).`, status);
    if (status === 429 || error.type === 'rate_limit_error')
      return new ModelError(
        'rateLimited',
        `Claude is rate limited and still was after retrying (429: ${detail}).`,
        status,
      );
    if (status === 529 || error.type === 'overloaded_error')
      return new ModelError(
        'overloaded',
        `Claude is overloaded and still was after retrying (529: ${detail}).`,
        status,
      );
    if (status !== undefined && status >= 500)
      return new ModelError('server', `The Anthropic API failed (${status}: ${detail}).`, status);
    return new ModelError(
      'badRequest',
      `The Anthropic API refused the request (${status ?? 'stream'}: ${detail}).`,
      status,
    );
  }
  return new ModelError('connection', `The model call failed: ${(error as Error)?.message ?? String(error)}`);
}
