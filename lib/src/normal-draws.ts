// Matrix fills of normal draws on the WebAssembly module normal-draws.wat: the draws of
// rng.ts's TypeScript loop, bit for bit, in under half its time. A draw is mostly
// portable-math's log and cos, whose bit access (a typed-array store and load in TypeScript)
// is a register reinterpretation there, computed for two draws at once in SIMD lanes.
import { instantiate, type WasmMemory } from "./wasm-module";
import { NORMAL_DRAWS_WASM } from "./normal-draws-bytes";
import type { XoroshiroState } from "./xoroshiro";

interface DrawsModule extends WasmMemory {
  fill(out: number, count: number, std: number, mean: number): void;
  log(x: number): number;
  cos(x: number): number;
  /** ln or cos of `count` doubles at byte `at`, in place, two at a time as the fill computes them (for the tests) */
  logs(at: number, count: number): void;
  coss(at: number, count: number): void;
}

/** Draws per call: they fit in the module's first page beside the state, which never grows. */
const CHUNK = 4096;
const STATE_BYTES = 16;

let loaded: DrawsModule | null | undefined;

/** The instantiated module, or null where it cannot run (no WebAssembly SIMD, or a CSP refuses it). */
export function drawsModule(): DrawsModule | null {
  if (loaded === undefined) loaded = instantiate<DrawsModule>(NORMAL_DRAWS_WASM);
  return loaded;
}

/**
 * Fills `out` with mean + std·z, z ~ N(0, 1) by Box–Muller as rng.ts draws them, from the
 * xoroshiro128+ state `state`. Returns the state after the last draw, or null, writing
 * nothing, where the module cannot run.
 */
export function fillNormal(state: XoroshiroState, out: Float64Array, std: number, mean: number): XoroshiroState | null {
  const module = drawsModule();
  if (module === null) return null;
  const { buffer } = module.memory;
  const words = new Int32Array(buffer, 0, 4); // two little-endian i64: s0, s1
  [words[1], words[0], words[3], words[2]] = state;
  const draws = new Float64Array(buffer, STATE_BYTES, CHUNK);
  for (let at = 0; at < out.length; at += CHUNK) {
    const count = Math.min(CHUNK, out.length - at);
    module.fill(STATE_BYTES, count, std, mean);
    out.set(count === CHUNK ? draws : draws.subarray(0, count), at);
  }
  return [words[1], words[0], words[3], words[2]];
}
