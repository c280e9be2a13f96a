import assert from 'node:assert/strict';
import { graphWorkspace, node, STACK } from './fixtures';

const policyIds = (policies: { id: string }[] | undefined) => (policies ?? []).map((p) => p.id).sort();

describe('graph: policy findings', () => {
  it('attaches each finding to the resource it is about, with its severity and message', async () => {
    const graph = await (await graphWorkspace(STACK)).graph();
    const web = node(graph, 'aws_instance.web');
    assert.deepEqual(policyIds(web.policies), ['OPS-EC2-001', 'OPS-EC2-002']);
    assert.deepEqual(
      web.policies!.find((p) => p.id === 'OPS-EC2-001'),
      {
        id: 'OPS-EC2-001',
        severity: 'error',
        message:
          'Instance metadata requires IMDSv2 tokens [CKV_AWS_79]: aws_instance.web allows IMDSv1, whose credentials an SSRF bug can steal. Set metadata_options { http_tokens = "required" }.',
      },
    );
    // Findings inside a called module land on the module's node for that resource.
    assert.ok(node(graph, 'module.network.aws_vpc.main').policies?.length);
    // Data sources and module calls with nothing to report carry no policies at all.
    assert.equal(node(graph, 'data.aws_ami.ubuntu').policies, undefined);
    assert.equal(node(graph, 'module.network').policies, undefined);
  });

  it('drops findings waived with a reasoned checkov:skip comment, as the gate does', async () => {
    const files = {
      'main.tf': `resource "aws_instance" "web" {
  # checkov:skip=CKV_AWS_79: the AMI only supports IMDSv1
  ami = "ami-1"
}
`,
    };
    const graph = await (await graphWorkspace(files)).graph();
    assert.deepEqual(policyIds(node(graph, 'aws_instance.web').policies), ['OPS-EC2-002']);
  });

  it('fixing the code removes the finding on the next graph', async () => {
    const ws = await graphWorkspace({ 'main.tf': 'resource "aws_instance" "web" {\n  ami = "ami-1"\n}\n' });
    const uri = 'file:///ws/main.tf';
    assert.deepEqual(policyIds(node(await ws.graph(), 'aws_instance.web').policies), [
      'OPS-EC2-001',
      'OPS-EC2-002',
    ]);
    await ws.service.openDocument(
      uri,
      2,
      `resource "aws_instance" "web" {
  ami = "ami-1"
  metadata_options {
    http_tokens = "required"
  }
  root_block_device {
    encrypted = true
  }
}
`,
    );
    assert.equal(node(await ws.graph(), 'aws_instance.web').policies, undefined);
  });
});
