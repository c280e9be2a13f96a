export interface GenerateArgs {
  command: 'generate';
  request: string;
  out?: string;
  region?: string;
  env?: 'prod' | 'staging' | 'dev';
  json: boolean;
  force: boolean;
  /** `claude`: the model through the same plan, gate and repair loop as the extension; offline by default. */
  model: 'offline' | 'claude';
  /** Claude settings from the command line (the rest take the extension's defaults). */
  claude: {
    id?: string;
    mode?: 'planner' | 'freeform' | 'auto';
    baseUrl?: string;
    maxTokens?: number;
    timeoutSeconds?: number;
    repairRounds?: number;
  };
}

export interface CloudArgs {
  command: 'discover' | 'drift';
  dir: string;
  regions: string[];
  profile?: string;
  endpoint?: string;
  json: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage:
  opsmith generate "<request>" [--out DIR] [--region R] [--env prod|staging|dev] [--json] [--force]
                   [--model offline|claude] [--mode planner|freeform|auto] [--model-id ID] [--base-url URL]
                   [--max-tokens N] [--timeout SECONDS] [--repair-rounds N]

  Turns a request in plain words into Terraform, validated by the gate (parse, references, provider schema,
  formatting, security policies). Without --out the files are printed; with --out they are written to DIR
  (existing files are reused as context and never overwritten without --force). Exits 1 when the gate fails.
  --model claude asks Claude (key from ANTHROPIC_API_KEY) through the same plan, gate and repair rounds as the
  extension; progress and token usage go to stderr. Exits 1 when Claude fails (key, rate limits, timeouts).

  opsmith discover [DIR] [--region R]… [--profile P] [--endpoint URL] [--json]
  Scans AWS with the SDK's default credential chain and writes DIR/.opsmith/snapshots/latest.json (the previous
  scan is kept). Types that could not be listed are reported and treated as unknown, never as deleted.

  opsmith drift [DIR] [--json]
  Compares the code in DIR (and its terraform.tfstate) with the latest scan. Exits 2 when drift is found.`;

export function parseCloudArgs(argv: string[]): CloudArgs {
  const [command, ...rest] = argv;
  if (command !== 'discover' && command !== 'drift') throw new UsageError(`unknown command "${command}"`);
  const args: CloudArgs = { command, dir: '.', regions: [], json: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const next = rest[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--region') args.regions.push(value());
    else if (arg === '--profile') args.profile = value();
    else if (arg === '--endpoint') args.endpoint = value();
    else if (arg === '--json') args.json = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else args.dir = arg;
  }
  if (args.regions.length === 0)
    args.regions.push(process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1');
  return args;
}

export function parseArgs(argv: string[]): GenerateArgs {
  const [command, ...rest] = argv;
  if (command !== 'generate')
    throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  const args: GenerateArgs = {
    command,
    request: '',
    json: false,
    force: false,
    model: 'offline',
    claude: {},
  };
  const number = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} must be a number, not "${text}"`);
    return n;
  };
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const next = rest[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--out':
        args.out = value();
        break;
      case '--region':
        args.region = value();
        break;
      case '--env': {
        const env = value();
        if (env !== 'prod' && env !== 'staging' && env !== 'dev')
          throw new UsageError(`--env must be prod, staging or dev, not "${env}"`);
        args.env = env;
        break;
      }
      case '--json':
        args.json = true;
        break;
      case '--force':
        args.force = true;
        break;
      case '--model': {
        const model = value();
        if (model !== 'claude' && model !== 'offline')
          throw new UsageError(`--model must be claude or offline, not "${model}"`);
        args.model = model;
        break;
      }
      case '--mode': {
        const mode = value();
        if (mode !== 'planner' && mode !== 'freeform' && mode !== 'auto')
          throw new UsageError(`--mode must be planner, freeform or auto, not "${mode}"`);
        args.claude.mode = mode;
        break;
      }
      case '--model-id':
        args.claude.id = value();
        break;
      case '--base-url':
        args.claude.baseUrl = value();
        break;
      case '--max-tokens':
        args.claude.maxTokens = number(arg, value());
        break;
      case '--timeout':
        args.claude.timeoutSeconds = number(arg, value());
        break;
      case '--repair-rounds':
        args.claude.repairRounds = number(arg, value());
        break;
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
        words.push(arg);
    }
  }
  args.request = words.join(' ').trim();
  if (!args.request)
    throw new UsageError('missing the request, e.g. opsmith generate "Postgres database for production"');
  return args;
}
