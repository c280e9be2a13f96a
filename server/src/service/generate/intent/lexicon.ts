// The vocabulary of the offline intent compiler: phrases people use for each concept (synonyms included), and the
// filler words that carry no meaning of their own. Phrases are lower-case words; hyphens split into words.

/** Concept ids: what a phrase means. */
export type Concept =
  | 'env:prod'
  | 'env:staging'
  | 'env:dev'
  | 'network'
  | 'subnet'
  | 'public-subnet'
  | 'private-subnet'
  | 'nat'
  | 'az'
  | 'lb'
  | 'web'
  | 'api'
  | 'apigw'
  | 'container'
  | 'worker'
  | 'vm'
  | 'bastion'
  | 'asg'
  | 'autoscale'
  | 'function'
  | 'db'
  | 'postgres'
  | 'mysql'
  | 'aurora'
  | 'cache'
  | 'redis'
  | 'memcached'
  | 'bucket'
  | 'static-site'
  | 'website'
  | 'cdn'
  | 'queue'
  | 'dlq'
  | 'topic'
  | 'events'
  | 'table'
  | 'search'
  | 'kubernetes'
  | 'node-group'
  | 'registry'
  | 'image'
  | 'secret'
  | 'password'
  | 'kms'
  | 'dns'
  | 'zone'
  | 'record'
  | 'certificate'
  | 'https'
  | 'waf'
  | 'managed-rules'
  | 'monitoring'
  | 'email-verb'
  | 'metric:cpu'
  | 'metric:memory'
  | 'metric:errors'
  | 'metric:latency'
  | 'metric:5xx'
  | 'metric:storage'
  | 'logs'
  | 'schedule'
  | 'audit'
  | 'stream'
  | 'file-system'
  | 'budget'
  | 'identity'
  | 'signup'
  | 'mfa'
  | 'workflow'
  | 'ha'
  | 'private'
  | 'public'
  | 'internal'
  | 'encrypted'
  | 'versioned'
  | 'size:small'
  | 'size:medium'
  | 'size:large'
  | 'general'
  | 'memory-optimized'
  | 'compute-optimized'
  | 'gpu'
  | 'glacier'
  | 'deep-archive'
  | 'infrequent-access'
  | 'intelligent-tiering'
  | 'scan'
  | 'immutable'
  | 'expire'
  | 'transition'
  | 'backup'
  | 'fifo'
  | 'ssh'
  | 'rdp'
  | 'vpn'
  | 'office'
  | 'customer-key'
  | 'no-public'
  | 'python'
  | 'node'
  | 'uploads'
  | 'sessions';

