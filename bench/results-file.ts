// Where a benchmark run writes its JSON. bench/results.json is committed: it holds a full
// run at the default precision, the numbers the README quotes. A quick or partial run
// (--quick, --only) is only a look, so it goes to the git-ignored test-artifacts/ folder and
// never overwrites the committed results.
import { join } from "node:path";

export interface RunScope {
  quick: boolean;
  only: "all" | "kernels" | "pipeline" | "live";
}

/** The results file for a run of this scope, under the project folder `root`. */
export function resultsPath(root: string, { quick, only }: RunScope): string {
  return quick || only !== "all" ? join(root, "test-artifacts", "bench-results-partial.json") : join(root, "bench", "results.json");
}
