// A long loop's progress through the real kernel: the library's trackProgress creates one
// display and updates it in place while the cell runs; the runner prints progress lines as
// the updates arrive (not all at the end), and the saved notebook keeps only the final state.
import { afterAll, expect, test } from "vitest";
import { executeNotebook, readNotebookFile } from "../../runner";
import { workspace } from "./workspace";

const ws = workspace("progress");
afterAll(() => ws.remove());

test("a 3-second synchronous loop reports progress live; the output holds one display, at 100 %", async () => {
  const path = ws.notebook("progress.ipynb", [
    [
      `import { trackProgress } from "@skip-and-drop/lib";`,
      `const p = trackProgress("busy loop", 30, { delayMs: 200, intervalMs: 100 });`,
      `for (let i = 1; i <= 30; i++) { const until = Date.now() + 100; while (Date.now() < until) {} p.tick(i); }`,
      `p.finish();`,
    ].join("\n"),
  ]);
  const lines: { at: number; line: string }[] = [];
  const started = Date.now();
  const result = await executeNotebook(path, { out: path, log: (line) => lines.push({ at: Date.now() - started, line }) });
  const progress = lines.filter((l) => l.line.includes("busy loop"));
  // first report near 0.2 s into the cell, then one per 5 s at most, and the final one
  expect(progress.length).toBe(2);
  expect(progress[1].line).toContain("100 % (30/30)");
  const cellDone = lines.find((l) => /cell +1 +\d/.test(l.line))!;
  // the first line arrived while the loop was still running: seconds before the cell's own line
  expect(cellDone.at - progress[0].at).toBeGreaterThan(1500);
  expect(result.cells.length).toBe(1);
  const [output, ...more] = readNotebookFile(path).cells[0].outputs ?? [];
  expect(more).toEqual([]);
  expect(output.output_type).toBe("display_data");
  const data = (output as { data: Record<string, string | string[]> }).data;
  expect([data["text/plain"]].flat().join("")).toContain("100 % (30/30)");
  expect([data["text/html"]].flat().join("")).toContain(`<progress value="30" max="30"`);
}, 120_000);
