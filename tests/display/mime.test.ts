// The runner and the deck builder (their command-line modules) recognise charts by their MIME type without loading vega
// or resvg (about 0.3 s of start-up): each is required in a fresh process and the modules
// it pulled in are listed. Requiring the display barrel itself shows the probe can see them.
// That both recognise what show() sends is tested on a real kernel's output (kernel.test.ts).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { scratchFolder } from "../temp-dir";

const root = join(__dirname, "..", "..");
const scratch = scratchFolder("mime-");
afterAll(scratch.remove);

/** The vega and resvg modules loaded by requiring `module` (a path from the project root). */
function heavyModulesLoadedBy(module: string): string[] {
  const probe = join(scratch.folder, "probe.cts");
  writeFileSync(
    probe,
    `require(${JSON.stringify(join(root, module))});\n` +
      `console.log(JSON.stringify(Object.keys(require.cache).filter((k) => /node_modules[\\\\/](vega[^\\\\/]*|@resvg)[\\\\/]/.test(k))));\n`,
  );
  const out = execFileSync(join(root, "node_modules", ".bin", "tsx"), [probe], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1)!) as string[];
}

test.each(["runner/cli.ts", "slides/cli.ts"])(
  "%s loads neither vega nor resvg",
  (module) => {
    expect(heavyModulesLoadedBy(module)).toEqual([]);
  },
  30_000,
);

test("the probe does see them when the display module is required", () => {
  const loaded = heavyModulesLoadedBy("lib/src/display/index.ts");
  expect(loaded.some((k) => /@resvg/.test(k))).toBe(true);
  expect(loaded.some((k) => /vega-lite/.test(k))).toBe(true);
}, 30_000);