/** Phrase → concept. Longer phrases win over their parts. */
const PHRASES: [string, Concept][] = [
  // environments
  ['production', 'env:prod'],
  ['prod', 'env:prod'],
  ['prd', 'env:prod'],
  ['live', 'env:prod'],
  ['staging', 'env:staging'],
  ['stage', 'env:staging'],
  ['stg', 'env:staging'],
  ['preprod', 'env:staging'],
  ['pre production', 'env:staging'],
  ['uat', 'env:staging'],
  ['qa', 'env:staging'],
  ['development', 'env:dev'],
  ['dev', 'env:dev'],
  ['sandbox', 'env:dev'],
  ['test', 'env:dev'],
  ['testing', 'env:dev'],
  ['playground', 'env:dev'],
  ['experimental', 'env:dev'],
  // network
  ['vpc', 'network'],
  ['network', 'network'],
  ['networking', 'network'],
  ['virtual private cloud', 'network'],
  ['subnet', 'subnet'],
  ['public subnet', 'public-subnet'],
  ['private subnet', 'private-subnet'],
  ['nat', 'nat'],
  ['nat gateway', 'nat'],
  ['availability zone', 'az'],
  ['az', 'az'],
  ['zone', 'zone'],
  // load balancing and web
  ['load balancer', 'lb'],
  ['load balanced', 'lb'],
  ['loadbalancer', 'lb'],
  ['balancer', 'lb'],
  ['alb', 'lb'],
  ['elb', 'lb'],
  ['nlb', 'lb'],
  ['application load balancer', 'lb'],
  ['web service', 'web'],
  ['web app', 'web'],
  ['web application', 'web'],
  ['webapp', 'web'],
  ['web server', 'web'],
  ['web tier', 'web'],
  ['web frontend', 'web'],
  ['frontend', 'web'],
  ['front end', 'web'],
  ['dashboard', 'web'],
  ['portal', 'web'],
  ['tool', 'web'],
  ['internal tool', 'web'],
  ['admin panel', 'web'],
  ['admin tool', 'web'],
  ['web', 'web'],
  ['api', 'api'],
  ['rest api', 'api'],
  ['http api', 'api'],
  ['restful api', 'api'],
  ['graphql api', 'api'],
  ['microservice', 'api'],
  ['backend', 'api'],
  ['api gateway', 'apigw'],
  ['apigateway', 'apigw'],
  ['api gw', 'apigw'],
  // compute
  ['container', 'container'],
  ['containerized', 'container'],
  ['containerised', 'container'],
  ['docker', 'container'],
  ['fargate', 'container'],
  ['ecs', 'container'],
  ['task', 'container'],
  ['worker', 'worker'],
  ['background worker', 'worker'],
  ['background job', 'worker'],
  ['background', 'worker'],
  ['consumer', 'worker'],
  ['job processor', 'worker'],
  ['batch', 'worker'],
  ['batch job', 'worker'],
  ['batch processing', 'worker'],
  ['ec2', 'vm'],
  ['instance', 'vm'],
  ['vm', 'vm'],
  ['virtual machine', 'vm'],
  ['server', 'vm'],
  ['machine', 'vm'],
  ['box', 'vm'],
  ['bastion', 'bastion'],
  ['bastion host', 'bastion'],
  ['jump host', 'bastion'],
  ['jump box', 'bastion'],
  ['jumpbox', 'bastion'],
  ['autoscaling group', 'asg'],
  ['auto scaling group', 'asg'],
  ['asg', 'asg'],
  ['fleet', 'asg'],
  ['autoscale', 'autoscale'],
  ['autoscaling', 'autoscale'],
  ['auto scale', 'autoscale'],
  ['auto scaling', 'autoscale'],
  ['scale', 'autoscale'],
  ['scaling', 'autoscale'],
  ['lambda', 'function'],
  ['function', 'function'],
  ['serverless', 'function'],
  ['faas', 'function'],
  // data
  ['database', 'db'],
  ['db', 'db'],
  ['rds', 'db'],
  ['sql', 'db'],
  ['relational database', 'db'],
  ['postgres', 'postgres'],
  ['postgresql', 'postgres'],
  ['pg', 'postgres'],
  ['psql', 'postgres'],
  ['pgsql', 'postgres'],
  ['mysql', 'mysql'],
  ['mariadb', 'mysql'],
  ['aurora', 'aurora'],
  ['cache', 'cache'],
  ['caching', 'cache'],
  ['elasticache', 'cache'],
  ['redis', 'redis'],
  ['valkey', 'redis'],
  ['memcached', 'memcached'],
  ['memcache', 'memcached'],
  ['bucket', 'bucket'],
  ['s3', 'bucket'],
  ['object storage', 'bucket'],
  ['blob storage', 'bucket'],
  ['storage', 'bucket'],
  ['static website', 'static-site'],
  ['static site', 'static-site'],
  ['static web', 'static-site'],
  ['static', 'static-site'],
  ['spa', 'static-site'],
  ['single page app', 'static-site'],
  ['website', 'website'],
  ['site', 'website'],
  ['cdn', 'cdn'],
  ['cloudfront', 'cdn'],
  ['content delivery network', 'cdn'],
  ['queue', 'queue'],
  ['sqs', 'queue'],
  ['message queue', 'queue'],
  ['dead letter queue', 'dlq'],
  ['dead letter', 'dlq'],
  ['deadletter', 'dlq'],
  ['dlq', 'dlq'],
  ['topic', 'topic'],
  ['sns', 'topic'],
  ['pub sub', 'topic'],
  ['pubsub', 'topic'],
  ['fan out', 'topic'],
  ['fanout', 'topic'],
  ['fanned out', 'topic'],
  ['broadcast', 'topic'],
  ['event', 'events'],
  ['dynamodb', 'table'],
  ['dynamo', 'table'],
  ['dynamo db', 'table'],
  ['nosql', 'table'],
  ['key value', 'table'],
  ['table', 'table'],
  ['opensearch', 'search'],
  ['elasticsearch', 'search'],
  ['elastic search', 'search'],
  ['search', 'search'],
  ['search cluster', 'search'],
  ['search domain', 'search'],
  ['opensearch domain', 'search'],
  ['elasticsearch domain', 'search'],
  ['full text search', 'search'],
  ['eks', 'kubernetes'],
  ['kubernetes', 'kubernetes'],
  ['k8s', 'kubernetes'],
  ['kube', 'kubernetes'],
  ['node group', 'node-group'],
  ['nodegroup', 'node-group'],
  ['managed node group', 'node-group'],
  ['ecr', 'registry'],
  ['container registry', 'registry'],
  ['docker registry', 'registry'],
  ['image registry', 'registry'],
  ['image repository', 'registry'],
  ['registry', 'registry'],
  ['ecr repo', 'registry'],
  ['ecr repository', 'registry'],
  ['repo', 'registry'],
  ['repository', 'registry'],
  ['image', 'image'],
  ['secrets manager', 'secret'],
  ['secret', 'secret'],
  ['credential', 'password'],
  ['password', 'password'],
  ['api key', 'password'],
  ['kms', 'kms'],
  ['kms key', 'kms'],
  ['cmk', 'customer-key'],
  ['customer managed', 'customer-key'],
  ['customer managed key', 'customer-key'],
  ['customer managed kms key', 'customer-key'],
  ['encryption key', 'kms'],
  // edge
  ['hosted zone', 'dns'],
  ['route53', 'dns'],
  ['route 53', 'dns'],
  ['dns', 'dns'],
  ['domain', 'dns'],
  ['record', 'record'],
  ['certificate', 'certificate'],
  ['cert', 'certificate'],
  ['ssl', 'certificate'],
  ['tls', 'certificate'],
  ['acm', 'certificate'],
  ['https', 'https'],
  ['waf', 'waf'],
  ['wafv2', 'waf'],
  ['web application firewall', 'waf'],
  ['firewall', 'waf'],
  ['managed rule', 'managed-rules'],
  ['managed rule set', 'managed-rules'],
  ['common rule set', 'managed-rules'],
  ['managed common rule set', 'managed-rules'],
  ['aws managed common rule set', 'managed-rules'],
  ['rule set', 'managed-rules'],
  ['owasp', 'managed-rules'],
  ['sql injection', 'managed-rules'],
  ['sqli', 'managed-rules'],
  ['bad input', 'managed-rules'],
  ['log4j', 'managed-rules'],
  ['bot', 'managed-rules'],
  ['bot control', 'managed-rules'],
  // operations
  ['monitoring', 'monitoring'],
  ['monitor', 'monitoring'],
  ['monitored', 'monitoring'],
  ['alarm', 'monitoring'],
  ['alert', 'monitoring'],
  ['alerting', 'monitoring'],
  ['observability', 'monitoring'],
  ['metric', 'monitoring'],
  ['notify', 'monitoring'],
  ['notification', 'monitoring'],
  ['page', 'monitoring'],
  ['cloudwatch', 'monitoring'],
  ['email', 'email-verb'],
  ['e mail', 'email-verb'],
  ['mail', 'email-verb'],
  ['cpu', 'metric:cpu'],
  ['cpu usage', 'metric:cpu'],
  ['cpu utilization', 'metric:cpu'],
  ['cpu utilisation', 'metric:cpu'],
  ['memory', 'metric:memory'],
  ['memory usage', 'metric:memory'],
  ['ram', 'metric:memory'],
  ['error', 'metric:errors'],
  ['error rate', 'metric:errors'],
  ['latency', 'metric:latency'],
  ['response time', 'metric:latency'],
  ['5xx', 'metric:5xx'],
  ['500s', 'metric:5xx'],
  ['disk', 'metric:storage'],
  ['disk space', 'metric:storage'],
  ['free storage', 'metric:storage'],
  ['log', 'logs'],
  ['logging', 'logs'],
  ['log group', 'logs'],
  ['cron', 'schedule'],
  ['cron job', 'schedule'],
  ['schedule', 'schedule'],
  ['scheduled', 'schedule'],
  ['scheduled job', 'schedule'],
  ['scheduled task', 'schedule'],
  ['nightly', 'schedule'],
  ['daily', 'schedule'],
  ['hourly', 'schedule'],
  ['weekly', 'schedule'],
  ['monthly', 'schedule'],
  ['audit trail', 'audit'],
  ['audit', 'audit'],
  ['audit log', 'audit'],
  ['cloudtrail', 'audit'],
  ['api call', 'audit'],
  ['kinesis', 'stream'],
  ['data stream', 'stream'],
  ['stream', 'stream'],
  ['streaming', 'stream'],
  ['clickstream', 'stream'],
  ['shard', 'stream'],
  ['efs', 'file-system'],
  ['file system', 'file-system'],
  ['filesystem', 'file-system'],
  ['nfs', 'file-system'],
  ['shared storage', 'file-system'],
  ['shared file system', 'file-system'],
  ['shared disk', 'file-system'],
  ['budget', 'budget'],
  ['cost alert', 'budget'],
  ['spend', 'budget'],
  ['spending', 'budget'],
  ['cost', 'budget'],
  ['cognito', 'identity'],
  ['user pool', 'identity'],
  ['identity', 'identity'],
  ['authentication', 'identity'],
  ['auth', 'identity'],
  ['login', 'identity'],
  ['log in', 'identity'],
  ['sign in', 'identity'],
  ['signin', 'identity'],
  ['user account', 'identity'],
  ['sign up', 'signup'],
  ['signup', 'signup'],
  ['register', 'signup'],
  ['registration', 'signup'],
  ['mfa', 'mfa'],
  ['2fa', 'mfa'],
  ['two factor', 'mfa'],
  ['multi factor', 'mfa'],
  ['step function', 'workflow'],
  ['state machine', 'workflow'],
  ['workflow', 'workflow'],
  ['orchestration', 'workflow'],
  ['pipeline', 'workflow'],
  // qualifiers
  ['highly available', 'ha'],
  ['high availability', 'ha'],
  ['ha', 'ha'],
  ['multi az', 'ha'],
  ['redundant', 'ha'],
  ['fault tolerant', 'ha'],
  ['resilient', 'ha'],
  ['failover', 'ha'],
  ['private', 'private'],
  ['internal', 'internal'],
  ['intranet', 'internal'],
  ['public', 'public'],
  ['internet facing', 'public'],
  ['publicly', 'public'],
  ['no public', 'no-public'],
  ['not public', 'no-public'],
  ['encrypted', 'encrypted'],
  ['encryption', 'encrypted'],
  ['encrypt', 'encrypted'],
  ['versioned', 'versioned'],
  ['versioning', 'versioned'],
  ['small', 'size:small'],
  ['tiny', 'size:small'],
  ['little', 'size:small'],
  ['cheap', 'size:small'],
  ['medium', 'size:medium'],
  ['large', 'size:large'],
  ['big', 'size:large'],
  ['general', 'general'],
  ['general purpose', 'general'],
  ['memory optimized', 'memory-optimized'],
  ['memory optimised', 'memory-optimized'],
  ['memory intensive', 'memory-optimized'],
  ['compute optimized', 'compute-optimized'],
  ['compute optimised', 'compute-optimized'],
  ['cpu optimized', 'compute-optimized'],
  ['gpu', 'gpu'],
  ['glacier', 'glacier'],
  ['deep archive', 'deep-archive'],
  ['infrequent access', 'infrequent-access'],
  ['intelligent tiering', 'intelligent-tiering'],
  ['scan', 'scan'],
  ['scanning', 'scan'],
  ['vulnerability scanning', 'scan'],
  ['vulnerability scan', 'scan'],
  ['scan on push', 'scan'],
  ['on push', 'scan'],
  ['immutable', 'immutable'],
  ['delete', 'expire'],
  ['expire', 'expire'],
  ['expiration', 'expire'],
  ['purge', 'expire'],
  ['move', 'transition'],
  ['transition', 'transition'],
  ['archive', 'transition'],
  ['archived', 'transition'],
  ['backup', 'backup'],
  ['backed up', 'backup'],
  ['snapshot', 'backup'],
  ['retention', 'backup'],
  ['fifo', 'fifo'],
  ['ordered', 'fifo'],
  ['ssh', 'ssh'],
  ['rdp', 'rdp'],
  ['vpn', 'vpn'],
  ['office', 'office'],
  ['python', 'python'],
  ['node', 'node'],
  ['nodejs', 'node'],
  ['js', 'node'],
  ['node js', 'node'],
  ['javascript', 'node'],
  ['typescript', 'node'],
  ['upload', 'uploads'],
  ['session', 'sessions'],
];

