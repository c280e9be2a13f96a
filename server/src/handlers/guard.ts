import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import { RenameError } from '../service/features/rename';

/** A failing feature answers with a fallback or a readable error; it never takes the server down. */
export function safely<R>(connection: Connection, method: string, fallback: R, run: () => R): R {
  try {
    return run();
  } catch (error) {
    if (error instanceof RenameError) throw new ResponseError(ErrorCodes.InvalidRequest, error.message);
    connection.console.error(`${method} failed: ${(error as Error).stack ?? error}`);
    return fallback;
  }
}
