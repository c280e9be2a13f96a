// The offline intent compiler: a sentence → a typed architecture plan, with what it did not understand.
import {
  type AlarmSpec,
  type ArchitecturePlan,
  type BucketComponent,
  type Component,
  type ComponentKind,
  type DatabaseEngine,
  type Environment,
  type KubernetesComponent,
  PROFILES,
  type Relation,
  type Sizing,
} from '../plan';
import { type Concept, FILLER, REGION_NAMES } from './lexicon';
import { NUM, numValue, Scan, type Match } from './scan';
import { DURATION, durationDays, durationMinutes, parseSchedule } from './schedule';

export interface CompileOptions {
  /** Region when the request names none (default us-east-1). */
  region?: string;
  /** Environment when the request names none (default prod). */
  env?: Environment;
  /** Project name for resource names (default: from the request's domain, else "app"). */
  project?: string;
}

export interface CompileResult {
  plan: ArchitecturePlan;
  notUnderstood: string[];
}

const PRIVATE_RANGES = [
  /^10\./,
  /^192\.168\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];
const isPrivate = (cidr: string) => PRIVATE_RANGES.some((r) => r.test(cidr));

function validCidr(cidr: string): boolean {
  const [ip, bits] = cidr.split('/');
  const parts = ip.split('.').map(Number);
  return (
    parts.length === 4 && parts.every((p) => p >= 0 && p <= 255) && (bits === undefined || Number(bits) <= 32)
  );
}

function slug(words: string, max = 24): string {
  return words
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, max)
    .replace(/_+$/, '');
}