/** Words that carry no meaning of their own in a request; never reported as not understood. */
export const FILLER = new Set(
  (
    'a an the and or but with without for to of in on at by from into onto that which who whose this these those it its ' +
    'is are be been being was were will would should could can may might must need needs needed want wants wanted ' +
    'like please i we you our my me us your their they them some any all each also plus as so then than just only ' +
    'new set setup up create make build deploy provision run runs running give get gets have has having use using used ' +
    'add put spin stand let lets allow allows allowed there here where when what how both either via through behind ' +
    'front across over under between per etc simple basic standard typical default good proper managed secure securely ' +
    'something thing stuff infrastructure infra stack environment env resource resources service services ' +
    'serve served serving store stores storing stored save saves saving hold holds keep keeps kept keeping ' +
    'process processes processing processed handle handles handling job jobs item items data traffic request requests ' +
    'consumed consume consumes consuming published publish publishes publishing pointing point points reachable reach ' +
    'talk talks talking call calls calling connect connects connecting access accessible accessed read reads write writes ' +
    'engineer engineers developer developers team teams user users customer customers people person someone anyone ' +
    'application app apps system systems platform solution cluster clusters group groups node nodes replica replicas ' +
    'after before every once twice times time day days week weeks month months year years hour hours minute minutes ' +
    'second seconds night nights morning evening midnight noon utc gmt am pm at least most max maximum min minimum ' +
    'more less above below over under greater exceeds exceed exceeding higher lower stays stay remains remain goes ' +
    'when whenever if while failed failure failures attempt attempts retry retries try tries receive receives ' +
    'last latest only keep other another same one two three four five six seven eight nine ten eleven twelve single ' +
    'couple dozen few several many lot lots number amount size sized ip ips address addresses range ranges cidr ' +
    'port ports region regions aws amazon cloud terraform hcl code our whole entire across account accounts everything ' +
    'exposed expose internet world outside inside within also too very really fully highly well able enable enabled ' +
    'enables turn turned on off do does did done provide provides providing host hosted hosting support supports ' +
    'require requires required ensure make sure kind sort type types option options way ways rule rules protect ' +
    'protected protection protects secure safely safe reliable reliability durable scalable fast quick cheap cost-effective ' +
    'tier tiers layer layers part parts piece pieces component components instance instances message messages ' +
    'mobile ios android phone role roles policy policies able allowed permission permissions ready grade ' +
    'resolver resolvers handler handlers route routes endpoint endpoints enterprise triggered trigger triggers written subscription subscriptions subscribe reading receiving called named'
  ).split(/\s+/),
);

