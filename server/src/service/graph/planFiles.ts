// Finding and reading the plan of a root module directory. Read once and kept until the file watcher says a plan
// file changed: plans of large stacks are megabytes of JSON, and the graph is rebuilt on every edit.
import type { FileSystem, Logger } from '../workspace/fileSystem';
import { baseName } from '../workspace/uris';
import { readPlan, type Plan } from './plan';

/** Where `terraform show -json tfplan > …` output is looked for, in this order, then `*.tfplan.json`. */
export const PLAN_FILES = ['.opsmith/plan.json', 'plan.json', 'tfplan.json'];
const PLAN_SUFFIX = '.tfplan.json';
const MAX_PLAN_BYTES = 128 * 1024 * 1024;

export interface PlanFile {
  uri: string;
  plan: Plan;
}

/** Whether a changed file may be (or hold) a plan file. */
export function isPlanFile(uri: string): boolean {
  const name = baseName(uri);
  return (
    name === 'plan.json' ||
    name === 'tfplan.json' ||
    name.endsWith(PLAN_SUFFIX) ||
    name === '.opsmith' ||
    uri.includes('/.opsmith/')
  );
}

export class PlanFiles {
  private readonly cache = new Map<string, Promise<PlanFile | undefined>>();

  constructor(
    private readonly fs: FileSystem | undefined,
    private readonly logger: Logger,
  ) {}

  /** The plan of a root module directory, if it holds a readable one. Never throws. */
  planFor(dir: string): Promise<PlanFile | undefined> {
    let entry = this.cache.get(dir);
    if (!entry) {
      entry = this.find(dir).catch((error: Error) => {
        this.logger.warn(`Looking for a plan in ${dir} failed: ${error.message}`);
        return undefined;
      });
      this.cache.set(dir, entry);
    }
    return entry;
  }

  /** Forgets what was read when a plan file changed; true when the change concerns plans. */
  fileChanged(uri: string): boolean {
    if (!isPlanFile(uri)) return false;
    this.cache.clear();
    return true;
  }

  private async find(dir: string): Promise<PlanFile | undefined> {
    const fs = this.fs;
    if (!fs) return undefined;
    const candidates = PLAN_FILES.map((name) => `${dir}/${name}`);
    try {
      const suffixed = (await fs.readDirectory(dir))
        .filter(([name, isDirectory]) => !isDirectory && name.endsWith(PLAN_SUFFIX))
        .map(([name]) => `${dir}/${name}`)
        .sort();
      candidates.push(...suffixed);
    } catch {
      // An unreadable directory has no plan.
    }
    for (const uri of candidates) {
      let size: number;
      try {
        size = await fs.fileSize(uri);
      } catch {
        continue;
      }
      if (size > MAX_PLAN_BYTES) {
        this.logger.warn(`Ignoring the plan ${uri}: ${(size / 1048576).toFixed(0)} MB is too large`);
        continue;
      }
      let text: string;
      try {
        text = new TextDecoder().decode(await fs.readFile(uri));
      } catch {
        continue;
      }
      try {
        return { uri, plan: readPlan(text) };
      } catch (error) {
        this.logger.warn(`Ignoring the plan ${uri}: ${(error as Error).message}`);
      }
    }
    return undefined;
  }
}
