import type { GenerateModelReport } from '../../../shared/protocol';

/**
 * Progress lines on stderr (stdout stays the result): one line rewritten in place on a terminal, otherwise one
 * line per phase ("planning…", "validating…", "repairing 1/3…") without the streaming counts.
 */
export function progressToStderr(stream: NodeJS.WriteStream = process.stderr): (message: string) => void {
  let lastPhase = '';
  return (message) => {
    if (stream.isTTY) {
      stream.write(`\r${message.slice(0, 79).padEnd(79)}`);
      return;
    }
    const phase = message.replace(/\s*\([\d,]+ characters\)$/, '');
    if (phase === lastPhase) return;
    lastPhase = phase;
    stream.write(`opsmith: ${phase}\n`);
  };
}

/** Token usage per call and in total. */
export function usageLine(report: GenerateModelReport): string {
  const calls = report.calls
    .map((c, i) => `call ${i + 1} ${c.inputTokens} in / ${c.outputTokens} out`)
    .join(', ');
  return `opsmith: ${report.id} (${report.mode}, ${report.repairRounds} repair round(s)): ${calls}; total ${report.inputTokens} input / ${report.outputTokens} output tokens`;
}
