import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { LiveResource } from '../../../server/src/service/cloud/snapshot';
import { driftCodeActions } from '../../../server/src/service/drift/codeActions';
import { formatHcl } from '../../../server/src/service/format/formatter';
import { applyEdits } from '../helpers/edits';
import { snapshot, stateV4, workspace } from './fixtures';

const REGION = 'eu-west-1';
const STATE = stateV4([{ type: 'aws_instance', name: 'web', instances: [{ attributes: { id: 'i-0abc' } }] }]);
const live = (attributes: Record<string, unknown>): LiveResource => ({
  type: 'aws_instance',
  id: 'i-0abc',
  region: REGION,
  attributes,
});

async function actionsFor(text: string, attributes: Record<string, unknown>, state = STATE) {
  const ws = await workspace({ 'main.tf': text });
  const diagnostics = ws.diagnostics(snapshot([live(attributes)]), state);
  return { diagnostics, actions: (d: Diagnostic) => driftCodeActions(ws.doc, [d]) };
}

function applied(text: string, action: CodeAction | undefined): string {
  assert.ok(action?.edit?.changes, `no edit in ${JSON.stringify(action)}`);
  const result = applyEdits(text, Object.values(action.edit.changes)[0]);
  assert.equal(formatHcl(result), result, 'the result is fmt-clean');
  return result;
}
const titled = (actions: CodeAction[], prefix: string) => actions.find((a) => a.title.startsWith(prefix));

const WEB = `resource "aws_instance" "web" {
  ami           = "ami-0abc"
  instance_type = "t3.micro"

  tags = {
    Name = "web"
    Env  = "dev"
  }
}
`;

