// Notebook 01 runs top to bottom through the real tslab kernel at its default parameters and
// with the hidden parameters (depth 3, width 2, seed 11), into temporary copies: the committed
// notebook is never written. Its printed checks must hold, every chart must be a full display
// bundle, and the parameters must reach the charts (the slider of the 4^−L chart starts at L = depth).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { executeCopy, notebookPath, printed, scratchFolder, type Executed } from "./executed";

const notebook = notebookPath("01-residual-connections.ipynb");
const committed = readFileSync(notebook); // captured before any run
const scratch = scratchFolder("nb01-");
afterAll(scratch.remove);

const execute = (name: string, set?: Record<string, string>) => executeCopy(notebook, join(scratch.folder, `${name}.ipynb`), set);

/** The vega-lite spec a chart cell displayed (with its PNG fallback present). */
function chartSpec(run: Executed, id: string): any {
  // a progress display (a slow cell on a loaded machine) may come first: take the chart's bundle
  const shown = (run.byId.get(id) ?? []).find((o) => o.output_type === "display_data" && o.data?.["application/vnd.vegalite.v5+json"]);
  expect(shown?.data?.["image/png"], `${id} has a PNG`).toBeTruthy();
  return shown?.data["application/vnd.vegalite.v5+json"];
}

const CHARTS = ["a-activations-chart", "a-bound-chart", "a-plain-net-chart", "a-dead-chart", "c-spectrum-chart",
  "c-stacks-chart", "c-fair-chart", "c-product-chart", "train-chart", "train-gradient-chart", "train-collapse-chart"];

/** The cells of the committed notebook, with their tags and slide types. */
const cells = JSON.parse(committed.toString("utf8")).cells as { id: string; cell_type: string; source: string | string[]; metadata: any }[];
const source = (c: { source: string | string[] }) => [].concat(c.source as never).join("");
const slideType = (c: { metadata: any }) => c.metadata?.slideshow?.slide_type;
const tags = (c: { metadata: any }): string[] => c.metadata?.tags ?? [];

/** The number after `label` on the first line containing it. */
function after(text: string, label: string): number {
  const line = text.split("\n").find((l) => l.includes(label));
  if (!line) throw new Error(`no line containing "${label}"`);
  return Number(/^\s*(-?[\d.]+(?:e[-+]?\d+)?)/.exec(line.slice(line.indexOf(label) + label.length))![1]);
}

function expectChecks(run: Executed, depth: number): void {
  expect(run.stderr).toBe("");
  expect(run.text).not.toMatch(/✗/);
  // (a) σ′ peaks at exactly 1/4, at x = 0, and equals σ(1 − σ)
  expect(run.text).toContain("max σ′ on the grid = 0.25 at x = 0\n");
  expect(printed(run.text, "|max σ′ − 1/4|")).toBe(0);
  expect(printed(run.text, "max |σ′ − σ(1 − σ)| on the grid")).toBeLessThan(1e-12);
  expect(run.text).toContain("sigmoid norms under the bound at every layer: ✓");
  expect(run.text).toContain("their rows of ∂ℒ/∂W_l on this batch are exactly 0: ✓");
  // the notebook's own block code agrees with the library and with finite differences
  expect(printed(run.text, "forward: max |notebook − library|")).toBeLessThan(1e-12);
  expect(printed(run.text, "backward ∂ℒ/∂X₀, ∂ℒ/∂W₁, ∂ℒ/∂W₂: max |notebook − library|")).toBeLessThan(1e-12);
  expect(printed(run.text, "backward at x₀: max |notebook − finite differences|")).toBeLessThan(1e-7);
  // the mean-square factors c²/2 and 1 + c⁴/2: each Monte Carlo line within 4 standard errors (no ✗ above)
  expect(run.text.match(/forward [\d.e+-]+ ± [\d.e+-]+ ✓, backward [\d.e+-]+ ± [\d.e+-]+ ✓, formula/g)).toHaveLength(3);
  expect(run.text.match(/‖Wᵀ D g‖²\/‖g‖² = [\d.]+ ± [\d.]+ \(1000 draws\), c²\/2 = [\d.]+ ✓/g)).toHaveLength(2);
  // (b), (c): the block, its Jacobian and its backward pass
  expect(printed(run.text, "max |residualBlock(W₁, W₂, X₀) − sums|")).toBeLessThan(1e-12);
  // the finite-difference Jacobian is only a reference when no ±h nudge crosses a ReLU kink
  expect(run.text).toMatch(/smallest \|\(W₁x₀\)_j\| = [\d.e+-]+, step h = 1e-6: no ReLU kink is crossed\n/);
  expect(printed(run.text, "max |(I + W₂DW₁) − finite differences|")).toBeLessThan(1e-7);
  expect(printed(run.text, "max |backprop − (I + W₁ᵀDW₂ᵀ)g|")).toBeLessThan(1e-12);
  expect(printed(run.text, "max |backprop − (finite-difference J)ᵀg|")).toBeLessThan(1e-7);
  expect(printed(run.text, "max |entry| of I + W₂DW₁ when W₂DW₁ = −I")).toBeLessThan(1e-9);
  // Weyl: read σ_min(I + A) and 1 − ‖A‖₂ off each printed line and compare them here
  const weyl = run.text.split("\n").filter((l) => l.includes("σ_min(I + A) ="));
  expect(weyl).toHaveLength(4);
  for (const line of weyl) {
    const [sigmaMin, bound] = [...line.matchAll(/= (-?[\d.]+)/g)].slice(2).map((m) => Number(m[1]));
    expect(sigmaMin).toBeGreaterThanOrEqual(bound);
  }
  // every chart is a full bundle; the 4^−L slider starts at L = depth and the figure is an SVG
  for (const id of CHARTS) expect(chartSpec(run, id)?.$schema).toMatch(/vega-lite\/v5/);
  expect(chartSpec(run, "a-bound-chart").params[0].value).toBe(Math.min(depth, 30));
  const figure = run.byId.get("b-figure-svg")![0].data;
  expect([].concat(figure["image/svg+xml"]).join("")).toContain('data-role="skip"');
}

