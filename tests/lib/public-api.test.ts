// The package's entry point is the notebooks' vocabulary: every name a notebook imports is
// exported, and the list stays short enough to read in one screen (about 70 names).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import * as lib from "../../lib/src";

const root = join(__dirname, "..", "..");
const folder = join(root, "notebooks");

/** Names a notebook's code cells import from "@skip-and-drop/lib" (types included). */
function imported(file: string): string[] {
  const nb = JSON.parse(readFileSync(join(folder, file), "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  const code = nb.cells.filter((c) => c.cell_type === "code").map((c) => [].concat(c.source as never).join("")).join("\n");
  return [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@skip-and-drop\/lib"/g)].flatMap((m) =>
    m[1].split(",").map((n) => n.trim()).filter(Boolean),
  );
}

test("every value a notebook imports is exported by the entry point", () => {
  const notebooks = readdirSync(folder).filter((f) => f.endsWith(".ipynb"));
  expect(notebooks.length).toBeGreaterThanOrEqual(2);
  const values = notebooks.flatMap(imported).filter((n) => !n.startsWith("type "));
  expect(values.length).toBeGreaterThan(30);
  expect(values.filter((n) => !(n in lib))).toEqual([]);
});

test("the entry point is one screen: at most 80 names, test helpers and tool checks left out", () => {
  const names = Object.keys(lib);
  expect(names.length).toBeLessThanOrEqual(80);
  for (const internal of ["requireMatrix", "failDescribed", "displayBundle", "compileToVega", "VEGA_LITE_MIME", "entries", "column"]) {
    expect(names, internal).not.toContain(internal);
  }
});
