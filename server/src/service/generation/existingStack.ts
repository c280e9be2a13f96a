import type { ExistingStack } from '../generate/plan';
import type { TfDocument } from '../workspace/document';
import { baseName } from '../workspace/uris';

/** What a folder already declares, read from the index, so generation reuses it and never collides with it. */
export function existingStackOf(docs: readonly TfDocument[]): ExistingStack {
  const stack: ExistingStack = {
    files: [],
    resources: [],
    dataSources: [],
    variables: [],
    outputs: [],
    locals: [],
    providers: [],
    requiredProviders: [],
    hasRequiredVersion: false,
  };
  for (const doc of docs) {
    stack.files.push(baseName(doc.uri));
    if (doc.languageId !== 'terraform') continue;
    for (const block of doc.model.blocks) {
      const [first, second] = block.labels.map((l) => l.text);
      const attributes = Object.fromEntries(block.attributes.map((a) => [a.name, a.valueText]));
      switch (block.type) {
        case 'resource':
          if (first && second) stack.resources.push({ type: first, name: second, attributes });
          break;
        case 'data':
          if (first && second) stack.dataSources!.push({ type: first, name: second, attributes });
          break;
        case 'variable':
          if (first) stack.variables.push(first);
          break;
        case 'output':
          if (first) stack.outputs.push(first);
          break;
        case 'locals':
          stack.locals!.push(...block.attributes.map((a) => a.name));
          break;
        case 'provider': {
          const alias = block.attributes
            .find((a) => a.name === 'alias')
            ?.valueText.replace(/"/g, '')
            .trim();
          if (first) stack.providers!.push(alias ? `${first}.${alias}` : first);
          break;
        }
        case 'terraform':
          if (block.attributes.some((a) => a.name === 'required_version')) stack.hasRequiredVersion = true;
          for (const required of block.blocks.filter((b) => b.type === 'required_providers')) {
            stack.requiredProviders!.push(...required.attributes.map((a) => a.name));
          }
          break;
      }
    }
  }
  return stack;
}
