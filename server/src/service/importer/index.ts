export { importUnmanaged, sanitizeName, type ImportOptions, type ImportResult } from './importer';
