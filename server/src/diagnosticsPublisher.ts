import type { Connection } from 'vscode-languageserver/node';
import type { LanguageService } from './service/languageService';

/**
 * Batches module changes into one pass per event-loop turn and only sends diagnostics that changed, except for
 * the file that was just edited, which always gets an answer for its new version.
 */
export class DiagnosticsPublisher {
  private readonly dirtyDirs = new Set<string>();
  private readonly edited = new Set<string>();
  private readonly published = new Map<string, string>();
  private scheduled = false;

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
  ) {}

  moduleChanged(dir: string): void {
    this.dirtyDirs.add(dir);
    this.schedule();
  }

  documentEdited(uri: string): void {
    this.edited.add(uri);
    this.schedule();
  }

  clear(uri: string): void {
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const dirs = [...this.dirtyDirs];
    const edited = new Set(this.edited);
    this.dirtyDirs.clear();
    this.edited.clear();
    for (const dir of dirs) {
      for (const doc of this.service.index.documentsIn(dir)) {
        try {
          const diagnostics = this.service.diagnostics(doc.uri);
          const key = JSON.stringify(diagnostics);
          if (this.published.get(doc.uri) === key && !edited.has(doc.uri)) continue;
          this.published.set(doc.uri, key);
          const version = this.service.index.isOpen(doc.uri) ? doc.version : undefined;
          void this.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
        } catch (error) {
          this.connection.console.error(`Diagnostics failed for ${doc.uri}: ${(error as Error).stack}`);
        }
      }
    }
  }
}
