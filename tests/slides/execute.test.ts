// `npm run slides -- --execute --set name=value`: the notebook is re-run by the project's
// runner in a real tslab kernel, the deck shows the fresh outputs for the given parameters,
// and the notebook file is not touched.
import { readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { buildDecks } from "../../slides/build";
import { scratchFolder } from "../temp-dir";
import { printedOutputs } from "./printed";

const notebook = join(__dirname, "..", "fixtures", "slides", "parameters.ipynb");
const scratch = scratchFolder("deck-execute-test-");
afterAll(scratch.remove);

test("--execute --set depth=21 builds the deck from a fresh run and leaves the notebook as committed", async () => {
  const outDir = scratch.folder;
  const committed = readFileSync(notebook, "utf8");
  const scratchBefore = readdirSync(tmpdir()).filter((f) => f.startsWith("deck-execute-") && !outDir.endsWith(f));
  await buildDecks({ notebooks: [notebook], outDir, execute: true, set: { depth: "21" }, log: () => {} });
  const html = readFileSync(join(outDir, "parameters.html"), "utf8");
  expect(printedOutputs(html)).toContainEqual(["stdout", "depth x 2 = 42\n"]);
  expect(html).not.toContain("depth x 2 = 6");
  expect(readFileSync(notebook, "utf8")).toBe(committed);
  // the executed copy lived in a temporary folder that is gone again
  expect(readdirSync(tmpdir()).filter((f) => f.startsWith("deck-execute-") && !outDir.endsWith(f))).toEqual(scratchBefore);
}, 120_000);

test("a parameter the notebook does not declare fails the build before any deck is written", async () => {
  const outDir = scratch.folder;
  const failed = join(outDir, "failed");
  await expect(buildDecks({ notebooks: [notebook], outDir: failed, execute: true, set: { width: "3" }, log: () => {} })).rejects.toThrow(/width/);
  expect(readdirSync(outDir)).not.toContain("failed");
}, 120_000);

test("with several notebooks, --set depth=21 --set p=0.25 reaches the notebook that declares each", async () => {
  const outDir = join(scratch.folder, "both");
  const second = join(__dirname, "..", "fixtures", "slides", "keep-probability.ipynb");
  await buildDecks({ notebooks: [notebook, second], outDir, execute: true, set: { depth: "21", p: "0.25" }, log: () => {} });
  expect(printedOutputs(readFileSync(join(outDir, "parameters.html"), "utf8"))).toContainEqual(["stdout", "depth x 2 = 42\n"]);
  expect(printedOutputs(readFileSync(join(outDir, "keep-probability.html"), "utf8"))).toContainEqual(["stdout", "p x 2 = 0.5\n"]);
}, 120_000);
