/** Everything a user can configure that the service reads. Delivered per request, never held in globals. */
export interface ServiceSettings {
  unusedDeclarations: boolean;
  maxFileSizeBytes: number;
  /** LSP severity of drift diagnostics: 1 error, 2 warning, 3 information, 4 hint. */
  driftSeverity: 1 | 2 | 3 | 4;
}

export const defaultSettings: ServiceSettings = {
  unusedDeclarations: true,
  maxFileSizeBytes: 20 * 1024 * 1024,
  driftSeverity: 2,
};
