// A command ends with the process that started it. `npm run execute` runs npm → sh → node;
// a SIGTERM to npm reaches the shell, which dies without passing it on, and the command
// would go on running (and write its notebook) with nobody waiting for it. So a command that
// starts kernels watches its parent: once the parent is gone (the command was re-parented,
// so its parent pid changed), it sends itself SIGHUP — the signal of a lost terminal — and
// its SIGHUP handling (kernel-process.ts ends every kernel) or the default action ends it.

/** Starts watching (every `intervalMs`, without keeping the process alive); returns the stop function. */
export function endWithParent(intervalMs = 250, onGone = () => void process.kill(process.pid, "SIGHUP")): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
