import type { TfDocument } from '../workspace/document';

const SKIP = /(?:#|\/\/)\s*checkov:skip=([A-Z0-9_]+)(?::[ \t]*([^\n\r]*))?/g;

/**
 * Documented exceptions written the way checkov reads them, as comments inside a resource:
 * `# checkov:skip=CKV_AWS_117: a scheduled cleanup needs no VPC access`. Only a skip with a reason counts, so an
 * exception always says why. Returns address → checkov id → reason.
 */
export function inlineSkips(doc: TfDocument): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const block of doc.model.blocks) {
    if ((block.type !== 'resource' && block.type !== 'data') || block.labels.length < 2) continue;
    const text = doc.text.slice(
      doc.lineIndex.offsetAt(block.range.start),
      doc.lineIndex.offsetAt(block.range.end),
    );
    const address = `${block.type === 'data' ? 'data.' : ''}${block.labels[0].text}.${block.labels[1].text}`;
    for (const match of text.matchAll(SKIP)) {
      const reason = match[2]?.trim();
      if (!reason) continue;
      let skips = out.get(address);
      if (!skips) out.set(address, (skips = new Map()));
      skips.set(match[1], reason);
    }
  }
  return out;
}
