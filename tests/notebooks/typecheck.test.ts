// The notebooks' code cells pass TypeScript's strict checks against the library's .d.ts, and
// the checker itself places errors at the right notebook, cell and line.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatTypeErrors, STRICT, typecheckNotebooks } from "./typecheck";

const root = join(__dirname, "..", "..");
// inside the project, so `@skip-and-drop/lib` resolves as it does for notebooks/
const scratch = join(root, "test-artifacts", "typecheck");
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Cell = { type: "code" | "markdown"; source: string; tags?: string[] };
function notebook(name: string, cells: Cell[]): string {
  const path = join(scratch, `${name}.ipynb`);
  const nb = {
    cells: cells.map((c, i) => ({ id: `c${i}`, cell_type: c.type, metadata: c.tags ? { tags: c.tags } : {}, source: c.source, ...(c.type === "code" ? { outputs: [], execution_count: null } : {}) })),
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(path, JSON.stringify(nb));
  return path;
}

describe("the checker", () => {
  it("reads cells as one scope in order, counts every cell, and reports notebook, cell and line", () => {
    const path = notebook("sample", [
      { type: "markdown", source: "# Title" },
      { type: "code", source: 'import { lineChart } from "@skip-and-drop/lib";\nconst depth = 4;', tags: ["parameters"] },
      { type: "code", source: "const depth = 9;", tags: ["injected-parameters"] },
      { type: "markdown", source: "text" },
      { type: "code", source: "const rows = [{ x: 1, y: depth }];\nconst twice = (v) => 2 * v;\nawait Promise.resolve(twice(depth))" },
      { type: "code", source: "const found = rows.find((r) => r.x === 2);\nconsole.log(found.y);\nlineChart(rows, { title: 3 });" },
    ]);
    const lines = formatTypeErrors(typecheckNotebooks([path]), root);
    expect(lines).toEqual([
      "test-artifacts/typecheck/sample.ipynb cell 5 line 2: Parameter 'v' implicitly has an 'any' type.",
      "test-artifacts/typecheck/sample.ipynb cell 6 line 2: 'found' is possibly 'undefined'.",
      expect.stringMatching(/^test-artifacts\/typecheck\/sample\.ipynb cell 6 line 3: .*Type 'number' is not assignable to type 'string'/s),
    ]);
    // tslab's own settings (not strict) accept the first two: strictness is what finds them
    const loose = typecheckNotebooks([path], { ...STRICT, strict: false });
    expect(loose.map((e) => `${e.cell}:${e.line}`)).toEqual(["6:3"]);
  }, 60_000);
});

describe("the course notebooks", () => {
  const folder = join(root, "notebooks");
  const paths = readdirSync(folder).filter((n) => n.endsWith(".ipynb")).map((n) => join(folder, n));

  it("type-check strictly against the library's .d.ts", () => {
    expect(paths.length).toBeGreaterThanOrEqual(2);
    expect(formatTypeErrors(typecheckNotebooks(paths), root)).toEqual([]);
  }, 60_000);
});
