// The failing fixtures name their own cells in what they print ("cell 2 runs", "deliberate
// failure in cell 3"); those numbers must be the ones the runner uses in its messages
// (cellName: counted from 1, markdown cells included), or a failure reads as the wrong cell.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { cellName } from "../../runner/cell-label";
import { parseNotebook } from "../../runner/nbformat";
import { fixtures } from "./workspace";

const notebooks = readdirSync(fixtures).filter((f) => f.endsWith(".ipynb"));

test.each(notebooks)("%s: every cell a code cell names as itself is its own number in the runner's messages", (file) => {
  const nb = parseNotebook(readFileSync(join(fixtures, file), "utf8"));
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    for (const [, said] of cell.source.matchAll(/"[^"\n]*?\b(cell \d+)\b[^"\n]*"/g)) expect(said, `${file} ${cellName(index)}: ${cell.source}`).toBe(cellName(index));
  });
});

test("throws.ipynb's heading names the cell that throws", () => {
  const nb = parseNotebook(readFileSync(join(fixtures, "throws.ipynb"), "utf8"));
  const thrower = nb.cells.findIndex((c) => c.source.includes("throw new Error"));
  expect(nb.cells[0].source).toBe(`# Fails in ${cellName(thrower)}`);
});
