// Preloaded into every kernel the runner starts (`node --require <this file> tslab kernel …`):
// the kernel ends when the runner that started it is gone, however the runner ended
// (SIGKILL, an out-of-memory kill, a crash: no handler of the runner runs then). A worker
// thread watches, because the kernel's own thread may be stuck in a busy cell for minutes
// and would never run a timer. A dead parent shows in two ways: on Unix the kernel is
// re-parented, so its parent pid changes; on Windows the old pid stops existing.
"use strict";
const { Worker } = require("node:worker_threads");

const watch = `
const parent = process.ppid;
const gone = () => {
  if (process.ppid !== parent) return true;
  try {
    process.kill(parent, 0);
    return false;
  } catch (error) {
    return error.code === "ESRCH";
  }
};
setInterval(() => gone() && process.kill(process.pid, "SIGKILL"), 250);
`;

new Worker(watch, { eval: true }).unref();
