// How every command (npm run execute, lab, slides, serve, bench) starts: its module runs
// `main` only when node was started with it, so tests can import the same module without
// side effects. A number from main is the exit code (process.exit, which also ends a kernel
// or server the command left open); nothing means "let the event loop finish" (a server
// keeps serving). A thrown error is printed by `report` and exits with `failureCode`.

export interface EntryOptions {
  /** The line printed for an error main threw; default its message. */
  report?: (error: unknown) => string;
  /** Exit code after an error; default 1. */
  failureCode?: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** True when `module` is the script node (or tsx) was started with, not a module imported by it. */
export function isEntry(module: NodeModule, main: NodeModule | undefined = require.main): boolean {
  return main === module;
}

/** Runs main if `module` is the entry point, as described above. */
export function runIfEntry(module: NodeModule, main: () => Promise<number | void>, { report = message, failureCode = 1 }: EntryOptions = {}): void {
  if (!isEntry(module)) return;
  main().then(
    (code) => {
      if (typeof code === "number") process.exit(code);
    },
    (error: unknown) => {
      console.error(report(error));
      process.exit(failureCode);
    },
  );
}
