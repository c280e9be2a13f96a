import type { StackResult } from '../service/generation/generateStack';

/** The human-readable CLI output: what was made, what was not understood, and every gate stage. */
export function formatReport(
  request: string,
  result: StackResult,
  options: { printFiles: boolean; written: string[] },
): string {
  const lines: string[] = [`Request: ${request}`, ''];
  if (options.printFiles) {
    for (const file of result.files) lines.push(`# ---- ${file.path} ----`, file.content.trimEnd(), '');
  }
  if (result.model)
    lines.push(
      `Made by: ${result.model.id} (${result.model.mode} mode, ${result.model.repairRounds} repair round(s))`,
    );
  lines.push(`Files (${result.files.length}): ${result.files.map((f) => f.path).join(', ')}`);
  lines.push(`Resources (${result.resources.length}): ${result.resources.join(', ')}`);
  if (result.notUnderstood.length) lines.push(`Not understood: ${result.notUnderstood.join('; ')}`);
  lines.push(
    '',
    `Gate: ${result.gate.passed ? 'PASSED' : 'FAILED'} in ${result.gate.durationMs.toFixed(0)} ms`,
  );
  for (const stage of result.gate.stages) {
    lines.push(`  ${stage.passed ? 'ok  ' : 'FAIL'} ${stage.name}`);
    for (const f of stage.findings.slice(0, 20))
      lines.push(`       ${f.file}:${f.line}:${f.column} ${f.message} [${f.code}]`);
    if (stage.findings.length > 20) lines.push(`       … and ${stage.findings.length - 20} more`);
  }
  if (options.written.length)
    lines.push('', `Wrote ${options.written.length} file(s):`, ...options.written.map((w) => `  ${w}`));
  else if (!result.gate.passed) lines.push('', 'Nothing was written: the result did not pass the gate.');
  return `${lines.join('\n')}\n`;
}
