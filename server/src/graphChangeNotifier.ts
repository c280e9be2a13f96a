import type { Connection } from 'vscode-languageserver/node';
import { GraphChangedNotification, type GraphChangedParams } from '../../shared/protocol';

/**
 * Collects what changed for at most `delayMs` and sends one `opsmith/graphChanged`: a keystroke, the end of
 * indexing (one change per module directory) or a scan landing become one notification, not dozens.
 */
export class GraphChangeNotifier {
  private readonly uris = new Set<string>();
  private everything = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly delayMs = 150,
  ) {}

  /** Module directories or files that changed; none for a change that concerns every folder (a new scan). */
  changed(uris: readonly string[]): void {
    if (uris.length === 0) this.everything = true;
    for (const uri of uris) this.uris.add(uri);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  private flush(): void {
    const params: GraphChangedParams = { uris: this.everything ? [] : [...this.uris] };
    this.timer = undefined;
    this.everything = false;
    this.uris.clear();
    void this.connection.sendNotification(GraphChangedNotification, params);
  }
}
