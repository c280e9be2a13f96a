// renderPlan: an architecture plan (plus what the target folder already holds) → formatted Terraform files.
import { formatHcl } from '../../format/formatter';
import type { ArchitecturePlan, Component, ComponentKind, ExistingStack } from '../plan';
import { RenderContext } from './context';
import { renderAutoScalingGroup, renderContainerService, renderLoadBalancer, renderVm } from './compute';
import {
  renderCache,
  renderDatabase,
  renderFileSystem,
  renderSearch,
  renderStream,
  renderTable,
} from './data';
import { certificateFor, renderDns, renderStaticSite, renderWaf } from './edge';
import { printFile } from './hcl';
import { renderQueue, renderTopic } from './messaging';
import { renderNetwork } from './network';
import {
  renderAuditTrail,
  renderBudget,
  renderIdentity,
  renderKms,
  renderKubernetes,
  renderLogs,
  renderMonitoring,
  renderSecret,
} from './ops';
import { renderApiGateway, renderFunction, renderScheduledJob, renderWorkflow } from './serverless';
import { renderBucket, renderRegistry } from './storage';

export interface RenderedFile {
  /** Path relative to the target folder. */
  path: string;
  content: string;
}

export interface RenderResult {
  files: RenderedFile[];
  /** Addresses of the resources the files declare (`aws_vpc.main`). */
  resources: string[];
}

type Renderer = (ctx: RenderContext, c: never) => void;

const RENDERERS: Record<ComponentKind, Renderer> = {
  network: renderNetwork,
  kms: renderKms,
  secret: renderSecret,
  database: renderDatabase,
  cache: renderCache,
  table: renderTable,
  search: renderSearch,
  stream: renderStream,
  fileSystem: renderFileSystem,
  bucket: renderBucket,
  registry: renderRegistry,
  queue: renderQueue,
  topic: renderTopic,
  identity: renderIdentity,
  loadBalancer: renderLoadBalancer,
  containerService: renderContainerService,
  vm: renderVm,
  autoScalingGroup: renderAutoScalingGroup,
  kubernetes: renderKubernetes,
  function: renderFunction,
  apiGateway: renderApiGateway,
  scheduledJob: renderScheduledJob,
  workflow: renderWorkflow,
  staticSite: renderStaticSite,
  waf: renderWaf,
  certificate: () => undefined,
  dns: renderDns,
  logs: renderLogs,
  auditTrail: renderAuditTrail,
  budget: renderBudget,
  monitoring: renderMonitoring,
};

/** Rendering order: what others depend on first (the renderers also pull dependencies in on demand). */
const ORDER: ComponentKind[] = Object.keys(RENDERERS) as ComponentKind[];

/** Renders a plan to Terraform files, formatted exactly as terraform fmt would. */
export function renderPlan(plan: ArchitecturePlan, existing?: ExistingStack): RenderResult {
  // Work on a copy: rendering may add implied components (the network) and adjust flags.
  const copy = JSON.parse(JSON.stringify(plan)) as ArchitecturePlan;
  const ctx = new RenderContext(copy, existing);
  const render = (c: Component) => {
    if (!ctx.begin(c.id)) return;
    if (c.kind === 'certificate') return;
    (RENDERERS[c.kind] as (ctx: RenderContext, c: Component) => void)(ctx, c);
  };
  ctx.renderComponent = (id) => {
    const c = ctx.byId(id);
    if (c) render(c);
  };
  if (copy.components.length === 0) return { files: [], resources: [] };
  const ordered = [...copy.components].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  for (const c of ordered) render(c);
  // A certificate on its own (no load balancer or site uses it): a DNS-validated ACM certificate.
  for (const cert of ctx.components('certificate')) {
    if (
      !ctx.components('loadBalancer').some((l) => l.domain === cert.domain) &&
      !ctx.components('staticSite').some((s) => s.domain === cert.domain)
    ) {
      const arn = certificateFor(ctx, 'certificate', cert.domain, cert.id);
      ctx.output(`${cert.id}_certificate_arn`, arn, `ARN of the ${cert.domain} certificate.`);
    }
  }
  const files = ctx.finish().map(({ path, blocks }) => ({ path, content: formatHcl(printFile(blocks)) }));
  return { files, resources: [...ctx.addresses] };
}
