// Notebook 01 refuses parameters outside the ranges its parameters cell states: run by the
// real kernel with each bad value, it stops at the checks cell with a RangeError naming the
// parameter, the value and the range, and the copy it was asked to write is not written.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { executeNotebook, NotebookError, parseNotebook } from "../../runner";
import { notebookPath, scratchFolder } from "./executed";

const notebook = notebookPath("01-residual-connections.ipynb");
const checksCell = parseNotebook(readFileSync(notebook, "utf8")).cells.findIndex((c) => c.cell_type === "code" && /requireInteger\("depth"/.test(c.source));
const scratch = scratchFolder("nb01-params-");
afterAll(scratch.remove);

describe("notebook 01's parameter checks", () => {
  it.each([
    ["depth", "0", "depth = 0 is invalid: expected an integer in [1, 200]"],
    ["width", "65", "width = 65 is invalid: expected an integer in [1, 64]"],
    ["batch", "257", "batch = 257 is invalid: expected an integer in [1, 256]"],
    ["steps", "1.5", "steps = 1.5 is invalid: expected an integer in [1, 5000]"],
    ["weightScale", "5", "weightScale = 5 is invalid: expected a number in [0.1, 3]"],
    ["lr", "0", "lr = 0 is invalid: expected a number in (0, 1]"],
    ["seed", "-1", "seed = -1 is invalid: expected an integer in [0, 2147483647]"],
  ])("%s = %s stops the run at the checks cell", async (name, value, message) => {
    expect(checksCell).toBeGreaterThan(0);
    const out = join(scratch.folder, `${name}.ipynb`);
    const error = await executeNotebook(notebook, { out, set: { [name]: value }, log: () => {} }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(NotebookError);
    expect((error as NotebookError).cellIndex).toBe(checksCell + 1); // after the injected-parameters cell
    expect((error as NotebookError).stderr).toContain(`RangeError: ${message}`);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
