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

/** The vega and resvg modules loaded by requiring `module` (a path from the project root), then running `then` on its exports `m`. */
function heavyModulesLoadedBy(module: string, then = ""): string[] {
  const probe = join(scratch.folder, "probe.cts");
  writeFileSync(
    probe,
    `const m = require(${JSON.stringify(join(root, module))});\n${then}\n` +
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

test("the probe does see them: vega when the display module is required, resvg once it draws a PNG", () => {
  const required = heavyModulesLoadedBy("lib/src/display/index.ts");
  expect(required.some((k) => /vega-lite/.test(k))).toBe(true);
  expect(required.some((k) => /@resvg/.test(k))).toBe(false);
  const drawn = heavyModulesLoadedBy("lib/src/display/index.ts", `m.svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');`);
  expect(drawn.some((k) => /@resvg/.test(k))).toBe(true);
}, 30_000);
