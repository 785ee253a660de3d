// The WebAssembly normal draws (normal-draws.wat) against the TypeScript ones: the module's
// log and cos, one at a time and two at a time in SIMD lanes as its fills compute them,
// against portable-math's on the inputs Box–Muller feeds them and on every branch boundary,
// and whole matrix fills against the scalar draw loop, bit for bit, including the generator
// state each leaves behind. portable-math's own tests pin the TypeScript side to
// the engine's Math; this file pins the module to it.
import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NORMAL_DRAWS_WASM } from "../../lib/src/normal-draws-bytes";
import { drawsModule } from "../../lib/src/normal-draws";
import { cos, log } from "../../lib/src/portable-math";
import { createRng, WASM_FILL_MIN } from "../../lib/src/rng";
import { instantiate } from "../../lib/src/wasm-module";

const module = drawsModule();
const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
/** The inputs where the module's f and portable-math's g differ (empty when bit-identical). */
const mismatches = (f: (x: number) => number, g: (x: number) => number, xs: number[]) => xs.filter((x) => !same(f(x), g(x)));
/**
 * The inputs where the module's two-lane `name` (run in place on them, two at a time, an odd
 * last one alone) differs from portable-math's g; in chunks that fit the module's memory.
 */
function mismatchesInPairs(name: "logs" | "coss", g: (x: number) => number, xs: number[]): number[] {
  const chunk = 4096;
  const out: number[] = [];
  for (let at = 0; at < xs.length; at += chunk) {
    const part = xs.slice(at, at + chunk);
    const memory = new Float64Array(module!.memory.buffer, 16, part.length);
    memory.set(part);
    module![name](16, part.length);
    part.forEach((x, i) => { if (!same(memory[i], g(x))) out.push(x); });
  }
  return out;
}
/** x and its neighbouring doubles, `k` steps each way. */
function around(x: number, k = 3): number[] {
  const f = new Float64Array(1), i = new BigInt64Array(f.buffer);
  f[0] = x;
  const at = i[0];
  return Array.from({ length: 2 * k + 1 }, (_, j) => ((i[0] = at + BigInt(j - k)), f[0]));
}
const rng = createRng(99);

