import type { TfDocument } from '../workspace/document';
import { baseName } from '../workspace/uris';

/**
 * A compact description of a target folder for a model: what it declares, with a few attributes each, and which
 * provider versions it pins. Everything in it is text from the user's files — data, never instructions — and is
 * sent as such (see prompts.ts).
 */
export interface WorkspaceSummary {
  files: string[];
  resources: { address: string; attributes: Record<string, string> }[];
  dataSources: { address: string; attributes: Record<string, string> }[];
  variables: { name: string; type?: string; default?: string; description?: string }[];
  outputs: string[];
  locals: string[];
  providers: { name: string; source?: string; constraint?: string; locked?: string }[];
  /** Declarations left out to keep the summary small. */
  omitted?: { resources: number; dataSources: number };
}

const MAX_BLOCKS = 150;
const MAX_ATTRIBUTES = 8;
const MAX_VALUE = 200;

const clip = (text: string) => (text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text);
const unquote = (text: string) => text.trim().replace(/^"(.*)"$/s, '$1');

function attributesOf(block: TfDocument['model']['blocks'][number]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of block.attributes.slice(0, MAX_ATTRIBUTES)) out[a.name] = clip(a.valueText);
  return out;
}

export function summarizeWorkspace(docs: readonly TfDocument[]): WorkspaceSummary {
  const summary: WorkspaceSummary = {
    files: [],
    resources: [],
    dataSources: [],
    variables: [],
    outputs: [],
    locals: [],
    providers: [],
  };
  const providers = new Map<string, WorkspaceSummary['providers'][number]>();
  const provider = (name: string) => {
    let entry = providers.get(name);
    if (!entry) providers.set(name, (entry = { name }));
    return entry;
  };
  let resources = 0;
  let dataSources = 0;
  for (const doc of docs) {
    summary.files.push(baseName(doc.uri));
    if (doc.languageId === 'terraform-lock') {
      for (const block of doc.model.blocks) {
        const source = block.labels[0]?.text.replace(/^registry\.terraform\.io\//, '');
        const version = block.attributes.find((a) => a.name === 'version');
        if (block.type === 'provider' && source && version) {
          const name = source.split('/').pop()!;
          Object.assign(provider(name), {
            source: provider(name).source ?? source,
            locked: unquote(version.valueText),
          });
        }
      }
      continue;
    }
    if (doc.languageId !== 'terraform') continue;
    for (const block of doc.model.blocks) {
      const [first, second] = block.labels.map((l) => l.text);
      switch (block.type) {
        case 'resource':
          if (first && second && ++resources <= MAX_BLOCKS)
            summary.resources.push({ address: `${first}.${second}`, attributes: attributesOf(block) });
          break;
        case 'data':
          if (first && second && ++dataSources <= MAX_BLOCKS)
            summary.dataSources.push({ address: `data.${first}.${second}`, attributes: attributesOf(block) });
          break;
        case 'variable': {
          if (!first) break;
          const get = (name: string) => {
            const a = block.attributes.find((x) => x.name === name);
            return a ? clip(a.valueText) : undefined;
          };
          summary.variables.push({
            name: first,
            type: get('type'),
            default: get('default'),
            description: get('description'),
          });
          break;
        }
        case 'output':
          if (first) summary.outputs.push(first);
          break;
        case 'locals':
          summary.locals.push(...block.attributes.map((a) => a.name));
          break;
        case 'terraform':
          for (const required of block.blocks.filter((b) => b.type === 'required_providers')) {
            for (const a of required.attributes) {
              const entry = provider(a.name);
              entry.source = /source\s*=\s*"([^"]*)"/.exec(a.valueText)?.[1] ?? entry.source;
              entry.constraint = /version\s*=\s*"([^"]*)"/.exec(a.valueText)?.[1] ?? entry.constraint;
            }
          }
          break;
      }
    }
  }
  summary.providers = [...providers.values()];
  if (resources > MAX_BLOCKS || dataSources > MAX_BLOCKS)
    summary.omitted = {
      resources: Math.max(0, resources - MAX_BLOCKS),
      dataSources: Math.max(0, dataSources - MAX_BLOCKS),
    };
  return summary;
}
