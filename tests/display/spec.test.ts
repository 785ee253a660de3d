// The validator the library's build compiles ahead of time (what notebooks load) gives the
// same verdicts and messages as the schema compiled at run time (what src falls back to).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { requireVegaLite } from "../../lib/src/display/spec";

const dist = join(__dirname, "..", "..", "lib", "dist", "display");
const built = createRequire(__filename)(join(dist, "spec.js")) as { requireVegaLite: typeof requireVegaLite };
const verdict = (check: (s: unknown) => unknown, spec: unknown) => {
  try {
    check(spec);
    return "ok";
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
};

describe("the prebuilt vega-lite validator", () => {
  it("is in lib/dist", () => {
    expect(existsSync(join(dist, "vega-lite-validator.js"))).toBe(true);
  });

  const values = [{ a: 1 }];
  it.each([
    { data: { values }, mark: "point" },
    { data: { values }, mark: "point", title: "t" },
    { data: { values }, layer: [{ mark: "line" }, { mark: "rule" }] },
    { data: { values }, mark: "pint" },
    { data: { values }, mark: { type: "line", colour: "red" } },
    { data: { values }, mark: "point", encoding: { x: { field: "a", type: "quantitive" } } },
    "not a spec",
  ])("agrees with the run-time schema on %j", (spec) => {
    expect(verdict(built.requireVegaLite, spec)).toBe(verdict(requireVegaLite, spec));
  });
});
