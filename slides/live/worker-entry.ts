// The trusted half of a live deck's worker, bundled once: the library (through its package,
// whose "browser" map swaps the Node display for one that hands charts to the page) and the
// message loop. The notebook's compiled program follows it in the same worker and calls
// installLive with its run function.
import * as library from "@skip-and-drop/lib";
import { setProgressSink } from "@skip-and-drop/lib/progress";
import { LIBRARY } from "./program-names";
import { installWorker, type Run } from "./worker";

const scope = globalThis as unknown as Record<string, unknown>;
scope[LIBRARY] = library;
// A long loop (training, SGD, Monte Carlo, the sweep of scales) reports through the library's
// progress sink, from its first step: on a slide a loop of a tenth of a second is already a wait.
scope.installLive = (run: Run) =>
  installWorker(run, (report) => setProgressSink((state) => report(state.label, state.done, state.total), { delayMs: 0, intervalMs: 100 }));
