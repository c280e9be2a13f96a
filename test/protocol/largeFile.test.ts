import assert from 'node:assert/strict';
import { DocumentSymbolRequest, HoverRequest, MessageType } from 'vscode-languageserver-protocol';
import { LspClient, positionOf } from './client';

const SMALL =
  'variable "region" {\n  type        = string\n  default     = "eu-west-1"\n  description = "Where to deploy."\n}\n\noutput "region" {\n  value = var.region\n}\n';

/** About `megabytes` MB of valid Terraform: resources that reference a variable and each other, so the model has work to do. */
function generate(megabytes: number): string {
  const parts = ['variable "ami" {\n  type = string\n}\n\n'];
  let size = parts[0].length;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const block =
      `resource "aws_instance" "web_${i}" {\n` +
      `  ami           = var.ami\n` +
      `  instance_type = "t3.micro"\n` +
      (i > 0 ? `  user_data     = aws_instance.web_${i - 1}.id\n` : '') +
      `  tags = {\n    Name  = "web-${i}"\n    Index = ${i}\n  }\n}\n\n`;
    parts.push(block);
    size += block.length;
  }
  return parts.join('');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

describe('protocol: large and unreadable files', function () {
  this.timeout(300_000);
  let client: LspClient | undefined;
  afterEach(() => client?.dispose());

  it('a ~10 MB document does not block requests for other files for more than ~1 s, and gets its diagnostics', async () => {
    client = await LspClient.start({ files: { 'small/main.tf': SMALL }, timeout: 30_000 });
    const small = await client.open('small/main.tf');
    await client.waitForDiagnostics(small, { version: 1 });
    const big = generate(10);
    const hoverAt = positionOf(SMALL, 'var.region', 5);

    const latencies: { sentAt: number; ms: number; method: string }[] = [];
    const inFlight: Promise<void>[] = [];
    const start = performance.now();
    let probing = true;
    let tick = 0;
    const timer = setInterval(() => {
      if (!probing) return;
      const sentAt = performance.now();
      const method = tick++ % 2 === 0 ? 'hover' : 'documentSymbol';
      const request =
        method === 'hover'
          ? client!
              .request(HoverRequest.type, { textDocument: { uri: small }, position: hoverAt }, 60_000)
              .then((h) => assert.ok(h))
          : client!
              .request(DocumentSymbolRequest.type, { textDocument: { uri: small } }, 60_000)
              .then((s) => assert.equal(s?.length, 2));
      inFlight.push(
        request.then(
          () => void latencies.push({ sentAt: sentAt - start, ms: performance.now() - sentAt, method }),
        ),
      );
    }, 50);

    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const openedAt = performance.now();
      const uri = await client.open('big/generated.tf', big, 1);
      const published = await client.waitForDiagnostics(uri, { version: 1, timeout: 240_000 });
      const diagnosticsAfter = performance.now() - openedAt;
      await new Promise((resolve) => setTimeout(resolve, 300));
      probing = false;
      clearInterval(timer);
      await Promise.all(inFlight);

      const sorted = latencies.map((l) => l.ms).sort((a, b) => a - b);
      const worst = [...latencies].sort((a, b) => b.ms - a.ms).slice(0, 5);
      console.log(
        `      ${(big.length / 1048576).toFixed(1)} MB opened; diagnostics (${published.diagnostics.length}) after ${diagnosticsAfter.toFixed(0)} ms; ` +
          `${latencies.length} probes: p50 ${percentile(sorted, 0.5).toFixed(0)} ms, p99 ${percentile(sorted, 0.99).toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`,
      );
      console.log(
        `      worst probes (sent at ms after start → latency): ${worst.map((w) => `${w.method}@${w.sentAt.toFixed(0)}→${w.ms.toFixed(0)}`).join(', ')}`,
      );
      assert.deepEqual(
        published.diagnostics.filter((d) => d.severity === 1),
        [],
      );
      assert.ok(client.alive);
      assert.ok(
        sorted[sorted.length - 1] <= 1500,
        `a request waited ${sorted[sorted.length - 1].toFixed(0)} ms while the big file was processed`,
      );
    } finally {
      probing = false;
      clearInterval(timer);
    }
  });

  it('skips binary and non-UTF-8 files with a "Skipping" log line naming them, and indexes the rest', async () => {
    const binary = new Uint8Array([
      0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x72, 0x65, 0x73,
    ]);
    const latin1 = Buffer.from('variable "caf\xe9" {\n  default = "d\xe9j\xe0 vu"\n}\n', 'latin1');
    client = await LspClient.start({
      files: {
        'main.tf': 'output "region" {\n  value = var.region\n}\n',
        'variables.tf': 'variable "region" {}\n',
        'modules/app/main.tf': 'resource "aws_s3_bucket" "b" {}\n',
        'blob.tf': binary,
        'legacy/latin1.tf': latin1,
      },
    });
    const indexed = await client.indexed;
    assert.equal(indexed.files, 3);
    const binaryLog = await client.waitForLog(
      (m) => /Skipping/.test(m.message) && m.message.includes('blob.tf'),
    );
    const latinLog = await client.waitForLog(
      (m) => /Skipping/.test(m.message) && m.message.includes('latin1.tf'),
    );
    assert.match(binaryLog.message, /binary/);
    assert.match(latinLog.message, /UTF-8/);
    assert.equal(binaryLog.type, MessageType.Warning);
    // Nothing is published for the skipped files; the others are analysed as usual.
    assert.equal(client.diagnostics.get(client.uri('blob.tf')), undefined);
    assert.equal(client.diagnostics.get(client.uri('legacy/latin1.tf')), undefined);
    const symbols = await client.request(DocumentSymbolRequest.type, {
      textDocument: { uri: client.uri('modules/app/main.tf') },
    });
    assert.equal(symbols?.length, 1);
    assert.equal(
      await client.request(HoverRequest.type, {
        textDocument: { uri: client.uri('blob.tf') },
        position: { line: 0, character: 1 },
      }),
      null,
    );
  });

  it('skips files above opsmith.index.maxFileSizeMB with a log line', async () => {
    client = await LspClient.start({
      files: { 'main.tf': 'variable "a" {}\n', 'huge.tf': generate(1.5) },
      settings: { index: { maxFileSizeMB: 1 } },
    });
    assert.equal((await client.indexed).files, 1);
    const log = await client.waitForLog((m) => /Skipping/.test(m.message) && m.message.includes('huge.tf'));
    assert.match(log.message, /maxFileSizeMB/);
  });
});