describe("notebook 01: residual connections", () => {
  it("runs at the default parameters; the checks hold and the experiments show the effect", async () => {
    const run = await execute("default");
    expectChecks(run, 30);
    // sigmoid gradients vanish through 30 layers; the residual stack keeps the norm near 1 at c = 0.5
    expect(printed(run.text, "sigmoid       ‖∂ℒ/∂X_0‖ / ‖∂ℒ/∂X_L‖")).toBeLessThan(1e-10);
    // read from the sweep chart's data (its rows: kind, scale, layer, norm), not from printed text
    const sweep = chartSpec(run, "c-stacks-chart").data.values as { kind: string; scale: number; layer: number; norm: number }[];
    const atHalf = (kind: string) => sweep.find((r) => r.kind === kind && r.layer === 0 && r.scale === 0.5)!.norm;
    // Residual blocks at c = 0.5 with ReLU branches: E‖(I + W₂DW₁)g‖² = (1 + c⁴/2)‖g‖², so with
    // ‖∂ℒ/∂X_L‖ = 1 the second moment predicts √((1 + c⁴/2)^L) = 1.587 at L = 30. Over 40 seeds
    // the log of the norm spreads by 0.068 (geometric mean 1.578): allow 5 spreads.
    const predicted = Math.sqrt((1 + 0.5 ** 4 / 2) ** 30);
    expect(Math.abs(Math.log(atHalf("residual") / predicted))).toBeLessThan(5 * 0.068);
    // Plain ReLU layers shrink the squared norm by c²/2 per layer: √((c²/2)^L) = 2.8e-14 at
    // L = 30 (geometric mean over 40 seeds 7.4e-15, log spread 1.2); 1e-10 is 8 spreads away.
    expect(atHalf("plain (relu)")).toBeLessThan(1e-10);
    // the residual net trains below the plain net's plateau (the constant predictor's loss ≈ 0.25)
    const final = (kind: string) => {
      const line = run.text.split("\n").find((l) => l.startsWith(kind) && l.includes(" loss ") && l.includes("mean;"))!;
      return Number(/→ ([\d.]+)/.exec(line)![1]);
    };
    expect(final("residual")).toBeLessThan(0.5 * final("plain"));
    // neither run diverges at the default step size
    expect(run.text.match(/; 250 of 250 steps\)\n/g)).toHaveLength(2);
    // the mechanism: at initialisation the plain net's weight gradients are of one order at every depth …
    const plainStart = run.text.split("\n").find((l) => l.startsWith("plain    step 0 "))!;
    expect(after(plainStart, "max/min over layers ")).toBeLessThan(100);
    expect(after(plainStart, "‖∂ℒ/∂W_l‖: W_1 ")).toBeGreaterThan(1e-3);
    // … while its examples collapse onto one direction and the residual ones stay apart
    const collapse = (kind: string, step: number) => run.text.split("\n").find((l) => l.startsWith(`${kind.padEnd(8)} step ${String(step).padEnd(4)} cosine:`))!;
    expect(after(collapse("plain", 0), "layer 30 ")).toBeGreaterThan(0.95);
    const rank = (kind: string, step: number) => after(run.text.split("\n").find((l) => l.startsWith(`${kind.padEnd(8)} step ${String(step).padEnd(4)} X_L:`))!, "effective rank ");
    expect(rank("plain", 250)).toBeLessThan(2);
    expect(after(collapse("residual", 250), "layer 30 ")).toBeLessThan(0.5);
    expect(rank("residual", 250)).toBeGreaterThan(8);
    // the full-data loss of the plain net ends near ½·Var(y), the residual one far below it
    const constant = after(run.text, "½·Var(y) = ");
    const finalLoss = (kind: string) => Number(new RegExp(`^full-data loss, ${kind} .*, ([\\d.]+) \\(step 250\\)$`, "m").exec(run.text)![1]);
    expect(finalLoss("plain")).toBeGreaterThan(0.8 * constant);
    expect(finalLoss("plain")).toBeLessThan(constant);
    expect(finalLoss("residual")).toBeLessThan(0.3 * constant);
    expect(run.text).toMatch(/dead at step 0 and active again by step 250: \d+\n/);
    // try this: depth 3 (plain wins), sigmoid (the first layer's gradient really vanishes), c = 1.5 (diverges)
    const shallowEnd = (kind: string) => Number(new RegExp(`^${kind} +full-data loss [\\d.]+ → ([\\d.]+);`, "m").exec(run.text)![1]);
    expect(shallowEnd("plain")).toBeLessThan(shallowEnd("residual"));
    const sigmoidLine = run.text.split("\n").find((l) => l.startsWith("plain sigmoid at initialisation:"))!;
    expect(after(sigmoidLine, "‖∂ℒ/∂W_1‖ = ")).toBeLessThan(1e-8 * after(sigmoidLine, "‖∂ℒ/∂W_30‖ = "));
    expect(after(run.text, "residual, c = 1.5: first loss ")).toBeGreaterThan(1e6);
  }, 180_000);

  it("runs with the hidden parameters depth = 3, width = 2, seed = 11", async () => {
    const run = await execute("hidden", { depth: "3", width: "2", seed: "11" });
    expectChecks(run, 3);
    expect(run.text).toContain("4^−3 = 1.6e-2");
    expect(run.text).toMatch(/dead on this batch: \d of 6 units/);
    expect(run.text).toMatch(/active units \(ones on D's diagonal\): \d of 2\n/);
  }, 180_000);

  it("refuses parameters whose slowest cells would not finish: the training work depth × steps is bounded", async () => {
    // 30 × 5000 is inside each parameter's own range, beyond what the training cell finishes in 120 s
    const refused = execute("budget", { depth: "30", steps: "5000" });
    await expect(refused).rejects.toThrow("depth × steps = 150000 is invalid: expected an integer in [1, 50000]");
  }, 120_000);

  it("has three or more try-this exercises in the main flow, each complete", () => {
    const exercises = cells.filter((c) => c.cell_type === "markdown" && tags(c).includes("try-this"));
    expect(exercises.length).toBeGreaterThanOrEqual(3);
    for (const c of exercises) {
      const text = source(c);
      expect(text).toContain("**Try this:**");
      // --out: following the line writes a new file and leaves the student's notebook as it is
      expect(text).toMatch(/npm run execute -- --set \w+=\S+ --out (?!notebooks\/)[\w.-]+\.ipynb notebooks\/01-residual-connections\.ipynb/);
      expect(text).toContain("Predict:");
      expect(text).toMatch(/<details><summary>Explanation<\/summary>[\s\S]+<\/details>/);
      expect(slideType(c)).not.toBe("skip");
      // the explanation's numbers are printed by the try-this code cell right after it
      const next = cells[cells.indexOf(c) + 1];
      expect(next.cell_type).toBe("code");
      expect(tags(next)).toContain("try-this");
    }
    expect(exercises.map(source).join("")).toMatch(/--set depth=3 /);
    expect(exercises.map(source).join("")).toMatch(/--set activation=sigmoid /);
  });

  it("shows the block's forward and backward code on a slide, and every printed check reaches the deck", () => {
    const block = cells.find((c) => c.id === "c-code")!;
    expect(source(block)).toMatch(/function blockForward[\s\S]+function blockBackward/);
    expect(tags(block)).not.toContain("hide-input");
    expect(["slide", "subslide", "fragment", "-"]).toContain(slideType(block));
    const checks = cells.filter((c) => c.cell_type === "code" && /console\.log/.test(source(c)) && /✓|checkLine|within\(/.test(source(c)));
    expect(checks.length).toBeGreaterThan(10);
    for (const c of checks) expect([c.id, slideType(c)]).not.toEqual([c.id, "skip"]);
    for (const c of checks) expect([c.id, tags(c).includes("hide-output")]).toEqual([c.id, false]);
  });

  it("left the committed notebook byte-identical after both runs", () => {
    expect(readFileSync(notebook).equals(committed)).toBe(true);
  });
});
