import type { Declaration, Reference } from '../model/types';
import type { TfDocument } from './document';

export interface ResolvedReference {
  reference: Reference;
  uri: string;
}

/** The merged view of one module directory: what is declared where, and who refers to it. */
export class ModuleIndex {
  readonly declarations = new Map<string, Declaration[]>();
  readonly referencesByAddress = new Map<string, ResolvedReference[]>();
  readonly references: ResolvedReference[] = [];

  constructor(
    readonly dir: string,
    readonly documents: TfDocument[],
  ) {
    for (const doc of documents) {
      if (doc.languageId !== 'terraform') continue;
      for (const declaration of doc.model.declarations) {
        const list = this.declarations.get(declaration.address);
        if (list) list.push(declaration);
        else this.declarations.set(declaration.address, [declaration]);
      }
      for (const reference of doc.model.references) {
        const resolved = { reference, uri: doc.uri };
        this.references.push(resolved);
        if (!reference.address) continue;
        const list = this.referencesByAddress.get(reference.address);
        if (list) list.push(resolved);
        else this.referencesByAddress.set(reference.address, [resolved]);
      }
    }
  }

  declaration(address: string): Declaration | undefined {
    return this.declarations.get(address)?.[0];
  }

  /** Module calls in this directory, with the `source` they use. */
  moduleCalls(): { declaration: Declaration; source?: string }[] {
    const calls: { declaration: Declaration; source?: string }[] = [];
    for (const [address, list] of this.declarations) {
      if (!address.startsWith('module.')) continue;
      const declaration = list[0];
      const source = declaration.block?.attributes.find((a) => a.name === 'source')?.valueText;
      calls.push({ declaration, source: source ? unquote(source) : undefined });
    }
    return calls;
  }
}

export function unquote(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}
