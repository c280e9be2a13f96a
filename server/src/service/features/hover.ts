import type { Hover, Position } from 'vscode-languageserver-types';
import type { Declaration } from '../model/types';
import type { TfDocument } from '../workspace/document';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { baseName } from '../workspace/uris';
import { crossModuleTarget } from './crossModule';
import { symbolAt } from './symbolAt';

/** Hover on a reference (or a declaration's name) shows what it points at. */
export function hover(index: WorkspaceIndex, doc: TfDocument, position: Position): Hover | null {
  const cross = crossModuleTarget(index, doc, position);
  if (cross) return { contents: { kind: 'markdown', value: describeDeclaration(cross) } };
  const symbol = symbolAt(doc, position);
  if (!symbol) return null;
  if (symbol.kind === 'declaration')
    return {
      contents: { kind: 'markdown', value: describeDeclaration(symbol.declaration) },
      range: symbol.range,
    };
  const declaration = index.moduleOf(doc.uri).declaration(symbol.address);
  if (!declaration) {
    return {
      contents: { kind: 'markdown', value: `\`${symbol.address}\` is not declared in this module` },
      range: symbol.range,
    };
  }
  return { contents: { kind: 'markdown', value: describeDeclaration(declaration) }, range: symbol.range };
}

function attribute(declaration: Declaration, name: string): string | undefined {
  return declaration.block?.attributes.find((a) => a.name === name)?.valueText;
}

function unquoteString(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const t = text.trim();
  return t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/\\"/g, '"') : t;
}

function fence(code: string): string {
  return '```terraform\n' + code + '\n```';
}

export function describeDeclaration(declaration: Declaration): string {
  const where = `*${baseName(declaration.uri)}:${declaration.nameRange.start.line + 1}*`;
  switch (declaration.kind) {
    case 'variable': {
      const lines = [fence(`variable "${declaration.name}"`)];
      const type = attribute(declaration, 'type');
      const def = attribute(declaration, 'default');
      const description = unquoteString(attribute(declaration, 'description'));
      if (description) lines.push(description);
      lines.push(`**Type:** \`${type?.trim() ?? 'any'}\``);
      lines.push(def !== undefined ? `**Default:** \`${truncate(def.trim())}\`` : '**Required:** no default');
      if (attribute(declaration, 'sensitive')?.trim() === 'true') lines.push('**Sensitive**');
      lines.push(where);
      return lines.join('\n\n');
    }
    case 'local':
      return [
        fence(`local.${declaration.name} = ${truncate(declaration.attribute?.valueText ?? '')}`),
        where,
      ].join('\n\n');
    case 'output': {
      const description = unquoteString(attribute(declaration, 'description'));
      return [
        fence(`output "${declaration.name}"`),
        description,
        `**Value:** \`${truncate(attribute(declaration, 'value')?.trim() ?? '')}\``,
        where,
      ]
        .filter(Boolean)
        .join('\n\n');
    }
    case 'module': {
      const source = unquoteString(attribute(declaration, 'source'));
      const version = unquoteString(attribute(declaration, 'version'));
      return [
        fence(`module "${declaration.name}"`),
        source && `**Source:** \`${source}\``,
        version && `**Version:** \`${version}\``,
        where,
      ]
        .filter(Boolean)
        .join('\n\n');
    }
    default: {
      const labels = declaration.block?.labels.map((l) => `"${l.text}"`).join(' ') ?? '';
      const keys = (declaration.block?.attributes ?? [])
        .filter((a) => a.singleLine)
        .slice(0, 6)
        .map((a) => `  ${a.name} = ${truncate(a.valueText)}`);
      return [
        fence(
          `${declaration.block?.type ?? declaration.kind} ${labels} {\n${keys.join('\n')}${keys.length ? '\n' : ''}}`,
        ),
        where,
      ].join('\n\n');
    }
  }
}

function truncate(text: string, max = 120): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
