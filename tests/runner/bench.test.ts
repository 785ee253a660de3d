// npm run bench: the report names cells as the runner does (from 1), and only a full run
// writes the committed bench/results.json; quick and partial runs go to test-artifacts/.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { PipelineReport } from "../../bench/pipeline";
import { pipelineMarkdown } from "../../bench/report";
import { resultsPath } from "../../bench/results-file";
import { root } from "./workspace";

const committed = join(root, "bench", "results.json");
const partial = join(root, "test-artifacts", "bench-results-partial.json");

test("the slowest-cells table shows each 0-based CellTiming index as the runner's 'cell N', counted from 1", () => {
  const timing = { medianMs: 1, minMs: 1, maxMs: 1, runs: 1 };
  const report: PipelineReport = {
    steps: [{ label: "execute", timing }],
    notebooks: [{ name: "01-residual", slowest: [{ index: 0, medianMs: 12, firstLine: "import x" }, { index: 4, medianMs: 3, firstLine: "train()" }] }],
    skipped: null,
  };
  const table = pipelineMarkdown(report).slice(-4);
  expect(table).toEqual([
    "| Notebook | Cell | median | first line of source |",
    "| --- | --- | --- | --- |",
    "| 01-residual | cell 1 | 12.0 ms | `import x` |",
    "| 01-residual | cell 5 | 3.00 ms | `train()` |",
  ]);
});

describe("where a run writes its results", () => {
  test("only a full run (neither --quick nor --only) writes bench/results.json", () => {
    expect(resultsPath(root, { quick: false, only: "all" })).toBe(committed);
    expect(resultsPath(root, { quick: true, only: "all" })).toBe(partial);
    expect(resultsPath(root, { quick: false, only: "kernels" })).toBe(partial);
    expect(resultsPath(root, { quick: false, only: "pipeline" })).toBe(partial);
  });

  test("npm run bench -- --quick --only kernels leaves bench/results.json as it was and says where it wrote", () => {
    const before = { bytes: readFileSync(committed), mtime: statSync(committed).mtimeMs };
    rmSync(partial, { force: true });
    const run = spawnSync(join(root, "node_modules", ".bin", "tsx"), ["bench/run.ts", "--quick", "--only", "kernels"], { cwd: root, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`results: ${join("test-artifacts", "bench-results-partial.json")}`);
    expect(readFileSync(committed)).toEqual(before.bytes);
    expect(statSync(committed).mtimeMs).toBe(before.mtime);
    const written = JSON.parse(readFileSync(partial, "utf8"));
    expect(written.settings).toMatchObject({ quick: true, only: "kernels", runs: 1 });
    expect(written.pipeline).toBeNull();
    expect(written.kernels.rows.length).toBeGreaterThan(0);
  }, 180_000);
});
