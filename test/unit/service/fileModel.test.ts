import assert from 'node:assert/strict';
import { REFERENCE_QUERY } from '../../../server/src/service/model/extractReferences';
import { buildFileModel, buildFileModelSliced } from '../../../server/src/service/model/fileModel';
import { HclParser } from '../../../server/src/service/syntax/parser';
import { wasmFromNodeModules } from '../helpers/service';

describe('file model', () => {
  it('builds the same model in time slices as in one go', async () => {
    const parser = await HclParser.create(wasmFromNodeModules());
    const query = parser.query(REFERENCE_QUERY);
    let text = 'variable "ami" {}\nlocals {\n  n = [for s in var.list : s.id]\n}\n';
    for (let i = 0; i < 4000; i++) {
      text += `resource "aws_instance" "w${i}" {\n  ami = var.ami\n  subnet_id = aws_subnet.s${i % 7}.id\n  tags = { Name = "\${local.n}-${i}" }\n}\n`;
    }
    const tree = parser.parse(text);
    const whole = buildFileModel('file:///a.tf', tree, query);
    const sliced = await buildFileModelSliced('file:///a.tf', tree, query, () => false);
    assert.ok(sliced);
    const summary = (m: typeof whole) => ({
      declarations: m.declarations.map((d) => d.address),
      references: m.references.map((r) => `${r.address}@${r.range.start.line}:${r.range.start.character}`),
    });
    assert.equal(whole.references.length, 12001);
    assert.deepEqual(summary(sliced), summary(whole));
    assert.equal(await buildFileModelSliced('file:///a.tf', tree, query, () => true), undefined);
  });
});