export interface LexiconEntry {
  words: string[];
  concept: Concept;
}

/** Phrases grouped by first word, longest first. */
export const LEXICON: Map<string, LexiconEntry[]> = (() => {
  const map = new Map<string, LexiconEntry[]>();
  for (const [phrase, concept] of PHRASES) {
    const words = phrase.split(' ');
    const list = map.get(words[0]) ?? [];
    list.push({ words, concept });
    map.set(words[0], list);
  }
  for (const list of map.values()) list.sort((a, b) => b.words.length - a.words.length);
  return map;
})();

/** Every word of every phrase: the candidates typo correction may choose from. */
export const VOCABULARY: string[] = [...new Set(PHRASES.flatMap(([p]) => p.split(' ')))].filter(
  (w) => w.length >= 5,
);

/** Region nicknames people use. */
export const REGION_NAMES: [RegExp, string][] = [
  [/\b(n\.?\s*)?virginia\b/, 'us-east-1'],
  [/\bohio\b/, 'us-east-2'],
  [/\b(n\.?\s*)?california\b/, 'us-west-1'],
  [/\boregon\b/, 'us-west-2'],
  [/\bireland\b|\bdublin\b/, 'eu-west-1'],
  [/\blondon\b/, 'eu-west-2'],
  [/\bparis\b/, 'eu-west-3'],
  [/\bfrankfurt\b/, 'eu-central-1'],
  [/\bzurich\b/, 'eu-central-2'],
  [/\bstockholm\b/, 'eu-north-1'],
  [/\bmilan\b/, 'eu-south-1'],
  [/\bspain\b|\bmadrid\b/, 'eu-south-2'],
  [/\btokyo\b/, 'ap-northeast-1'],
  [/\bseoul\b/, 'ap-northeast-2'],
  [/\bosaka\b/, 'ap-northeast-3'],
  [/\bsingapore\b/, 'ap-southeast-1'],
  [/\bsydney\b/, 'ap-southeast-2'],
  [/\bjakarta\b/, 'ap-southeast-3'],
  [/\bmelbourne\b/, 'ap-southeast-4'],
  [/\bmumbai\b/, 'ap-south-1'],
  [/\bhyderabad\b/, 'ap-south-2'],
  [/\bhong kong\b/, 'ap-east-1'],
  [/\bs[aã]o paulo\b|\bbrazil\b/, 'sa-east-1'],
  [/\bcanada\b|\bmontreal\b/, 'ca-central-1'],
  [/\bcalgary\b/, 'ca-west-1'],
  [/\bbahrain\b/, 'me-south-1'],
  [/\buae\b/, 'me-central-1'],
  [/\bcape town\b|\bsouth africa\b/, 'af-south-1'],
  [/\btel aviv\b|\bisrael\b/, 'il-central-1'],
  [/\bin europe\b|\beu region\b/, 'eu-west-1'],
];

export const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  a: 1,
  an: 1,
  single: 1,
  two: 2,
  couple: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
  hundred: 100,
  dozen: 12,
};
