import assert from 'node:assert/strict';
import type { DocumentSymbol, SelectionRange } from 'vscode-languageserver-types';
import { neverCancelled } from '../../../server/src/service/features/cancellation';
import { serviceWith, uri } from '../helpers/service';

const text = [
  '# Network', //0
  '# for the app', //1
  'resource "aws_vpc" "main" {', //2
  '  cidr_block = "10.0.0.0/16"', //3
  '  tags = {', //4
  '    Name = "main"', //5
  '  }', //6
  '  lifecycle {', //7
  '    prevent_destroy = true', //8
  '  }', //9
  '}', //10
  '/* a', //11
  '   block comment */', //12
  'locals {', //13
  '  script = <<-EOT', //14
  '    echo hi', //15
  '  EOT', //16
  '}', //17
  '',
].join('\n');

describe('document structure', () => {
  it('outlines blocks with their attributes and nested blocks', async () => {
    const service = await serviceWith({ 'main.tf': text });
    const symbols = service.documentSymbols(uri('main.tf'));
    const shape = (s: DocumentSymbol): unknown => ({
      name: s.name,
      kind: s.kind,
      children: s.children?.map(shape),
    });
    assert.deepEqual(symbols.map(shape), [
      {
        name: 'resource aws_vpc.main',
        kind: 5,
        children: [
          { name: 'cidr_block', kind: 7, children: undefined },
          { name: 'tags', kind: 7, children: undefined },
          {
            name: 'lifecycle',
            kind: 19,
            children: [{ name: 'prevent_destroy', kind: 7, children: undefined }],
          },
        ],
      },
      { name: 'locals', kind: 3, children: [{ name: 'script', kind: 13, children: undefined }] },
    ]);
    assert.deepEqual(symbols[0].selectionRange, {
      start: { line: 2, character: 19 },
      end: { line: 2, character: 25 },
    });
  });

  it('finds declarations across the workspace by fuzzy query', async () => {
    const service = await serviceWith({ 'a/main.tf': text, 'b/main.tf': 'variable "vpc_cidr" {}\n' });
    const names = service.workspaceSymbols('vpcm', neverCancelled).map((s) => s.name);
    assert.deepEqual(names, ['aws_vpc.main']);
    assert.deepEqual(
      service.workspaceSymbols('cidr', neverCancelled).map((s) => s.name),
      ['var.vpc_cidr'],
    );
  });

  it('folds blocks, objects, heredocs and comment runs', async () => {
    const service = await serviceWith({ 'main.tf': text });
    const folds = service
      .foldingRanges(uri('main.tf'))
      .map((f) => `${f.startLine}-${f.endLine}${f.kind ? ` ${f.kind}` : ''}`);
    assert.deepEqual(
      folds.sort(),
      ['0-1 comment', '11-12 comment', '13-16', '14-16', '2-9', '4-5', '7-8'].sort(),
    );
  });

  it('expands the selection from a name outwards through the tree', async () => {
    const service = await serviceWith({ 'main.tf': text });
    const [selection] = service.selectionRanges(uri('main.tf'), [{ line: 5, character: 6 }]);
    const chain: string[] = [];
    for (let s: SelectionRange | undefined = selection; s; s = s.parent)
      chain.push(
        `${s.range.start.line}:${s.range.start.character}-${s.range.end.line}:${s.range.end.character}`,
      );
    assert.equal(chain[0], '5:4-5:8');
    assert.ok(chain.includes('4:2-6:3'), `the tags attribute is in the chain: ${chain}`);
    assert.ok(chain.includes('2:0-10:1'), 'the resource block is in the chain');
    for (let i = 1; i < chain.length; i++) assert.notEqual(chain[i], chain[i - 1]);
  });
});
