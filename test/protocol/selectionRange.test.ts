import assert from 'node:assert/strict';
import { SelectionRangeRequest, type Range, type SelectionRange } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, rangeOf } from './client';

const chain = (selection: SelectionRange): Range[] => {
  const out: Range[] = [];
  for (let s: SelectionRange | undefined = selection; s; s = s.parent) out.push(s.range);
  return out;
};

const contains = (outer: Range, inner: Range) =>
  (outer.start.line < inner.start.line ||
    (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
  (outer.end.line > inner.end.line ||
    (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));

describe('protocol: textDocument/selectionRange', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ fixture: 'basic' })));
  after(() => client?.dispose());

  it('expands from a name to the reference, the attribute, the block body, the block and the file', async () => {
    const text = client.read('main.tf');
    const uri = await client.open('main.tf', text);
    const position = positionOf(text, 'var.instance_type', 8);
    const [selection] = (await client.request(SelectionRangeRequest.type, {
      textDocument: { uri },
      positions: [position],
    }))!;
    const ranges = chain(selection);
    assert.deepEqual(ranges[0], rangeOf(text, 'instance_type', 1));
    assert.ok(
      ranges.some((r) => JSON.stringify(r) === JSON.stringify(rangeOf(text, 'var.instance_type'))),
      'the whole reference',
    );
    assert.ok(
      ranges.some(
        (r) => JSON.stringify(r) === JSON.stringify(rangeOf(text, 'instance_type = var.instance_type')),
      ),
      'the attribute',
    );
    assert.ok(
      ranges.some((r) => r.start.line === 4 && r.start.character === 0 && r.end.line === 12),
      'the resource block',
    );
    for (let i = 1; i < ranges.length; i++)
      assert.ok(contains(ranges[i], ranges[i - 1]), `range ${i} contains range ${i - 1}`);
  });

  it('answers one selection per position, in order', async () => {
    const text = client.read('variables.tf');
    const uri = await client.open('variables.tf', text);
    const positions = [
      positionOf(text, 'string'),
      positionOf(text, '"eu-west-1"', 1),
      { line: 0, character: 0 },
    ];
    const selections = (await client.request(SelectionRangeRequest.type, {
      textDocument: { uri },
      positions,
    }))!;
    assert.equal(selections.length, 3);
    selections.forEach((s, i) =>
      assert.ok(contains(s.range, { start: positions[i], end: positions[i] }), `selection ${i}`),
    );
  });
});