/** Plural nouns as component names read better singular in resource names ("uploads" stays: it is a purpose). */
function nameOf(tokens: { text: string }[]): string | undefined {
  if (tokens.length === 0) return undefined;
  return tokens.map((t) => t.text.toLowerCase().replace(/['’]s$/, '')).join(' ');
}

/** "nodes" → "node", "boxes" → "box", "replicas" → "replica", "availability zones" → "availability zone". */
function singular(noun: string): string {
  if (/ies$/.test(noun)) return noun.slice(0, -3) + 'y';
  if (/(ch|sh|x|ss)es$/.test(noun)) return noun.slice(0, -2);
  return noun.replace(/s$/, '');
}

class PlanBuilder {
  readonly components: Component[] = [];
  readonly relations: Relation[] = [];
  private ids = new Set<string>();

  id(wanted: string): string {
    let base = slug(wanted) || 'main';
    if (!/^[a-z]/.test(base)) base = `c_${base}`;
    let id = base;
    for (let i = 2; this.ids.has(id); i++) id = `${base}_${i}`;
    this.ids.add(id);
    return id;
  }

  add<C extends Component>(c: C): C {
    this.components.push(c);
    return c;
  }

  of<K extends ComponentKind>(kind: K): Extract<Component, { kind: K }>[] {
    return this.components.filter((c): c is Extract<Component, { kind: K }> => c.kind === kind);
  }
}

/** Compiles a request into a plan. Never throws on odd input: what it cannot place goes to notUnderstood. */
export function compileIntent(request: string, options: CompileOptions = {}): CompileResult {
  const s = new Scan(request);
  const assumptions: string[] = [];
  const b = new PlanBuilder();

  // --- Entities --------------------------------------------------------------------------------------------------
  const emails = [...new Set(s.all(/[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/g).map((m) => m[0]))];
  const cidrs = s
    .all(/\b\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}\b/g)
    .map((m) => m[0])
    .filter(validCidr);
  const ips = s
    .all(/\b\d{1,3}(?:\.\d{1,3}){3}\b(?!\/\d)/g)
    .map((m) => m[0])
    .filter(validCidr)
    .map((ip) => `${ip}/32`);
  const ranges = [...cidrs, ...ips];
  const regionMatch = s.first(
    /\b(?:us|eu|ap|sa|ca|me|af|il|mx)(?:-gov)?-(?:east|west|north|south|central|northeast|southeast|northwest|southwest)-\d\b/,
  );
  let region = regionMatch?.[0];
  if (!region) {
    for (const [re, r] of REGION_NAMES) {
      const m = s.first(new RegExp(re.source));
      if (m) {
        region = r;
        break;
      }
    }
  }
  const instanceTypes = s
    .all(
      /\b(?:db\.|cache\.)?[a-z][a-z0-9-]*\d[a-z0-9-]*\.(?:nano|micro|small|medium|large|\d*xlarge|metal)(?:\.search)?\b/g,
    )
    .map((m) => m[0]);
  const domains = [
    ...new Set(
      s
        .all(
          /(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|io|dev|app|co|uk|de|fr|nl|es|it|ai|cloud|xyz|info|biz|tech|eu|us|ca|au|ch|se|no|fi|dk|be|at|pl|in|jp|me|tv|gg|sh|so|site|online|store|shop)\b(?![.@-]\w)/g,
        )
        .map((m) => m[0])
        .filter((d) => !instanceTypes.includes(d)),
    ),
  ];
  const ports = s.all(/\bports?\s+(\d{2,5})\b/g).map((m) => Number(m[1]));
  const sizeMatch = s.first(
    new RegExp(
      String.raw`\b${NUM}\s*(gb|gib|tb|tib|gigs?|terabytes?|gigabytes?)\b(?:\s+(?:of\s+)?(?:storage|disk|space|ssd|volume)\b)?`,
    ),
  );
  const storageGb = sizeMatch ? numValue(sizeMatch[1]) * (/^t/.test(sizeMatch[2]) ? 1024 : 1) : undefined;
  const money = s.first(/(?:\$\s?(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s*(?:usd|dollars|\$|eur|euros?))/);
  const moneyValue = money ? Number((money[1] ?? money[2]).replace(/,/g, '')) : undefined;

  s.matchPhrases();
  if (sizeMatch) s.consume(sizeMatch);
  // "an rds instance", "a postgres instance", "redis node": the instance of a data store, not a VM.
  const dataConcepts = new Set<Concept>([
    'db',
    'postgres',
    'mysql',
    'aurora',
    'cache',
    'redis',
    'memcached',
    'search',
  ]);
  s.matches = s.matches.filter(
    (m) =>
      !(m.concept === 'vm' && s.matches.some((d) => d.last === m.first - 1 && dataConcepts.has(d.concept))),
  );
  // "api record", "www record": names of DNS records, not workloads.
  if (/\brecords?\b/.test(s.lower))
    for (const m of s.all(/\b([a-z0-9-]+)\s+(?:(?:cname|alias|a)\s+)?records?\b/g, false))
      s.consume(Object.assign([m[1]], { index: m.index! }) as RegExpMatchArray);
  // "for caching api responses": what is cached, not something to build.
  s.consume(
    s.first(
      /\bfor\s+caching\s+(?:the\s+|our\s+)?(?:[a-z]+\s+)?(?:responses?|results?|queries|pages|data|sessions?|objects?)\b/,
      false,
    ),
  );
  // "terraform state" bucket.
  const tfState = s.first(/\b(?:terraform|tf|opentofu)\s+state\b/);
  const has = (c: Concept) => s.has(c);
  const any = (...cs: Concept[]) => cs.some((c) => s.has(c));

  // --- Environment, region, project ------------------------------------------------------------------------------
  let env: Environment = options.env ?? 'prod';
  let envSource: ArchitecturePlan['envSource'] = options.env ? 'option' : 'default';
  const envMatch = s.matches.find((m) => m.concept.startsWith('env:'));
  const envsNamed = [
    ...new Set(s.matches.filter((m) => m.concept.startsWith('env:')).map((m) => m.concept.slice(4))),
  ];
  if (envsNamed.length > 1) {
    assumptions.push(
      `Several environments named (${envsNamed.join(', ')}): this stack is ${envsNamed[0]}; generate again with another environment for the others.`,
    );
  }
  // Things the catalog cannot build yet, reported rather than silently dropped.
  const unsupported: string[] = [];
  for (const m of s.all(
    /\b(?:(?:to|in|into)\s+(?:another|a second|a different|other)\s+region|cross[- ]region(?:\s+[a-z]+)?|multi[- ]region(?!\s+trail)|blue\s*\/\s*green(?:\s+deployments?)?|canary(?:\s+deployments?)?|public\s+read(?:\s+access)?)\b/g,
  )) {
    unsupported.push(request.slice(m.index!, m.index! + m[0].length));
  }
  if (envMatch) {
    env = envMatch.concept.slice(4) as Environment;
    envSource = 'request';
    s.use('env:prod', 'env:staging', 'env:dev');
  } else if (!options.env) {
    assumptions.push(
      'No environment named: the production profile is used (multi-AZ, deletion protection, alarms).',
    );
  }
  s.first(/\b(?:the\s+)?environment\b/);
  if (!region) {
    region = options.region ?? 'us-east-1';
    if (!options.region) assumptions.push(`No region named: ${region}.`);
  }
  // 2-12 characters: load balancer and target group names (32 at most) carry it with the environment.
  const projectWanted = slug(options.project ?? domains[0]?.split('.').slice(-2, -1)[0] ?? 'app', 12)
    .replace(/_/g, '-')
    .replace(/-+$/, '');
  const project = /^[a-z][a-z0-9-]{1,11}$/.test(projectWanted) ? projectWanted : 'app';
  const profile = { ...PROFILES[env] };
  const ha = has('ha');
  if (ha) {
    profile.highAvailability = true;
    s.use('ha');
  }
  let sizing: Sizing | undefined;
  if (has('size:small')) sizing = 'small';
  else if (has('size:large')) sizing = 'large';
  else if (has('size:medium')) sizing = 'medium';
  if (sizing) {
    profile.sizing = sizing;
    s.use('size:small', 'size:medium', 'size:large');
  }
  if (has('encrypted')) s.use('encrypted'); // everything is encrypted anyway

  // --- Numbers with units ----------------------------------------------------------------------------------------
  const rangeMatch = s.first(
    new RegExp(
      String.raw`\b(?:between\s+${NUM}\s+(?:and|to)\s+${NUM}|from\s+${NUM}\s+to\s+${NUM}|${NUM}\s*(?:-|–|to)\s*${NUM})\s+(tasks?|containers?|instances?|servers?|nodes?|replicas?|copies|machines?|vms?|pods?|workers?)?`,
    ),
  );
  let range: { min: number; max: number; unit?: string } | undefined;
  if (rangeMatch) {
    const nums = rangeMatch
      .slice(1, 7)
      .filter((x) => x !== undefined)
      .map(numValue);
    range = { min: Math.min(nums[0], nums[1]), max: Math.max(nums[0], nums[1]), unit: rangeMatch[7] };
  }
  const minMax = s.first(
    new RegExp(
      String.raw`\b(?:min(?:imum)?\s+${NUM}\s*,?\s*(?:and\s+)?max(?:imum)?\s+${NUM}|at least\s+${NUM}[^.]*?(?:up to|at most)\s+${NUM})`,
    ),
  );
  if (!range && minMax) {
    const nums = minMax
      .slice(1, 5)
      .filter((x) => x !== undefined)
      .map(numValue);
    range = { min: nums[0], max: nums[1] };
  }
  const counts = new Map<string, number>();
  for (const m of s.all(
    new RegExp(
      String.raw`\b${NUM}\s+(?:[a-z0-9-]+\s+)?(nodes?|instances?|servers?|tasks?|containers?|replicas?|shards?|brokers?|availability zones?|azs?|zones?|node groups?|managed node groups?|machines?|vms?|boxes|hosts?|readers?|read replicas?|queues?|functions?|lambdas?|workers?)\b`,
      'g',
    ),
    false,
  )) {
    const n = numValue(m[1]);
    if (Number.isNaN(n)) continue;
    const unit = singular(m[2])
      .replace(/^read /, '')
      .replace(/^managed /, '');
    if (!counts.has(unit)) counts.set(unit, n);
    // Claim the number only (the noun is a concept itself).
    s.claimSpan(m.index!, m.index! + m[1].length);
  }
  const count = (...units: string[]) => units.map((u) => counts.get(u)).find((n) => n !== undefined);

  // Thresholds and durations: "above 80% for 10 minutes".
  const alarms: Omit<AlarmSpec, 'target'>[] = [];
  for (const m of s.all(
    new RegExp(
      String.raw`\b(above|over|exceeds?|exceeding|greater than|more than|higher than|>|below|under|less than|lower than|<|drops below|falls below)\s+${NUM}\s*(%|percent|ms|milliseconds?|seconds?|s|errors?)?(?:\s+(?:for|over)\s+(?:more than\s+)?${DURATION})?`,
      'g',
    ),
  )) {
    const comparison = /below|under|less|lower|</.test(m[1]) ? 'below' : 'above';
    const threshold = numValue(m[2]);
    const minutes = m[4] ? durationMinutes(numValue(m[4]), m[5]) : 5;
    alarms.push({ metric: 'cpu', comparison, threshold, periodMinutes: minutes });
  }

  const dbMetric = s.first(
    /\b(?:the|our|my)\s+(?:database|db|rds|postgres(?:ql)?|mysql)(?:['’]s)?\s+(?:cpu|memory|storage|disk|connections)\b/,
    false,
  );
  const externalMetric = s.first(
    /\b(?:cpu|memory|ram|disk|load|latency|errors?)\s*(?:usage\s+|utili[sz]ation\s+|load\s+)?(?:on|of|for|across)\s+(?:the\s+|our\s+|my\s+|all\s+)?([a-z0-9-]+\s+)?(servers?|instances?|hosts?|machines?|boxes|vms?|fleet|nodes?)\b/,
    false,
  );
  const watched = externalMetric ?? (dbMetric && !any('postgres', 'mysql', 'aurora') ? dbMetric : undefined);
  const monitorsExisting = !!watched && alarms.length > 0;
  if (monitorsExisting) {
    const start = watched!.index!;
    const end = start + watched![0].length;
    s.claimSpan(start, end);
    // "the web servers" being watched are not something to build.
    s.matches = s.matches.filter((m) => m.concept.startsWith('metric:') || m.end <= start || m.start >= end);
  }

  // --- Schedule --------------------------------------------------------------------------------------------------
  // A schedule needs something to run: "monthly budget" is not a job.
  const runnable =
    any('function', 'container', 'worker') ||
    /\b(run|runs|execute|trigger|invoke|job|task|script|cron)\b/.test(s.lower);
  const schedule =
    runnable && (has('schedule') || /\bevery\b|\bat \d|\bnightly\b/.test(s.lower))
      ? parseSchedule(s)
      : undefined;
  if (schedule) {
    s.use('schedule');
    if (schedule.assumed) assumptions.push(`Schedule "${schedule.source}" runs at ${schedule.assumed}.`);
  }

  // --- Relations in words ----------------------------------------------------------------------------------------
  const externals: { name: string; port?: number }[] = [];
  for (const m of s.all(
    /\b(?:talks?|talking|calls?|calling|connects?|connecting|integrates?|integrating|communicates?|sends?|sending|depends|relies|needs access)\s+(?:to|with|on|into)?\s*(?:the|our|an?|their|its)?\s*(?:external\s+|third[- ]party\s+|existing\s+)?([a-z0-9][a-z0-9-]*(?:\s+[a-z0-9][a-z0-9-]*)?)\s+(service|api|system|backend|endpoint|server|provider|gateway)\b/g,
  )) {
    const name = m[1].replace(/^(the|our)\s+/, '');
    if (/^(database|db|cache|queue|bucket|table)$/.test(name)) continue;
    externals.push({ name });
    // "… the Stripe API and the Twilio API"
    const rest = s.lower.slice(m.index! + m[0].length);
    const more =
      /^(?:\s*(?:,|and|,\s*and)\s+(?:the\s+|our\s+)?[a-z0-9][a-z0-9-]*\s+(?:service|api|system|backend|endpoint|server|provider|gateway)\b)+/.exec(
        rest,
      );
    if (more) {
      for (const x of more[0].matchAll(
        /(?:,|and)\s+(?:the\s+|our\s+)?([a-z0-9][a-z0-9-]*)\s+(?:service|api|system|backend|endpoint|server|provider|gateway)\b/g,
      )) {
        externals.push({ name: x[1] });
      }
      s.claimSpan(m.index! + m[0].length, m.index! + m[0].length + more[0].length);
    }
    // What is talked to is not built: forget the concepts inside the phrase.
    const start = m.index! + m[0].search(/\s/);
    const end = m.index! + m[0].length + (more?.[0].length ?? 0);
    s.matches = s.matches.filter((x) => x.end <= start || x.start >= end);
  }
  // "only from …", "reachable only from …", "from my office IP …".
  const onlyFrom =
    ranges.length > 0 &&
    /\b(only|just|restricted|restrict|limited|limit|allow(?:ed)?|reachable|accessible|from)\b/.test(s.lower);
  if (onlyFrom) {
    s.first(
      /\b(?:(?:reachable|accessible|available|open)\s+)?(?:only\s+)?from\s+(?:the\s+|our\s+|my\s+)?(?:corporate\s+|company\s+)?(?:vpn|office|home|network|ip|range|cidr)?/,
    );
    s.use('vpn', 'office');
  }

  // --- Components ------------------------------------------------------------------------------------------------
  const firstMatch = (c: Concept) => s.find(c)[0];
  const nameNear = (m: Match | undefined): string | undefined => {
    if (!m) return undefined;
    // "dynamodb table", "kinesis data stream": the words of one thing, named around the whole run.
    let last = m;
    for (;;) {
      const next = s.matches.find((x) => x.first === last.last + 1 && x.concept === m.concept);
      if (!next) break;
      last = next;
    }
    const called = /^\s+(?:called|named)\s+["'“]?([a-z0-9][a-z0-9-]*)/.exec(s.lower.slice(last.end));
    if (called) {
      const start = last.end + called.index!;
      s.consume(Object.assign([called[0]], { index: start }) as RegExpMatchArray);
      return called[1];
    }
    const before = s.modifiersBefore(m.first);
    const after = before.length === 0 ? s.purposeAfter(last.last) : [];
    for (const t of [...before, ...after]) t.used = true;
    return nameOf(before.length > 0 ? before : after);
  };
  const ext = (kind: ComponentKind) => kind;
  void ext;

  // Secrets first: "database password" is a secret, not a database.
  let secretName: string | undefined;
  const passwordMatch = firstMatch('password');
  if (passwordMatch) {
    const qualifier = s.matches.find((m) => m.last === passwordMatch.first - 1);
    const word =
      s.tokens[passwordMatch.first].norm === 'api' ? 'api key' : s.tokens[passwordMatch.first].norm;
    if (qualifier && ['db', 'postgres', 'mysql', 'aurora', 'cache', 'redis'].includes(qualifier.concept)) {
      s.useMatch(qualifier);
      secretName = `${['cache', 'redis'].includes(qualifier.concept) ? 'cache' : 'db'} ${word}`;
      // The database is what the password is for, not something to build.
      qualifier.concept = 'password';
    } else {
      const mods = s.modifiersBefore(passwordMatch.first);
      mods.forEach((t) => (t.used = true));
      secretName = mods.length > 0 ? `${nameOf(mods)} ${word}` : word;
    }
  }

  // "let the app's role read it", "the worker role must be able to read it": a role outside the stack.
  const roleReader = any('secret', 'password')
    ? s.first(/\b(?:the\s+|our\s+|my\s+|an?\s+)?([a-z0-9-]+)(?:['’]s)?\s+(?:iam\s+)?role\b/, false)
    : undefined;
  if (roleReader) s.consume(roleReader);

  // Static site.
  const wantsSite =
    has('static-site') || (has('cdn') && any('bucket', 'website')) || (has('website') && has('cdn'));
  let site: Extract<Component, { kind: 'staticSite' }> | undefined;
  if (wantsSite) {
    site = b.add({ kind: 'staticSite', id: b.id('site'), domain: domains[0] });
    s.use('static-site', 'website', 'cdn', 'bucket', 'https', 'certificate');
    if (domains[0]) s.use('dns');
  }

  // Audit trail.
  if (has('audit')) {
    b.add({
      kind: 'auditTrail',
      id: b.id('audit'),
      multiRegion: !/\bsingle[- ]region\b|\bthis region only\b/.test(s.lower),
    });
    s.use('audit', 'bucket', 'encrypted', 'logs');
    s.first(/\ball\s+(?:the\s+)?api\s+calls\b|\bin\s+the\s+account\b|\bacross\s+(?:all\s+)?regions\b/);
  }

  // Container registry.
  if (has('registry')) {
    s.consume(
      s.first(
        /\bfor\s+(?:our|the|my|all)?\s*(?:[a-z0-9-]+\s+){0,2}(?:container\s+|docker\s+)?images\b/,
        false,
      ),
    );
    const keep = s.first(
      new RegExp(
        String.raw`\b(?:keep|retain|keeping|retaining)\s+(?:only\s+)?(?:the\s+)?(?:last|latest|newest|most recent)?\s*${NUM}(?:\s+(?:images?|tags?|versions?))?\b`,
      ),
    );
    const m = firstMatch('registry');
    const name =
      nameNear(m) ??
      (/\bfor\s+(?:our|the|my|all)?\s*([a-z0-9-]+)\s+(?:service\s+|container\s+|docker\s+)?images\b/.exec(
        s.lower,
      )?.[1] ||
        undefined);
    b.add({
      kind: 'registry',
      id: b.id(name ?? 'app'),
      name,
      scanOnPush: true,
      keepLast: keep ? numValue(keep[1]) : 30,
    });
    s.use('registry', 'image', 'scan', 'immutable');
  }

  // Kubernetes.
  if (has('kubernetes')) {
    const kinds: [Concept, string][] = [
      ['general', 'general'],
      ['memory-optimized', 'memory'],
      ['compute-optimized', 'compute'],
      ['gpu', 'gpu'],
    ];
    const named = kinds.filter(([c]) => has(c)).map(([, n]) => n);
    const groups = Math.max(count('node group') ?? 1, named.length || 1);
    const nodeTypes: Record<string, string[]> = {
      general: [profile.sizing === 'small' ? 't3.large' : 'm7i.large'],
      memory: ['r7i.large'],
      compute: ['c7i.large'],
      gpu: ['g5.xlarge'],
    };
    const nodes = count('node') ?? undefined;
    const min = range?.min ?? (profile.highAvailability ? 2 : 1);
    const max = range?.max ?? Math.max(min, nodes ?? 0, profile.highAvailability ? 6 : 3);
    const nodeGroups: KubernetesComponent['nodeGroups'] = [];
    for (let i = 0; i < groups; i++) {
      const kind = named[i] ?? 'general';
      const name = nodeGroups.some((g) => g.name === kind) ? `${kind}-${i + 1}` : kind;
      nodeGroups.push({
        name,
        instanceTypes: instanceTypes.length > 0 && i === 0 ? [instanceTypes[0]] : nodeTypes[kind],
        min,
        max,
        desired: nodes ?? min,
      });
    }
    b.add({ kind: 'kubernetes', id: b.id('main'), version: '1.33', nodeGroups });
    const workerNodes = (m: Match) => m.concept === 'worker' && /^\s+nodes?\b/.test(s.lower.slice(m.end));
    s.matches.filter(workerNodes).forEach((m) => s.useMatch(m));
    s.matches = s.matches.filter((m) => !workerNodes(m));
    s.use(
      'kubernetes',
      'node-group',
      'general',
      'memory-optimized',
      'compute-optimized',
      'gpu',
      'container',
      'autoscale',
    );
  }

  // Network.
  if (any('network', 'subnet', 'public-subnet', 'private-subnet', 'nat', 'az')) {
    const azs = count('availability zone', 'az', 'zone') ?? profile.azCount;
    const explicitSubnets = any('public-subnet', 'private-subnet');
    const noNat = s.first(/\b(?:no|without(?: an?)?|skip(?: the)?)\s+nat(?:\s+gateways?)?\b/);
    const natWanted = !noNat && (has('nat') || !explicitSubnets || has('private-subnet'));
    b.add({
      kind: 'network',
      id: b.id('main'),
      cidr: cidrs.find((c) => /\/(1[6-9]|2[0-4])$/.test(c) && !onlyFrom) ?? '10.0.0.0/16',
      azCount: Math.min(6, Math.max(2, azs)),
      publicSubnets:
        !explicitSubnets || has('public-subnet') || has('nat') || s.lower.includes('public and private'),
      privateSubnets: !explicitSubnets || has('private-subnet') || s.lower.includes('public and private'),
      nat: natWanted ? (profile.highAvailability ? 'perAz' : 'single') : 'none',
      flowLogs: true,
    });
    s.use('network', 'subnet', 'public-subnet', 'private-subnet', 'nat', 'az', 'zone');
    s.first(/\bpublic and private\b/);
  }

  // Relational database ("reach the private databases" is a relation, not a new database).
  const dbReachedOnly =
    has('bastion') &&
    /\b(?:reach|access|connect to|get to|into)\s+(?:the\s+|our\s+|my\s+|your\s+)?(?:private\s+)?(?:databases?|dbs?|rds|postgres|mysql)\b/.test(
      s.lower,
    );
  if (dbReachedOnly) {
    s.first(
      /\b(?:reach|access|connect to|get to|into)\s+(?:the\s+|our\s+|my\s+|your\s+)?(?:private\s+)?(?:databases?|dbs?|rds|postgres|mysql)\b/,
    );
  }
  const dbConcepts =
    monitorsExisting && watched === dbMetric
      ? []
      : s.matches.filter((m) => ['db', 'postgres', 'mysql', 'aurora'].includes(m.concept));
  if (dbConcepts.length > 0 && !dbReachedOnly) {
    const engine: DatabaseEngine = has('aurora')
      ? has('mysql')
        ? 'aurora-mysql'
        : 'aurora-postgresql'
      : has('mysql')
        ? 'mysql'
        : 'postgres';
    if (!any('postgres', 'mysql', 'aurora')) assumptions.push('No database engine named: PostgreSQL.');
    const versionMatch = s.first(
      /\b(?:postgres(?:ql)?|pg|mysql|mariadb|aurora)\s*v?(\d{1,2}(?:\.\d{1,2})?)\b/,
    );
    const backups = s.first(
      new RegExp(
        String.raw`\bbackups?\b[^.;]*?\b(?:for|of)\s+${DURATION}|\b${DURATION}\s+(?:of\s+)?(?:backups?|backup retention|retention)\b|\bretention\s+(?:of\s+)?${DURATION}`,
      ),
    );
    let backupDays: number | undefined;
    if (backups) {
      const g = backups.slice(1).filter((x) => x !== undefined);
      backupDays = Math.min(35, durationDays(numValue(g[0]), g[1]));
    }
    const m = dbConcepts[0];
    const name = nameNear(m);
    const replicas = count('reader', 'replica');
    b.add({
      kind: 'database',
      id: b.id(name && !/^(main|primary)$/.test(name) ? name : 'db'),
      name,
      engine,
      version: versionMatch?.[1],
      instanceClass: instanceTypes.find((t) => t.startsWith('db.')),
      storageGb,
      backupRetentionDays: backupDays,
      multiAz: profile.highAvailability || has('ha') ? true : undefined,
      instances: engine.startsWith('aurora') && replicas ? replicas + 1 : undefined,
    });
    s.use('db', 'postgres', 'mysql', 'aurora', 'backup');
  }

  // Cache.
  if (any('cache', 'redis', 'memcached')) {
    const engine = has('memcached') ? 'memcached' : 'redis';
    const m = firstMatch('redis') ?? firstMatch('memcached') ?? firstMatch('cache');
    const cacheMatch = firstMatch('cache');
    const name =
      nameNear(cacheMatch && cacheMatch.first === (m?.last ?? -2) + 1 ? cacheMatch : m) ??
      (has('sessions') ? 'sessions' : undefined);
    b.add({
      kind: 'cache',
      id: b.id(name ? name.replace(/^user /, '') : 'cache'),
      name,
      engine,
      nodes: count('node') ?? (profile.highAvailability ? 2 : 1),
      nodeType: instanceTypes.find((t) => t.startsWith('cache.')),
      highAvailability: has('ha') || profile.highAvailability,
    });
    s.use('cache', 'redis', 'memcached', 'sessions');
  }

  // Search.
  if (has('search')) {
    const m = firstMatch('search');
    const name = nameNear(m);
    b.add({
      kind: 'search',
      id: b.id(name ? (/search/.test(name) ? name : `${name} search`) : 'search'),
      name,
      nodes: count('node') ?? (profile.highAvailability ? 3 : 1),
      instanceType: instanceTypes.find((t) => t.endsWith('.search')),
      storageGb,
    });
    s.use('search', 'private');
  }

  // NoSQL table.
  if (has('table')) {
    const m = firstMatch('table');
    const name =
      nameNear(m) ?? (/\bstor(?:e|es|ing)\s+(?:the\s+)?items\b/.test(s.lower) ? 'items' : undefined);
    b.add({
      kind: 'table',
      id: b.id(name ?? 'items'),
      name,
      hashKey: 'pk',
      rangeKey: /\bsort key\b|\brange key\b/.test(s.lower) ? 'sk' : undefined,
    });
    s.use('table');
  }

  // Streams.
  if (has('stream') && !has('audit')) {
    const m = firstMatch('stream');
    const name = nameNear(m);
    const retention = s.first(
      new RegExp(
        String.raw`\b(?:retain|retention|keep|kept)\w*\s+(?:data\s+|records\s+)?(?:for\s+)?${DURATION}`,
      ),
    );
    b.add({
      kind: 'stream',
      id: b.id(name ?? 'events'),
      name,
      shards: count('shard'),
      retentionHours: retention
        ? Math.min(8760, durationDays(numValue(retention[1]), retention[2]) * 24)
        : 24,
    });
    s.use('stream', 'events');
  }

  // File system.
  if (has('file-system')) {
    b.add({ kind: 'fileSystem', id: b.id('shared') });
    s.use('file-system');
    s.first(/\bshared\b/);
  }

  // Buckets (not the static site's or the trail's).
  const bucketMatches = s.find('bucket');
  if (bucketMatches.length > 0 && !site && !has('audit')) {
    const m = bucketMatches[0];
    let purposeTokens = s.purposeAfter(m.last);
    if (purposeTokens.length === 0) {
      let end = m;
      for (let next; (next = bucketMatches.find((x) => x.first === end.last + 1));) end = next;
      const stored =
        /^\s+(?:to\s+)?(?:store|stores|storing|hold|holds|holding|keep|keeps|for)\s+(?:the\s+|our\s+|user\s+|all\s+)?([a-z]+)\b/.exec(
          s.lower.slice(end.end),
        );
      if (stored) {
        const t = s.tokens.find((x) => x.start === end.end + stored[0].length - stored[1].length);
        if (t && !t.used && !FILLER.has(t.norm)) {
          purposeTokens = [t];
          s.dropMatchesIn([t]);
        }
      }
    }
    const before = s.modifiersBefore(m.first);
    const words = [...before, ...purposeTokens].map((t) => t.norm).join(' ');
    const purpose: BucketComponent['purpose'] =
      has('uploads') || /upload/.test(words)
        ? 'uploads'
        : has('logs') || /log/.test(words)
          ? 'logs'
          : /backup/.test(words) || has('backup')
            ? 'backups'
            : /artifact|build|release/.test(words)
              ? 'artifacts'
              : 'data';
    [...before, ...purposeTokens].forEach((t) => (t.used = true));
    const transition = s.first(
      new RegExp(
        String.raw`\b(?:moved?|moves|moving|transition(?:ed|s)?|archived?|archives|tier(?:ed)?)\b[^.;]*?\b(?:to\s+)?(glacier deep archive|deep archive|glacier instant retrieval|glacier|infrequent access|standard[- ]ia|intelligent[- ]tiering)?[^.;]*?\bafter\s+${DURATION}`,
      ),
    );
    const expiration = s.first(
      new RegExp(
        String.raw`\b(?:delete[sd]?|deleting|expire[sd]?|expiring|remove[sd]?|removing|purge[sd]?)\b[^.;]*?\b(?:after|older than)\s+${DURATION}`,
      ),
    );
    const lifecycle: BucketComponent['lifecycle'] = {};
    if (transition) {
      lifecycle.transitionDays = durationDays(numValue(transition[2]), transition[3]);
      const cls =
        transition[1] ??
        (has('deep-archive')
          ? 'deep'
          : has('infrequent-access')
            ? 'infrequent'
            : has('intelligent-tiering')
              ? 'intelligent'
              : '');
      lifecycle.storageClass = /deep/.test(cls)
        ? 'DEEP_ARCHIVE'
        : /instant/.test(cls)
          ? 'GLACIER_IR'
          : /infrequent|ia/.test(cls)
            ? 'STANDARD_IA'
            : /intelligent/.test(cls)
              ? 'INTELLIGENT_TIERING'
              : 'GLACIER';
    } else if (any('glacier', 'deep-archive', 'infrequent-access', 'intelligent-tiering')) {
      lifecycle.transitionDays = 90;
      lifecycle.storageClass = has('deep-archive')
        ? 'DEEP_ARCHIVE'
        : has('infrequent-access')
          ? 'STANDARD_IA'
          : has('intelligent-tiering')
            ? 'INTELLIGENT_TIERING'
            : 'GLACIER';
      assumptions.push('Objects move to the colder storage class after 90 days.');
    }
    if (expiration) lifecycle.expirationDays = durationDays(numValue(expiration[1]), expiration[2]);
    const name = tfState ? 'tfstate' : nameOf(before.length > 0 ? before : purposeTokens);
    b.add({
      kind: 'bucket',
      id: b.id(purpose === 'data' && name ? name : purpose),
      name,
      purpose,
      versioning: true,
      kmsKey: any('customer-key', 'kms') ? 'customer' : 'stack',
      lifecycle: Object.keys(lifecycle).length > 0 ? lifecycle : undefined,
    });
    if (purpose === 'backups') s.use('backup');
    s.use(
      'bucket',
      'versioned',
      'customer-key',
      'kms',
      'glacier',
      'deep-archive',
      'infrequent-access',
      'intelligent-tiering',
      'expire',
      'transition',
      'uploads',
      'logs',
    );
  }

  // Queues and topics.
  const queueMatches = s.find('queue');
  const dlqWanted = has('dlq');
  const maxReceive = s.first(
    new RegExp(
      String.raw`\b(?:after|max(?:imum)?(?: of)?|up to)\s+${NUM}\s+(?:failed\s+|unsuccessful\s+)?(?:attempts?|retries|tries|failures|receives?|deliveries)`,
    ),
  );
  const fifo = has('fifo');
  const queueNames: (string | undefined)[] = [];
  for (const m of queueMatches) {
    if (s.find('dlq').some((d) => d.first <= m.first && d.last >= m.last)) continue;
    let mods = s.modifiersBefore(m.first);
    if (mods.length === 0) mods = s.purposeAfter(m.last, 2);
    mods.forEach((t) => (t.used = true));
    const n = nameOf(mods);
    if (!queueNames.includes(n) || n === undefined) queueNames.push(n);
  }
  if (queueNames.length === 0 && (dlqWanted || has('worker')))
    queueNames.push(has('worker') ? 'jobs' : undefined);
  const dedupNames = [...new Set(queueNames.map((n) => n ?? ''))].map((n) => n || undefined);
  const queues = dedupNames.map((n) =>
    b.add({
      kind: 'queue',
      id: b.id(n ?? (has('worker') ? 'jobs' : 'main')),
      name: n,
      fifo,
      deadLetter: true,
      maxReceiveCount: maxReceive ? numValue(maxReceive[1]) : 5,
      visibilityTimeout: 180,
    }),
  );
  if (queues.length > 0) s.use('queue', 'dlq', 'fifo');
  if (queues.length > 0 && !maxReceive)
    assumptions.push('Messages move to the dead-letter queue after 5 failed receives.');

  let topic: Extract<Component, { kind: 'topic' }> | undefined;
  if (has('topic') || (has('events') && /publish/.test(s.lower))) {
    const events = firstMatch('events');
    const mods = events ? s.modifiersBefore(events.first) : [];
    mods.forEach((t) => (t.used = true));
    const topicMatch = firstMatch('topic');
    let topicMods = topicMatch ? s.modifiersBefore(topicMatch.first) : [];
    for (const tm of s.find('topic')) {
      if (topicMods.length > 0 || mods.length > 0) break;
      topicMods = s.purposeAfter(tm.last, 2);
    }
    topicMods.forEach((t) => (t.used = true));
    const name = nameOf(mods.length > 0 ? [...mods, { text: 'events' }] : topicMods) ?? undefined; // "a topic with an email subscription to alerts@example.com": the addresses subscribe to this topic.
    const topicEmails = emails.length > 0 && alarms.length === 0 && !has('monitoring') ? emails : undefined;
    topic = b.add({
      kind: 'topic',
      id: b.id(name ?? 'events'),
      name,
      subscribers: queues.map((q) => q.id),
      emails: topicEmails,
    });
    if (topicEmails) {
      emails.length = 0;
      s.use('email-verb');
    }
    s.use('topic', 'events');
  }

  // Identity.
  if (any('identity', 'signup')) {
    s.consume(
      s.first(
        /\bfor\s+(?:our\s+|the\s+|my\s+)?(?:web\s+|mobile\s+|ios\s+|android\s+)?(?:app|application|site|website|portal)(?:\s+users)?\b/,
        false,
      ),
    );
  }
  if (
    has('identity') ||
    (has('signup') &&
      /\b(users?|customers?|accounts?|members?|people|log ?in|sign ?in|register)\b/.test(s.lower))
  ) {
    b.add({
      kind: 'identity',
      id: b.id('users'),
      selfSignUp: has('signup') || !/\badmin(?:istrator)?s? (?:create|invite)/.test(s.lower),
      mfa: has('mfa') ? 'on' : 'optional',
    });
    s.use('identity', 'signup', 'mfa');
  }

  // Compute.
  const wantsFunction = has('function');
  const wantsContainer = has('container') && !has('registry') && !has('kubernetes');
  const wantsWorker = has('worker') || has('no-public');
  const webish = any('web', 'api');
  const wantsBastion = has('bastion');
  const vmMatches = monitorsExisting ? [] : s.find('vm');
  const wantsAsg =
    has('asg') ||
    (vmMatches.length > 0 &&
      (has('lb') || has('autoscale')) &&
      !instanceTypes.some(() => count('instance') === 1));
  const fronted: string[] = [];
  const computeIds: string[] = [];

  const functions: Extract<Component, { kind: 'function' }>[] = [];
  if (wantsFunction || (schedule && !wantsContainer && vmMatches.length === 0)) {
    const runtime = has('node') ? 'nodejs22.x' : 'python3.13';
    s.use('python', 'node');
    if (queues.length > 0) s.use('worker');
    const fm = firstMatch('function');
    let name = nameNear(fm);
    if (!name) {
      // "… every 15 minutes to sync inventory": the purpose names the function.
      const purpose = /\bto\s+([a-z]+)\s+(?:the\s+|our\s+)?([a-z]+)\b(?![^.]*\bto\b)/.exec(s.lower);
      const words = purpose
        ? s.tokens.filter(
            (t) =>
              t.start >= purpose.index! + 3 &&
              t.end <= purpose.index! + purpose[0].length &&
              !['the', 'our'].includes(t.norm),
          )
        : [];
      if (
        words.length > 0 &&
        words.every(
          (t) =>
            !t.used &&
            (!s.matches.some((m) => m.start <= t.start && m.end >= t.end) ||
              ['log', 'report', 'image', 'backup', 'event', 'order'].includes(t.norm)),
        )
      ) {
        words.forEach((t) => (t.used = true));
        name = nameOf(words);
      }
    }
    if (!name && schedule) {
      const job = /\b([a-z]+)\s+(?:job|task)\b/.exec(s.lower);
      const t = job ? s.tokens.find((x) => x.start === job.index) : undefined;
      const generic = [
        'cron',
        'scheduled',
        'nightly',
        'daily',
        'weekly',
        'hourly',
        'monthly',
        'background',
        'batch',
      ];
      if (t && !FILLER.has(t.norm) && !generic.includes(t.norm)) {
        t.used = true;
        s.dropMatchesIn([t]);
        name = t.text.toLowerCase();
      }
    }
    const trigger: Extract<Component, { kind: 'function' }>['trigger'] =
      has('apigw') || (webish && !wantsContainer)
        ? 'api'
        : queues.length > 0
          ? 'queue'
          : schedule
            ? 'schedule'
            : topic
              ? 'topic'
              : 'none';
    const fn = b.add({
      kind: 'function',
      id: b.id(
        name ??
          (trigger === 'api'
            ? 'api'
            : trigger === 'queue'
              ? 'consumer'
              : trigger === 'schedule'
                ? 'job'
                : 'handler'),
      ),
      name,
      runtime,
      memoryMb: 512,
      timeoutSeconds: 30,
      trigger,
      source: trigger === 'queue' ? queues[0].id : trigger === 'topic' ? topic?.id : undefined,
    });
    functions.push(fn);
    computeIds.push(fn.id);
    s.use('function');
    if (trigger === 'api' || has('apigw')) {
      b.add({
        kind: 'apiGateway',
        id: b.id(fn.id === 'api' ? 'http' : 'api'),
        functions: [fn.id],
        auth: has('identity') ? 'jwt' : has('public') ? 'none' : 'iam',
      });
      s.use('apigw', 'api', 'web', 'public');
      s.first(/\brest\b/);
    }
    if (schedule) {
      b.add({
        kind: 'scheduledJob',
        id: b.id(`${fn.id}_schedule`),
        schedule: schedule.expression,
        target: fn.id,
      });
    }
  }

  let container: Extract<Component, { kind: 'containerService' }> | undefined;
  const containerAsDefault =
    webish && !wantsFunction && vmMatches.length === 0 && !wantsAsg && !has('kubernetes') && !site;
  if (wantsContainer || (wantsWorker && !wantsFunction && vmMatches.length === 0) || containerAsDefault) {
    const worker = wantsWorker && !any('web', 'lb');
    const size = { small: [256, 512], medium: [512, 1024], large: [1024, 2048] }[profile.sizing];
    const tasks = count('task', 'container', 'replica', 'worker');
    const scale =
      range ?? (has('autoscale') ? { min: tasks ?? 2, max: Math.max(10, (tasks ?? 2) * 4) } : undefined);
    const metric = /\bon\s+memory\b|memory-based/.test(s.lower)
      ? 'memory'
      : /\bon\s+(?:requests?|traffic|load)\b/.test(s.lower)
        ? 'requests'
        : 'cpu';
    s.first(/\bon\s+(?:cpu|memory|requests?|traffic)\b/);
    const webMatch = firstMatch('web') ?? firstMatch('api') ?? firstMatch('container');
    const name = nameNear(webMatch);
    container = b.add({
      kind: 'containerService',
      id: b.id(worker ? (name ?? 'worker') : (name ?? 'app')),
      name,
      port: ports[0] ?? 8080,
      cpu: size[0],
      memory: size[1],
      desiredCount: tasks ?? (profile.highAvailability ? 2 : 1),
      autoscaling: scale ? { min: scale.min, max: scale.max, metric, targetPercent: 70 } : undefined,
      worker,
    });
    computeIds.push(container.id);
    if (!worker) fronted.push(container.id);
    s.use(
      'container',
      'worker',
      'web',
      'api',
      'autoscale',
      'no-public',
      'private',
      'internal',
      'public',
      'python',
      'node',
      'website',
    );
    if (worker) {
      s.first(/\bno public (?:traffic|access|ingress|endpoint)\b/);
      for (const q of queues)
        b.relations.push({ kind: 'connectsTo', from: container.id, to: q.id, access: 'read' });
    }
  }

  if (wantsAsg && !monitorsExisting) {
    const m = firstMatch('asg') ?? vmMatches[0];
    const name = nameNear(m) ?? (has('web') ? 'web' : undefined);
    const asg = b.add({
      kind: 'autoScalingGroup',
      id: b.id(name ?? 'web'),
      name,
      instanceType: instanceTypes.find((t) => !/^(db|cache)\./.test(t)),
      min: range?.min ?? (profile.highAvailability ? 2 : 1),
      max: range?.max ?? (profile.highAvailability ? 6 : 3),
      desired: range?.min ?? (profile.highAvailability ? 2 : 1),
      port: ports[0] ?? 8080,
    });
    computeIds.push(asg.id);
    fronted.push(asg.id);
    s.use('asg', 'vm', 'web', 'autoscale', 'website');
  } else if ((vmMatches.length > 0 || wantsBastion) && !monitorsExisting) {
    const sshRanges = has('ssh') || wantsBastion ? ranges : [];
    const role = wantsBastion ? 'bastion' : env === 'dev' || /\bdev box\b/.test(s.lower) ? 'dev' : 'app';
    const vm = b.add({
      kind: 'vm',
      id: b.id(
        role === 'bastion' ? 'bastion' : role === 'dev' ? 'devbox' : (nameNear(vmMatches[0]) ?? 'app'),
      ),
      role,
      instanceType: instanceTypes.find((t) => !/^(db|cache)\./.test(t)),
      count: count('instance', 'server', 'vm', 'machine', 'box', 'host') ?? 1,
      public:
        role === 'bastion' || (sshRanges.length > 0 && sshRanges.some((r) => !isPrivate(r))) || has('public'),
      sshFrom: sshRanges,
      ports: has('rdp') ? [3389] : ports.length > 0 ? ports : role === 'app' ? [8080] : [],
      diskGb: storageGb,
    });
    computeIds.push(vm.id);
    if (role === 'app' && has('lb')) fronted.push(vm.id);
    if (wantsBastion && b.of('network').length === 0) {
      b.add({
        kind: 'network',
        id: b.id('main'),
        cidr: '10.0.0.0/16',
        azCount: profile.azCount,
        publicSubnets: true,
        privateSubnets: true,
        nat: profile.highAvailability ? 'perAz' : 'single',
        flowLogs: true,
      });
      s.use('public-subnet', 'public', 'subnet', 'private', 'db');
      s.first(/\bin\s+a\s+public\s+subnet\b/);
    }
    if (has('rdp') && sshRanges.length === 0 && ranges.length > 0)
      b.relations.push({ kind: 'allowedFrom', target: vm.id, cidrs: ranges, ports: [3389] });
    s.use('vm', 'bastion', 'ssh', 'rdp', 'public', 'size:small', 'website', 'web');
    s.first(/\bi can ssh into\b|\bssh into\b|\bssh in\b/);
  }

  // Load balancer.
  let lb: Extract<Component, { kind: 'loadBalancer' }> | undefined;
  const dnsTarget =
    any('dns', 'record') &&
    /\b(?:point(?:ing|s)?|alias(?:ed)?|rout(?:e|ing))\s+(?:at|to)\s+(?:the\s+|our\s+)?(?:public\s+|internal\s+)?(?:load balancer|alb|lb)\b/.test(
      s.lower,
    );
  if (has('lb') || (has('waf') && !site && functions.length === 0) || fronted.length > 0 || dnsTarget) {
    const internal =
      has('internal') ||
      (has('private') && !has('public')) ||
      (ranges.length > 0 && onlyFrom && ranges.every(isPrivate));
    lb = b.add({
      kind: 'loadBalancer',
      id: b.id(internal ? 'internal' : 'public'),
      internal,
      target: fronted[0],
      allowedCidrs: onlyFrom && !has('ssh') ? ranges : [],
      waf: has('waf') || !internal,
    });
    if (fronted[0]) b.relations.push({ kind: 'behindLoadBalancer', target: fronted[0], loadBalancer: lb.id });
    if (onlyFrom && !has('ssh') && ranges.length > 0)
      b.relations.push({ kind: 'allowedFrom', target: lb.id, cidrs: ranges, ports: [443] });
    s.use('lb', 'internal', 'private', 'public', 'https', 'web');
    if (has('autoscale') && fronted.length === 0) s.use('autoscale');
  }

  // WAF.
  if (has('waf')) {
    const rules: string[] = [];
    if (has('managed-rules') || /\bcommon\b/.test(s.lower)) rules.push('AWSManagedRulesCommonRuleSet');
    if (/\bsql ?injection|\bsqli\b/.test(s.lower)) rules.push('AWSManagedRulesSQLiRuleSet');
    if (/\bbots?\b/.test(s.lower)) rules.push('AWSManagedRulesBotControlRuleSet');
    if (/\bbad inputs|log4j\b/.test(s.lower)) rules.push('AWSManagedRulesKnownBadInputsRuleSet');
    const rate = s.first(
      new RegExp(String.raw`\brate[- ]limit(?:ing|ed)?\b(?:\s+(?:of|to|at)\s+${NUM}\s+(?:requests?)?)?`),
    );
    b.add({
      kind: 'waf',
      id: b.id('web_acl'),
      managedRules: rules.length > 0 ? rules : ['AWSManagedRulesCommonRuleSet'],
      target: lb?.id,
      rateLimit: rate?.[1] ? numValue(rate[1]) : undefined,
    });
    s.use('waf', 'managed-rules');
    s.first(/\b(?:in front of|protect(?:ing)?)\b/);
    s.first(/\bsql ?injection|\bsqli\b|\bbots?\b|\bbad inputs\b|\blog4j\b/);
  }

  // DNS and certificates.
  if ((has('dns') || has('record')) && domains.length > 0 && !site) {
    const apex = domains[0].split('.').slice(-2).join('.');
    const recordNames = s
      .all(/\b([a-z0-9-]+|apex|root)\s+(?:records?|subdomains?|(?:cname|alias|a)\s+records?)\b/g)
      .map((m) => m[1])
      .filter((n) => !['a', 'the', 'dns', 'an', 'one', 'alias', 'cname'].includes(n));
    if (domains[0] !== apex && recordNames.length === 0)
      recordNames.push(domains[0].slice(0, -apex.length - 1));
    const records = (recordNames.length > 0 ? recordNames : lb ? ['www'] : []).map((n) => ({
      name: n === 'apex' || n === 'root' ? '' : n,
      target: lb?.id,
    }));
    b.add({
      kind: 'dns',
      id: b.id('zone'),
      domain: apex,
      records,
      createZone:
        /\b(?:hosted\s+zone|new\s+zone|create\s+(?:a\s+)?zone|zone\s+for)\b/.test(s.lower) ||
        (has('dns') && /\bzone\b/.test(s.lower)),
    });
    if (lb && records[0]) lb.domain = records[0].name ? `${records[0].name}.${apex}` : apex;
    s.use('dns', 'record', 'zone');
  } else if (lb && domains.length > 0) {
    lb.domain = domains[0];
  }
  if ((has('certificate') || has('https')) && domains.length > 0 && !site && !lb) {
    b.add({ kind: 'certificate', id: b.id('cert'), domain: domains[0] });
  }
  s.use('certificate', 'https');

  // Secret component.
  if (has('secret') || secretName) {
    const readers: string[] = [];
    if (roleReader) readers.push(`external:${roleReader[1]}`);
    const dbHere = b.of('database').length > 0;
    if (!(dbHere && /\b(?:db|database) password\b/.test(secretName ?? ''))) {
      const sec = b.add({
        kind: 'secret',
        id: b.id(secretName ? secretName.replace(/ /g, '_') : 'app_secret'),
        name: secretName,
        generate: !/\b(?:we|i)(?:'ll| will)? (?:set|provide|put)\b|\bexisting\b/.test(s.lower),
        readers,
      });
      for (const c of computeIds)
        b.relations.push({ kind: 'connectsTo', from: c, to: sec.id, access: 'read' });
    } else {
      assumptions.push(
        'The database master password is managed by RDS in Secrets Manager (manage_master_user_password).',
      );
    }
    s.use('secret', 'password');
    s.first(/\bread it\b/);
  }
  if (has('kms') && b.components.length === 0) {
    b.add({ kind: 'kms', id: b.id('data') });
    s.use('kms', 'customer-key');
  }

  // KMS mentioned with something else: the stack's key is that key.
  s.use('kms', 'customer-key');

  // Budget.
  if (has('budget')) {
    const pct = s.first(new RegExp(String.raw`\bat\s+${NUM}\s*%`));
    b.add({
      kind: 'budget',
      id: b.id('monthly'),
      monthlyLimitUsd: moneyValue ?? 1000,
      emails,
      thresholdPercent: pct ? numValue(pct[1]) : 80,
    });
    if (moneyValue === undefined) assumptions.push('No budget amount given: 1000 USD a month.');
    s.use('budget');
    if (!schedule) s.use('schedule');
  }

  // Workflow.
  if (has('workflow')) {
    b.add({ kind: 'workflow', id: b.id('main'), steps: functions.map((f) => f.id) });
    s.use('workflow');
  }

  // Logs.
  if (has('logs') && !b.of('bucket').length && !has('audit')) {
    const retention = s.first(
      new RegExp(String.raw`\b(?:for|keep|kept|retain(?:ed)?|retention(?: of)?)\s+${DURATION}`),
    );
    b.add({
      kind: 'logs',
      id: b.id('app'),
      retentionDays: retention ? durationDays(numValue(retention[1]), retention[2]) : undefined,
    });
    s.use('logs');
  }

  // Connections between compute and data.
  const dataKinds: ComponentKind[] = [
    'database',
    'cache',
    'search',
    'table',
    'bucket',
    'stream',
    'fileSystem',
    'topic',
    'queue',
    'workflow',
  ];
  for (const from of computeIds) {
    const c = b.components.find((x) => x.id === from)!;
    if (c.kind === 'vm' && c.role === 'bastion') continue;
    for (const d of b.components.filter((x) => dataKinds.includes(x.kind))) {
      if (b.relations.some((r) => r.kind === 'connectsTo' && r.from === from && r.to === d.id)) continue;
      if (c.kind === 'function' && c.trigger === 'queue' && c.source === d.id) continue;
      if (d.kind === 'queue' && topic?.subscribers.includes(d.id) && c.kind !== 'containerService') continue;
      if (d.kind === 'fileSystem' && c.kind === 'function') continue;
      const access =
        d.kind === 'queue'
          ? c.kind === 'containerService' && c.worker
            ? 'read'
            : 'write'
          : d.kind === 'topic'
            ? 'write'
            : undefined;
      b.relations.push({ kind: 'connectsTo', from, to: d.id, access });
    }
    for (const e of externals)
      b.relations.push({ kind: 'talksTo', from, external: { name: e.name, port: e.port } });
  }
  if (externals.length > 0 && computeIds.length === 0) {
    // A relation with nothing of ours to hold it: the default web workload talks to it.
    assumptions.push(
      `Nothing in the request calls the ${externals[0].name} service; no rule was made for it.`,
    );
  }

  // Monitoring.
  const monitoringWords = any('monitoring', 'email-verb') || emails.length > 0 || alarms.length > 0;
  const alarmable = b.components.some((c) =>
    ['containerService', 'vm', 'autoScalingGroup', 'database', 'loadBalancer', 'function', 'queue'].includes(
      c.kind,
    ),
  );
  if (monitoringWords || (profile.alarms && alarmable)) {
    const metricConcept = s.matches.find((m) => m.concept.startsWith('metric:'))?.concept;
    const metric = (metricConcept?.slice(7) ?? 'cpu') as AlarmSpec['metric'];
    const specs: AlarmSpec[] = alarms.map((a) => {
      const spec: AlarmSpec = { ...a, metric: metric === ('5xx' as string) ? 'http5xx' : metric };
      if (monitorsExisting && watched && watched === dbMetric) {
        spec.external = { name: 'database', kind: 'database' };
      } else if (monitorsExisting && externalMetric) {
        const noun = externalMetric[2];
        const kind = /nodes?|fleet/.test(noun)
          ? 'autoScalingGroup'
          : /instances?|hosts?|machines?|boxes|vms?/.test(noun)
            ? 'instance'
            : 'autoScalingGroup';
        spec.external = {
          name: (externalMetric[1] ?? 'app').trim(),
          kind: externalMetric[1]?.trim() === 'web' && /servers?/.test(noun) ? 'autoScalingGroup' : kind,
        };
      } else {
        const target =
          b.components.find(
            (c) => (metric === 'storage' || metric === 'connections') && c.kind === 'database',
          ) ??
          b.components.find((c) =>
            ['containerService', 'autoScalingGroup', 'vm', 'database', 'function'].includes(c.kind),
          );
        spec.target = target?.id;
      }
      return spec;
    });
    b.add({
      kind: 'monitoring',
      id: b.id('monitoring'),
      emails,
      alarms: specs,
      standard: profile.alarms || /\bstandard monitoring|\bmonitoring\b|\balarms\b/.test(s.lower),
    });
    s.use(
      'monitoring',
      'email-verb',
      'metric:cpu',
      'metric:memory',
      'metric:errors',
      'metric:latency',
      'metric:5xx',
      'metric:storage',
    );
    s.first(/\b(?:stays?|remains?|is|goes|gets)\b/);
  }

  // Words understood as qualifiers of what was built.
  if (b.components.length > 0) s.use('private', 'encrypted', 'https');
  if (b.components.some((c) => c.kind === 'loadBalancer' || c.kind === 'staticSite' || c.kind === 'vm'))
    s.use('public');
  if (b.components.some((c) => c.kind === 'network')) s.use('az');

  // Words no rule used, and things the catalog cannot build, are reported back.
  const notUnderstood = [...unsupported, ...s.leftovers()];
  for (const t of s.tokens)
    if (t.corrected && t.used) assumptions.push(`Read "${t.text}" as "${t.corrected}".`);

  const plan: ArchitecturePlan = {
    version: 1,
    project,
    env,
    envSource,
    profile,
    region,
    components: b.components,
    relations: b.relations,
    notUnderstood,
    assumptions,
    request,
  };
  // Plain JSON: no undefined members, so a plan survives a round trip unchanged.
  const json = JSON.parse(JSON.stringify(plan)) as ArchitecturePlan;
  return { plan: json, notUnderstood };
}
