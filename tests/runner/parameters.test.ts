import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseNotebook, type Notebook } from "../../runner/nbformat";
import { injectParameters, parseParameters } from "../../runner/parameters";
import { fixtures } from "./workspace";

const load = (): Notebook => parseNotebook(readFileSync(join(fixtures, "passes.ipynb"), "utf8"));
const tags = (nb: Notebook) => nb.cells.map((c) => c.metadata.tags?.[0] ?? "");

describe("parseParameters", () => {
  it("learns each knob's name, type and annotation from the literals of the parameters cell", () => {
    const source = load().cells[1].source + '\nconst rng = createRng(seed); // not a literal: ignored\nlet eps = -1.5e-3;\nvar name = \'x\';';
    expect(parseParameters(source)).toEqual([
      { name: "depth", type: "number", annotation: "", value: "3" },
      { name: "keepProb", type: "number", annotation: "", value: "0.5" },
      { name: "activation", type: "string", annotation: '"relu" | "tanh"', value: '"relu"' },
      { name: "verbose", type: "boolean", annotation: "", value: "true" },
      { name: "widths", type: "number[]", annotation: "", value: "[4, 8]" },
      { name: "seed", type: "number", annotation: "", value: "7" },
      { name: "eps", type: "number", annotation: "", value: "-1.5e-3" },
      { name: "name", type: "string", annotation: "", value: "'x'" },
    ]);
  });
});

describe("injectParameters", () => {
  it("inserts a cell tagged injected-parameters right after the parameters cell, typed like the originals", () => {
    const nb = load();
    const before = structuredClone(nb);
    const out = injectParameters(nb, { depth: " 1e1 ", activation: "tanh", verbose: "false", widths: "1, 2.5,3", keepProb: "0.25" });
    expect(nb).toEqual(before); // the input is not mutated
    expect(tags(out)).toEqual(["", "parameters", "injected-parameters", "", "", "", ""]);
    expect(out.cells[2].source).toBe(
      ["// Injected parameters", "const depth = 10;", 'const activation: "relu" | "tanh" = "tanh";', "const verbose = false;",
        "const widths = [1, 2.5, 3];", "const keepProb = 0.25;"].join("\n"),
    );
  });

  it("replaces the injected cell of an earlier run instead of adding a second one", () => {
    const once = injectParameters(load(), { depth: "4" });
    const twice = injectParameters(once, { seed: "11" });
    expect(tags(twice).filter((t) => t === "injected-parameters")).toHaveLength(1);
    expect(twice.cells[2].source).toBe("// Injected parameters\nconst seed = 11;");
    expect(twice.cells).toHaveLength(once.cells.length);
  });

  it("accepts quoted strings and bracketed arrays as typed in a shell", () => {
    const out = injectParameters(load(), { activation: "'relu'", widths: "[16]" });
    expect(out.cells[2].source).toContain('= "relu";');
    expect(out.cells[2].source).toContain("const widths = [16];");
  });

  it("refuses unknown names, listing the known ones", () => {
    expect(() => injectParameters(load(), { detph: "3" })).toThrow(RangeError);
    expect(() => injectParameters(load(), { detph: "3" })).toThrow(/"detph".*depth \(number\).*widths \(number\[\]\)/);
  });

  it.each([
    ["depth", "deep", /depth = "deep" is invalid: expected a finite number/],
    ["depth", "", /depth = "" is invalid/],
    ["depth", "Infinity", /expected a finite number/],
    ["verbose", "yes", /verbose = "yes" is invalid: expected true or false/],
    ["widths", "[1, two]", /widths = "\[1, two\]" is invalid: expected a list of finite numbers/],
  ])("refuses %s=%j with a message naming the value and what is allowed", (name, value, message) => {
    expect(() => injectParameters(load(), { [name]: value })).toThrow(message);
  });

  it("refuses a value outside a literal-union annotation, naming the parameter, the value and the allowed values", () => {
    expect(() => injectParameters(load(), { activation: "foo" })).toThrow(RangeError);
    expect(() => injectParameters(load(), { activation: "foo" })).toThrow('activation = "foo" is invalid: expected one of "relu", "tanh" (its declared type)');
    expect(() => injectParameters(load(), { activation: "'sigmoid'" })).toThrow(/activation = "'sigmoid'" is invalid: expected one of "relu", "tanh"/);
  });

  it("checks numeric literal unions too, and leaves other annotations to the kernel", () => {
    const nb = load();
    const source = 'const width: 4 | 8 | 16 = 8;\nconst label: string = "x";\nconst mode: "a" | string = "a";';
    const custom = { ...nb, cells: nb.cells.map((c, i) => (i === 1 ? { ...c, source } : c)) };
    expect(() => injectParameters(custom, { width: "5" })).toThrow('width = "5" is invalid: expected one of 4, 8, 16 (its declared type)');
    expect(injectParameters(custom, { width: "16.0", label: "free", mode: "b" }).cells[2].source).toBe(
      ["// Injected parameters", "const width: 4 | 8 | 16 = 16;", 'const label: string = "free";', 'const mode: "a" | string = "b";'].join("\n"),
    );
  });

  it("refuses --set on a notebook without a parameters cell", () => {
    const nb = load();
    const untagged = { ...nb, cells: nb.cells.map((c) => ({ ...c, metadata: {} })) };
    expect(() => injectParameters(untagged, { depth: "3" })).toThrow(/code cell tagged `parameters`/);
  });
});
