// Notebook 02 runs top to bottom through the real tslab kernel at its default parameters and
// with the hidden parameters, into temporary copies (the committed notebook is never written),
// and its printed checks hold: closed forms agree to rounding, sampling and SGD to their tolerances.
// A bad knob stops the run with a RangeError that names it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { executeCopy, notebookPath, printed, scratchFolder, type Executed } from "./executed";

const notebook = notebookPath("02-dropout-regularization.ipynb");
const committed = readFileSync(notebook);  // captured before any run
const scratch = scratchFolder("nb02-");
afterAll(scratch.remove);

interface Run { text: string; charts: number; stderr: string }

async function run(name: string, set?: Record<string, string>): Promise<Run> {
  const r: Executed = await executeCopy(notebook, join(scratch.folder, `${name}.ipynb`), set);
  const charts = r.outputs.filter((o) => o.output_type === "display_data" && o.data?.["application/vnd.vegalite.v5+json"] && o.data?.["image/png"]).length;
  return { text: r.text, charts, stderr: r.stderr };
}

function expectChecks(r: Run, sgdTolerance: number): void {
  expect(r.stderr).toBe("");
  expect(r.charts).toBe(6);  // Monte Carlo, strength, SGD, column norms, batch norm, paths
  expect(r.text).not.toMatch(/✗/);
  expect(printed(r.text, "max |p·w̌* − w*|")).toBeLessThan(1e-9);
  expect(printed(r.text, "max |w(ridge on X̃) − w(Tikhonov on X)|")).toBeLessThan(1e-9);
  expect(printed(r.text, "max_j |‖X̃[:, j]‖ − λ^{1/2}√(p/(1−p))|")).toBeLessThan(1e-9);
  expect(printed(r.text, "|Monte Carlo − (4)| in standard errors")).toBeLessThan(4);
  const average = printed(r.text, "Polyak average: error vs w̌*");
  const last = printed(r.text, "last iterate:   error vs w̌*");
  expect(average).toBeLessThan(sgdTolerance);
  expect(average).toBeLessThan(last / 3);  // averaging is what converges, not the last iterate
  expect(printed(r.text, "p·w̄ vs Tikhonov w*")).toBeLessThan(sgdTolerance);
  expect(printed(r.text, "inverted w̄ vs w*, no rescale")).toBeLessThan(sgdTolerance);
  // (c) and batch norm: ridge on standardised features lands near dropout, plain ridge far from it.
  const standardized = gapToDropout(r.text, "ridge on standardised features:");
  expect(standardized).toBeLessThan(gapToDropout(r.text, "plain ridge, same λ") / 5);
}

/** The "gap to dropout N %" printed at the end of the line that starts with `label`. */
function gapToDropout(text: string, label: string): number {
  const line = text.split("\n").find((l) => l.startsWith(label));
  const match = line && / gap to dropout ([\d.]+) %$/.exec(line);
  if (!match) throw new Error(`no "gap to dropout N %" on a line starting with "${label}"`);
  return Number(match[1]);
}

describe("notebook 02: dropout as regularization", () => {
  it("runs at the default parameters and every printed check holds", async () => {
    const r = await run("default");
    expectChecks(r, 0.02);
    expect(r.text).toContain("p = 0.1   √((1−p)/p) = 3.00");
    expect(r.text).toContain("p = 0.01  √((1−p)/p) = 9.95");
  }, 180_000);

  it("runs with the hidden parameters p = 0.05, λ = 10, seed = 5", async () => {
    const r = await run("hidden", { p: "0.05", lambda: "10", seed: "5" });
    expectChecks(r, 0.05);
    expect(r.text).toContain("λ = 10");
    // (c): every column of X̃ has norm λ^½·√(p/(1−p)) = √10·√(0.05/0.95).
    expect(r.text).toContain(`λ^{1/2}·√(p/(1−p)) = ${(Math.sqrt(10) * Math.sqrt(0.05 / 0.95)).toFixed(6)}`);
  }, 180_000);

  it("names the bad knob when the feature scales are given largest first", async () => {
    await expect(run("reversed", { featureScales: "[10, 0.1]" })).rejects.toThrow(
      /featureScales\[1\] = 0\.1 is invalid: expected a number ≥ 10/,
    );
  }, 180_000);

  it("left the committed notebook byte-identical after all runs", () => {
    expect(readFileSync(notebook).equals(committed)).toBe(true);
  });
});
