// Mocha (without --exit) waits for every handle to close, so a test that leaves a socket, child process or timer
// behind turns a green run into a hang that only CI's overall timeout ends, with no hint of the culprit. After the
// last test this waits a grace period with an unref'd timer: if the process is still alive by then, it names what
// is still open and exits with mocha's own exit code, so the run ends and the leak is reported.
const GRACE_MS = 15_000;

export const mochaHooks = {
  afterAll(): void {
    setTimeout(() => {
      const open = process.getActiveResourcesInfo().filter((kind) => kind !== 'TTYWrap');
      console.error(
        `[leak-guard] still running ${GRACE_MS / 1000} s after the last test; open handles: ${open.join(', ') || 'none'}`,
      );
      process.exit();
    }, GRACE_MS).unref();
  },
};
