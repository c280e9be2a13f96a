import type { Connection } from 'vscode-languageserver/node';
import { defaultSettings, type ServiceSettings } from './service/settings';

const SEVERITIES = { error: 1, warning: 2, information: 3, hint: 4 } as const;

interface ClientSettings {
  diagnostics?: { unusedDeclarations?: boolean };
  drift?: { severity?: keyof typeof SEVERITIES };
  index?: { maxFileSizeMB?: number };
}

/** The user's `opsmith.*` settings, pulled from the client and refreshed when they change. */
export class SettingsStore {
  private current: ServiceSettings = defaultSettings;

  constructor(private readonly connection: Connection) {}

  get(): ServiceSettings {
    return this.current;
  }

  async refresh(supportsConfiguration: boolean): Promise<void> {
    if (!supportsConfiguration) return;
    try {
      const [raw] = (await this.connection.workspace.getConfiguration([{ section: 'opsmith' }])) as [
        ClientSettings | null,
      ];
      this.current = {
        unusedDeclarations: raw?.diagnostics?.unusedDeclarations ?? defaultSettings.unusedDeclarations,
        maxFileSizeBytes: (raw?.index?.maxFileSizeMB ?? defaultSettings.maxFileSizeBytes / 1048576) * 1048576,
        driftSeverity: SEVERITIES[raw?.drift?.severity ?? 'warning'] ?? defaultSettings.driftSeverity,
      };
    } catch (error) {
      this.connection.console.warn(`Could not read settings: ${(error as Error).message}`);
    }
  }
}
