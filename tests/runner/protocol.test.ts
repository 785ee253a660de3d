// The collector's handling of two iopub messages, each driven by a fixture notebook run by
// the real tslab kernel (nbclient tests these the same way): update_display_data (in the
// same cell and from a later one) and clear_output with and without wait.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { executeNotebook, parseNotebook, type Output } from "../../runner";
import { workspace } from "./workspace";

const ws = workspace("protocol");
afterAll(() => ws.remove());

async function run(fixture: string): Promise<Output[][]> {
  const path = ws.copy(fixture);
  await executeNotebook(path, { log: () => {} });
  return parseNotebook(readFileSync(path, "utf8")).cells.map((c) => c.outputs ?? []);
}
const texts = (outputs: Output[]) =>
  outputs.map((o) => (o.output_type === "stream" ? `${o.name}: ${o.text}` : o.output_type === "display_data" ? `display: ${String(o.data["text/plain"])}` : o.output_type));

describe("fixture notebooks through the real kernel", () => {
  it("update_display_data rewrites the display in place; other outputs keep their order", async () => {
    const cells = await run("update-display.ipynb");
    expect(texts(cells[1])).toEqual(["display: done: 3 of 3", "stdout: working\nfinished\n"]);
    expect(texts(cells[2])).toEqual(["display: only version"]);
  }, 120_000);

  it("update_display_data from a later cell rewrites the earlier cell's display, not the later cell", async () => {
    const cells = await run("update-display-later-cell.ipynb");
    expect(texts(cells[1])).toEqual(["display: last version", "stdout: shown here\n"]);
    expect(texts(cells[2])).toEqual(["stdout: updated from here\n"]);
    expect(texts(cells[3])).toEqual(["display: own display"]);
  }, 120_000);

  it("clear_output empties the cell at once, or at the next output with wait", async () => {
    const cells = await run("clear-output.ipynb");
    expect(texts(cells[2])).toEqual(["stdout: after the clear\n"]);
    expect(texts(cells[3])).toEqual(["stdout: the next output\n"]);
    expect(texts(cells[4])).toEqual(["stdout: kept: nothing follows the waiting clear\n"]);
  }, 120_000);
});
