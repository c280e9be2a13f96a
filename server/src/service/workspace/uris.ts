/** Module directories are keyed by the URI of the folder that holds the files. */
export function directoryOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash === -1 ? uri : uri.slice(0, slash);
}

export function baseName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

export function isTerraformFile(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tfvars') || name === '.terraform.lock.hcl';
}

/** Resolves a local module source (`./x`, `../y`) against the calling module's directory. */
export function resolveModuleSource(moduleDir: string, source: string): string | undefined {
  if (!source.startsWith('./') && !source.startsWith('../')) return undefined;
  const segments = moduleDir.split('/');
  for (const part of source.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (segments.length > 3) segments.pop();
    } else segments.push(part);
  }
  return segments.join('/');
}

/** Workspace-relative label for messages and symbols. */
export function displayPath(uri: string, roots: readonly string[]): string {
  for (const root of roots) if (uri.startsWith(root + '/')) return uri.slice(root.length + 1);
  return baseName(uri);
}
