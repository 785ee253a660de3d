// Committed notebooks stay small enough to review, diff and open on GitHub: at most 1 MB
// each. A chart's output carries its spec, one PNG at the chart's own size and a text line;
// the SVG for print is drawn at build time.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

const folder = join(__dirname, "..", "..", "notebooks");
const notebooks = readdirSync(folder).filter((name) => name.endsWith(".ipynb"));

test("there are notebooks to measure", () => {
  expect(notebooks.length).toBeGreaterThanOrEqual(2);
});

test.each(notebooks)("%s is at most 1 MB", (name) => {
  expect(statSync(join(folder, name)).size).toBeLessThanOrEqual(1_000_000);
});
