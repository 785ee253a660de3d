// The notebook's program inside a Web Worker: it runs the program for the parameters the page
// posts, and posts back, cell by cell, each chart the cell shows and each line it prints, then
// "done" or the error that stopped it. The page ends a run it no longer wants by terminating
// the worker.
import { formatLine } from "./format";

export type Run = (params: Record<string, unknown>, enter: (cellId: string) => void) => Promise<void>;

export type WorkerMessage =
  | { type: "cell"; cell: string }
  | { type: "chart"; cell: string; spec: unknown }
  | { type: "stdout"; cell: string; text: string }
  | { type: "done"; ms: number }
  | { type: "error"; cell: string; message: string };

interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: { data: { params: Record<string, unknown> } }) => void) | null;
}

export function installWorker(run: Run): void {
  const scope = globalThis as unknown as WorkerScope & Record<string, unknown>;
  let cell = "";
  const post = (message: WorkerMessage) => scope.postMessage(message);
  scope.skipAndDropDisplay = (spec: unknown) => post({ type: "chart", cell, spec });
  const print = (...args: unknown[]) => post({ type: "stdout", cell, text: `${formatLine(args)}\n` });
  console.log = print;
  console.info = print;
  scope.onmessage = (event) => {
    const started = performance.now();
    const enter = (id: string) => {
      cell = id;
      post({ type: "cell", cell: id });
    };
    run(event.data.params, enter).then(
      () => post({ type: "done", ms: performance.now() - started }),
      (error: unknown) => post({ type: "error", cell, message: error instanceof Error ? error.message : String(error) }),
    );
  };
}