describe("the WebAssembly normal-draws module", () => {
  it("is built from the .wat files as they are now (else run npm run build)", async () => {
    const build = createRequire(import.meta.url)("../../lib/scripts/wasm-modules.cjs");
    const draws = build.WASM_MODULES.find((m: { constant: string }) => m.constant === "NORMAL_DRAWS_WASM");
    expect((await build.assemble(draws.watPath)).toString("base64")).toBe(NORMAL_DRAWS_WASM);
  });

  it("runs on this engine, so the fills below went through it", () => {
    expect(module).not.toBeNull();
  });

  it("computes portable-math's log bit for bit: u1 in (0, 1], branch boundaries, subnormals, specials", () => {
    const uniforms = Array.from({ length: 200_000 }, () => 1 - rng.uniform());
    // high words (mantissa's top 20 bits) at and beside the thresholds of the normalisation
    // (0x6a09c: x or x/2) and of the tail's two forms (0x6147a, 0x6b851), in [1/2, 1) and [1, 2)
    const thresholds = [0x6a09c, 0x6147a, 0x6b851].flatMap((t) => [t - 1, t, t + 1]);
    const byWords = thresholds.flatMap((m) =>
      [0x3fe00000, 0x3ff00000].flatMap((e) => [0, 0x9e3779b9, 0xffffffff].map((low) => new Float64Array(new Uint32Array([low, e | m]).buffer)[0])),
    );
    const edges = [
      1, 2 ** -53, 1 - 2 ** -53, Math.SQRT1_2, Math.SQRT2, 0.5, 0.25, 2, 1 + 2 ** -20, 1 - 2 ** -21, 1 + 2 ** -30,
      Number.MIN_VALUE, 2 ** -1030, 2 ** -1022, 1e300, Number.MAX_VALUE, 0, -0, Infinity, -1, NaN,
    ].flatMap((x) => (Number.isFinite(x) && x > 0 ? around(x) : [x]));
    expect(byWords.length).toBe(54);
    expect(mismatches(module!.log, log, [...uniforms, ...byWords, ...edges])).toEqual([]);
    // the fill's two-lane log, on every positive normal input (its domain: u1 ≥ 2^-53), with
    // the rare |f| < 2^-20 branch (1, 1/2, 2, 1 + 2^-30 …) in some pairs
    const normal = [...edges, ...byWords, ...uniforms].filter((x) => x >= 2 ** -1022 && x < Infinity);
    expect(normal.filter((x) => Math.abs(x / 2 ** Math.round(Math.log2(x)) - 1) < 2 ** -20).length).toBeGreaterThan(10);
    expect(mismatchesInPairs("logs", log, normal)).toEqual([]);
  });

  it("computes portable-math's cos bit for bit: 2π·u2 over [0, 2π), quadrant boundaries and exact halves", () => {
    const angles = Array.from({ length: 200_000 }, () => 2 * Math.PI * rng.uniform());
    const P = 1.57079632673412561417 + 6.07710050650619224932e-11; // the reduction's π/2
    // n = round(x/(π/2)) rounds halves up: every angle in [0, 2π) whose quotient is exactly k + 1/2
    // (found among the neighbours of (k + 1/2)·π/2), and quadrant edges
    const halves = Array.from({ length: 4 }, (_, k) => (k + 0.5) * P).flatMap((x) => around(x, 20)).filter((x) => x / P === Math.floor(x / P) + 0.5);
    const edges = [0, -0, 0.3, 0.78125, Math.PI / 4, Math.PI / 2, Math.PI, 1.5 * Math.PI, 2 * Math.PI, -1, -Math.PI, 1e5]
      .flatMap((x) => around(x))
      .concat(around(0.3 * 4), [NaN, Infinity, -Infinity]);
    expect(halves.length).toBe(4);
    expect(mismatches(module!.cos, cos, [...angles, ...halves, ...edges])).toEqual([]);
    expect(mismatchesInPairs("coss", cos, [...halves, ...edges, ...angles].filter(Number.isFinite))).toEqual([]);
  });
});

describe("normalMatrix on the module", () => {
  // Sizes below, at and above the module's threshold and its 4096-draw chunks.
  const sizes: [number, number][] = [[0, 3], [1, 1], [1, 7], [2, 4], [3, 3], [64, 64], [1, 4097], [96, 97]];
  for (const [rows, columns] of sizes) {
    it(`fills ${rows}×${columns} with the scalar draws mean + std·normal() and leaves the same state`, () => {
      const [a, b] = [createRng(rows * 1000 + columns), createRng(rows * 1000 + columns)];
      const M = a.normalMatrix(rows, columns, 0.37, -2);
      const loop = Array.from({ length: rows * columns }, () => -2 + 0.37 * b.normal());
      const flat = M.to2DArray().flat();
      expect(flat.every((v, i) => Object.is(v, loop[i]))).toBe(true);
      expect([a.uniform(), a.normal()]).toEqual([b.uniform(), b.normal()]);
    });
  }

  it("hands fills of at least WASM_FILL_MIN entries to the module (its memory holds the last draws)", () => {
    const r = createRng(5);
    const M = r.normalMatrix(1, WASM_FILL_MIN + 1);
    const drawn = new Float64Array(module!.memory.buffer, 16, WASM_FILL_MIN + 1);
    expect(Array.from(drawn)).toEqual(M.getRow(0));
  });
});

describe("instantiating a module", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("returns null where the engine has no WebAssembly", () => {
    vi.stubGlobal("WebAssembly", undefined);
    expect(instantiate(NORMAL_DRAWS_WASM)).toBeNull();
  });

  it("returns null where a page's Content-Security-Policy refuses to compile, and rethrows anything else", () => {
    const refuse = (name: string) => {
      const api = { validate: () => true, Module: class { constructor() { const e = new Error("refused"); e.name = name; throw e; } }, Instance: class {} };
      vi.stubGlobal("WebAssembly", api);
    };
    refuse("CompileError");
    expect(instantiate(NORMAL_DRAWS_WASM)).toBeNull();
    refuse("TypeError");
    expect(() => instantiate(NORMAL_DRAWS_WASM)).toThrow("refused");
  });
});
