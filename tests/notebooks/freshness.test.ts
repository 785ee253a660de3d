// nbval-style freshness: the notebooks are committed executed, so students and GitHub see
// their outputs before running anything. Each committed notebook must be what a fresh run
// of the current library produces (text exactly, chart specs to 6 significant digits).
// When this fails, re-run `npm run execute -- notebooks/<name>.ipynb` and commit the result.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkNotebook } from "../../runner";

const folder = join(__dirname, "..", "..", "notebooks");
const notebooks = readdirSync(folder).filter((f) => f.endsWith(".ipynb")).sort();

describe("committed notebooks are fresh", () => {
  it("finds the course notebooks", () => {
    expect(notebooks).toEqual(expect.arrayContaining(["01-residual-connections.ipynb", "02-dropout-regularization.ipynb"]));
  });

  for (const name of notebooks) {
    it(`${name}: committed outputs match a fresh run`, async () => {
      const { drifted } = await checkNotebook(join(folder, name), { log: () => {} });
      expect(drifted, drifted.map((d) => `cell ${d.index}: ${d.reason}`).join("\n")).toEqual([]);
    }, 300_000);
  }
});