describe('drift code actions', () => {
  it('Adopt live value / Revert to code / Ignore for a drifted string', async () => {
    const { diagnostics, actions } = await actionsFor(WEB, { ami: 'ami-0abc', instance_type: 't3.large' });
    assert.equal(diagnostics.length, 1);
    const list = actions(diagnostics[0]);
    assert.deepEqual(
      list.map((a) => a.title),
      ['Adopt live value', 'Revert to code', 'Ignore changes to instance_type'],
    );
    assert.equal(applied(WEB, list[0]), WEB.replace('"t3.micro"', '"t3.large"'));
    assert.deepEqual(list[1].command, {
      title: 'Revert to code',
      command: 'opsmith.revertDrift',
      arguments: [
        {
          address: 'aws_instance.web',
          commands: ['terraform plan -target=aws_instance.web', 'terraform apply -target=aws_instance.web'],
        },
      ],
    });
    assert.equal(list[1].edit, undefined, 'revert never edits, and never runs anything itself');
    assert.equal(
      applied(WEB, list[2]),
      `resource "aws_instance" "web" {
  ami           = "ami-0abc"
  instance_type = "t3.micro"

  tags = {
    Name = "web"
    Env  = "dev"
  }

  lifecycle {
    ignore_changes = [instance_type]
  }
}
`,
    );
  });

  it('adopting a tag value, and removing a tag the live resource lacks', async () => {
    const { diagnostics, actions } = await actionsFor(WEB, { tags_all: { Name: 'web', Env: 'production' } });
    assert.equal(
      applied(WEB, titled(actions(diagnostics[0]), 'Adopt')),
      WEB.replace('Env  = "dev"', 'Env  = "production"'),
    );
    assert.equal(titled(actions(diagnostics[0]), 'Ignore')?.title, 'Ignore changes to tags["Env"]');
    const gone = await actionsFor(WEB, { tags_all: { Name: 'web' } });
    assert.equal(
      applied(WEB, titled(gone.actions(gone.diagnostics[0]), 'Adopt')),
      WEB.replace('    Env  = "dev"\n', '').replace('Name = "web"', 'Name = "web"'),
    );
  });

  it('adopting a value that changes alignment: strings with quotes and interpolation are escaped, maps laid out and aligned', async () => {
    const text = `resource "aws_instance" "web" {
  user_data = "hello"
  ami       = "ami-1"
  labels    = { a = "1" }
}
`;
    const { diagnostics, actions } = await actionsFor(text, {
      user_data: 'echo "${HOME}"\nexit 0',
      ami: 'ami-1',
      labels: { team: 'core', 'cost-center': '42' },
    });
    assert.equal(diagnostics.length, 2);
    let result = applied(text, titled(actions(diagnostics[0]), 'Adopt'));
    assert.equal(result, text.replace('"hello"', '"echo \\"$${HOME}\\"\\nexit 0"'));
    result = applied(text, titled(actions(diagnostics[1]), 'Adopt'));
    assert.equal(
      result,
      `resource "aws_instance" "web" {
  user_data = "hello"
  ami       = "ami-1"
  labels = {
    team        = "core"
    cost-center = "42"
  }
}
`,
    );
  });

  it('adopting a list and a number', async () => {
    const text = `resource "aws_instance" "web" {
  vpc_security_group_ids = ["sg-1"]
  cpu_core_count         = 2
}
`;
    const { diagnostics, actions } = await actionsFor(text, {
      vpc_security_group_ids: ['sg-1', 'sg-2'],
      cpu_core_count: '4',
    });
    assert.equal(
      applied(text, titled(actions(diagnostics[0]), 'Adopt')),
      text.replace('["sg-1"]', '["sg-1", "sg-2"]'),
    );
    assert.equal(applied(text, titled(actions(diagnostics[1]), 'Adopt')), text.replace('= 2', '= 4'));
  });

  it('a nested block attribute: adopt in place, ignore as block[0].attribute, extending an existing ignore_changes list', async () => {
    const text = `resource "aws_instance" "web" {
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }

  lifecycle {
    create_before_destroy = true
    ignore_changes        = [ami]
  }
}
`;
    const { diagnostics, actions } = await actionsFor(text, {
      metadata_options: [{ http_tokens: 'optional' }],
    });
    assert.equal(
      applied(text, titled(actions(diagnostics[0]), 'Adopt')),
      text.replace('"required"', '"optional"'),
    );
    assert.equal(
      applied(text, titled(actions(diagnostics[0]), 'Ignore')),
      text.replace('[ami]', '[ami, metadata_options[0].http_tokens]'),
    );
  });

  it('ignore: a multi-line list gets a new line; a lifecycle without ignore_changes gets one, aligned', async () => {
    const multi = `resource "aws_instance" "web" {
  instance_type = "t3.micro"

  lifecycle {
    ignore_changes = [
      ami,
    ]
  }
}
`;
    const a = await actionsFor(multi, { instance_type: 't3.large' });
    assert.equal(
      applied(multi, titled(a.actions(a.diagnostics[0]), 'Ignore')),
      multi.replace('      ami,\n', '      ami,\n      instance_type,\n'),
    );
    const bare = `resource "aws_instance" "web" {
  instance_type = "t3.micro"

  lifecycle {
    prevent_destroy = true
  }
}
`;
    const b = await actionsFor(bare, { instance_type: 't3.large' });
    assert.equal(
      applied(bare, titled(b.actions(b.diagnostics[0]), 'Ignore')),
      bare.replace(
        '    prevent_destroy = true\n',
        '    ignore_changes  = [instance_type]\n    prevent_destroy = true\n',
      ),
    );
  });

  it('adopting a JSON policy keeps jsonencode, or the heredoc', async () => {
    const encoded = `resource "aws_instance" "web" {
  policy = jsonencode({
    Version = "2012-10-17"
  })
}
`;
    const a = await actionsFor(encoded, {
      policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}',
    });
    assert.equal(
      applied(encoded, titled(a.actions(a.diagnostics[0]), 'Adopt')),
      `resource "aws_instance" "web" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Deny"
        Action   = "s3:*"
        Resource = "*"
      },
    ]
  })
}
`,
    );
    const heredoc = `resource "aws_instance" "web" {
  policy = <<EOF
{"Version": "2012-10-17"}
EOF
}
`;
    const b = await actionsFor(heredoc, {
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] },
    });
    assert.equal(
      applied(heredoc, titled(b.actions(b.diagnostics[0]), 'Adopt')),
      `resource "aws_instance" "web" {
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny",
      "Action": "s3:*",
      "Resource": "*"
    }
  ]
}
EOF
}
`,
    );
  });

  it('Revert for an indexed instance quotes the target for the shell; a missing resource only offers Revert', async () => {
    const text = `resource "aws_instance" "web" {\n  for_each      = toset(["a"])\n  instance_type = "t3.micro"\n}\n`;
    const state = stateV4([
      { type: 'aws_instance', name: 'web', instances: [{ index_key: 'a', attributes: { id: 'i-0abc' } }] },
    ]);
    const { diagnostics, actions } = await actionsFor(text, { instance_type: 't3.large' }, state);
    assert.deepEqual(titled(actions(diagnostics[0]), 'Revert')?.command?.arguments, [
      {
        address: 'aws_instance.web["a"]',
        commands: [
          `terraform plan '-target=aws_instance.web["a"]'`,
          `terraform apply '-target=aws_instance.web["a"]'`,
        ],
      },
    ]);
    const ws = await workspace({ 'main.tf': text });
    const gone = ws.diagnostics(
      snapshot([], [{ type: 'aws_instance', region: REGION, state: 'ok', count: 0, durationMs: 1 }]),
      state,
    );
    assert.deepEqual(
      driftCodeActions(ws.doc, gone).map((a) => a.title),
      ['Revert to code'],
    );
  });
});
