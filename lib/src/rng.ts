// Seeded randomness. Every random function in the library takes an `Rng` argument, so a
// notebook that fixes `seed` reproduces every number bit for bit on every run, machine and
// JavaScript engine (the normal draws use portable-math's log and cos, not Math's).
// The generator is xoroshiro128+ (xoroshiro.ts); the floating-point draws are built on it here,
// and matrices of normal draws are filled by normal-draws.wat with the same bits.
import type { Matrix } from "ml-matrix";
import { newMatrix } from "./dense/storage";
import { fail, requireBudget, requireInteger, requireInterval, requireFinite } from "./checks";
import { fillNormal } from "./normal-draws";
import { cos, log } from "./portable-math";
import { Xoroshiro128Plus, type XoroshiroState } from "./xoroshiro";

export interface Rng {
  /** Uniform on [0, 1), 53 random bits. */
  uniform(): number;
  /** Standard normal N(0, 1) (Box–Muller). */
  normal(): number;
  /** 1 with probability p, else 0. */
  bernoulli(p: number): 0 | 1;
  /** rows×columns matrix of U[lo, hi). */
  uniformMatrix(rows: number, columns: number, lo?: number, hi?: number): Matrix;
  /** rows×columns matrix of N(mean, std²). */
  normalMatrix(rows: number, columns: number, std?: number, mean?: number): Matrix;
  /** rows×columns matrix of i.i.d. Bernoulli(p) entries (a dropout mask, p = keep probability). */
  bernoulliMask(rows: number, columns: number, p: number): Matrix;
  /** A new independent generator derived from this one (for parallel streams). */
  split(): Rng;
}

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;
/** Below this many entries a normal fill stays in TypeScript: the call would cost more than it saves. */
export const WASM_FILL_MIN = 8;

/**
 * The 128-bit xoroshiro state, filled from the seed by splitmix32 as xoroshiro's authors
 * recommend. Seeding the state directly with a small integer (pure-rand's default,
 * state = (-1, ~seed, seed, 0)) leaves it so sparse that the first draws sit near 1 for
 * every seed; splitmix spreads each seed over all 128 bits.
 */
function seedState(seed: number): XoroshiroState {
  let s = seed | 0;
  const next = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  return [next(), next(), next(), next()];
}

export function createRng(seed: number): Rng {
  requireInteger("seed", seed, 0, 2 ** 31 - 1);
  const gen = new Xoroshiro128Plus(...seedState(seed));
  const next32 = () => gen.next() >>> 0;

  const uniform = () => {
    // 27 + 26 bits -> a double with 53 random bits, as in Mersenne Twister's genrand_res53.
    const a = next32() >>> 5;
    const b = next32() >>> 6;
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  };
  const normal = () => {
    // Box–Muller: sqrt(-2 ln u1) cos(2π u2) is N(0,1) for independent uniforms; 1 - u avoids log 0.
    const u1 = 1 - uniform();
    const u2 = uniform();
    return Math.sqrt(-2 * log(u1)) * cos(2 * Math.PI * u2);
  };
  // Each matrix fill is its own loop over the entries (row after row), so that the engine
  // inlines its draw: one loop calling a callback per entry costs more than the draw itself.
  const storage = (rows: number, columns: number) => {
    requireInteger("rows", rows, 0);
    requireInteger("columns", columns, 0);
    requireBudget("rows × columns", rows * columns, "memory");
    return newMatrix(rows, columns);
  };
  const bernoulli = (p: number): 0 | 1 => {
    requireInterval("p", p, 0, 1);
    return uniform() < p ? 1 : 0;
  };

  return {
    uniform,
    normal,
    bernoulli,
    uniformMatrix: (rows, columns, lo = 0, hi = 1) => {
      requireFinite("lo", lo);
      requireFinite("hi", hi);
      if (!(lo < hi)) fail("hi", hi, `a number > lo = ${lo} (U[lo, hi) is empty otherwise)`);
      const { M, flat } = storage(rows, columns);
      for (let i = 0; i < flat.length; i++) flat[i] = lo + (hi - lo) * uniform();
      return M;
    },
    normalMatrix: (rows, columns, std = 1, mean = 0) => {
      requireInterval("std", std, 0, Infinity, "[)");
      requireFinite("mean", mean);
      const { M, flat } = storage(rows, columns);
      // the same draws on the WebAssembly module (normal-draws.ts), which hands the state back
      const state = flat.length >= WASM_FILL_MIN ? fillNormal(gen.state, flat, std, mean) : null;
      if (state !== null) gen.state = state;
      else for (let i = 0; i < flat.length; i++) flat[i] = mean + std * normal();
      return M;
    },
    bernoulliMask: (rows, columns, p) => {
      requireInterval("p", p, 0, 1);
      const { M, flat } = storage(rows, columns);
      for (let i = 0; i < flat.length; i++) flat[i] = uniform() < p ? 1 : 0;
      return M;
    },
    split: () => createRng(next32() >>> 1),
  };
}
