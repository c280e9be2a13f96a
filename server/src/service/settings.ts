/** Everything a user can configure that the service reads. Delivered per request, never held in globals. */
export interface ServiceSettings {
  unusedDeclarations: boolean;
  maxFileSizeBytes: number;
}

export const defaultSettings: ServiceSettings = {
  unusedDeclarations: true,
  maxFileSizeBytes: 20 * 1024 * 1024,
};
