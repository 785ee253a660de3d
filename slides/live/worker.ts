// The notebook's program inside a Web Worker: it runs the cells the page names, in the order
// it names them, for the parameters it posts, and posts back, cell by cell, each chart the
// cell shows and each line it prints, then that the cell ran (and how long it took), and at
// the end "done" or the error that stopped it. The page ends a run it no longer wants by
// terminating the worker.
import { formatLine } from "./format";

export type Run = (params: Record<string, unknown>, order: string[], enter: (cellId: string) => void) => Promise<void>;

/** What the page posts: the parameter values, and the cells to run in order (schedule.ts). */
export interface RunRequest {
  params: Record<string, unknown>;
  order: string[];
}

export type WorkerMessage =
  | { type: "cell"; cell: string }
  | { type: "ran"; cell: string; ms: number }
  | { type: "chart"; cell: string; spec: unknown }
  | { type: "stdout"; cell: string; text: string }
  | { type: "progress"; cell: string; label: string; done: number; total: number }
  | { type: "done"; ms: number }
  | { type: "error"; cell: string; message: string };

interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: { data: RunRequest }) => void) | null;
}

/**
 * What could reach past the worker: the network, other scripts, other workers, storage. The
 * deck's Content-Security-Policy (inherited by a Blob worker) already forbids connections and
 * foreign scripts; the notebook's code does not get these objects either.
 */
const OUTSIDE = ["fetch", "XMLHttpRequest", "WebSocket", "WebTransport", "EventSource", "importScripts", "Worker", "SharedWorker", "BroadcastChannel", "indexedDB", "caches", "navigator"];

function withoutOutside(scope: Record<string, unknown>): void {
  for (let object: object | null = scope; object && object !== Object.prototype; object = Object.getPrototypeOf(object)) {
    for (const name of OUTSIDE) {
      if (Object.prototype.hasOwnProperty.call(object, name)) {
        try {
          delete (object as Record<string, unknown>)[name];
        } catch {
          // a non-configurable property: shadow it on the global itself
        }
      }
    }
  }
  for (const name of OUTSIDE) {
    if (!(name in scope)) continue;
    try {
      Object.defineProperty(scope, name, { value: undefined, configurable: false, writable: false });
    } catch {
      // left as the engine made it; the Content-Security-Policy still applies
    }
  }
}

/** Reports a long loop's progress (the library's trackProgress, wired by worker-entry.ts). */
export type ProgressReport = (label: string, done: number, total: number) => void;

export function installWorker(run: Run, connectProgress?: (report: ProgressReport) => void): void {
  const scope = globalThis as unknown as WorkerScope & Record<string, unknown>;
  withoutOutside(scope);
  let cell = "";
  const post = (message: WorkerMessage) => scope.postMessage(message);
  scope.skipAndDropDisplay = (spec: unknown) => post({ type: "chart", cell, spec });
  const print = (...args: unknown[]) => post({ type: "stdout", cell, text: `${formatLine(args)}\n` });
  console.log = print;
  console.info = print;
  connectProgress?.((label, done, total) => post({ type: "progress", cell, label, done, total }));
  scope.onmessage = (event) => {
    const started = performance.now();
    let entered = started;
    cell = "";
    const left = () => {
      if (cell) post({ type: "ran", cell, ms: performance.now() - entered });
    };
    const enter = (id: string) => {
      left();
      cell = id;
      entered = performance.now();
      post({ type: "cell", cell: id });
    };
    run(event.data.params, event.data.order, enter).then(
      () => {
        left();
        post({ type: "done", ms: performance.now() - started });
      },
      (error: unknown) => post({ type: "error", cell, message: error instanceof Error ? error.message : String(error) }),
    );
  };
}
