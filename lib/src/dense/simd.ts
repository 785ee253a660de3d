// The WebAssembly SIMD product (simd-product.wat) behind the same call as stridedProduct.
// WebAssembly reads only its own memory, so each call copies A and B in and C out; B is
// transposed on the way in when it is stored transposed (A·Bᵀ), so that the kernel's loads
// of B are always rows. The sums are those of the TypeScript kernel in the same order, so
// which of the two runs a product never changes a result (tests/dense pins both to the
// triple loop, bit for bit).
import { SIMD_PRODUCT_WASM } from "./simd-product-bytes";

interface ProductModule {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  product(c: number, a: number, ai: number, ap: number, b: number, m: number, k: number, n: number, lower: number): void;
  transpose(dst: number, src: number, rows: number, cols: number): void;
}

const PAGE = 65536;
const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The part of the WebAssembly API used here (the library compiles without the DOM's typings). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

let loaded: ProductModule | null | undefined;

/** The instantiated kernel, or null where the engine has no WebAssembly SIMD. */
export function simdModule(): ProductModule | null {
  if (loaded === undefined) {
    const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    const bytes = decodeBase64(SIMD_PRODUCT_WASM);
    loaded = null;
    if (wasm?.validate(bytes)) {
      try {
        loaded = new wasm.Instance(new wasm.Module(bytes)).exports as ProductModule;
      } catch (refused) {
        // A page whose Content-Security-Policy forbids compiling WebAssembly: products run on
        // the TypeScript kernel, with the same results.
        if (!(refused instanceof Error && /CompileError|EvalError/.test(refused.name))) throw refused;
      }
    }
  }
  return loaded;
}

/**
 * The module's memory as float64s, grown to hold at least `bytes` (it never shrinks: the
 * largest product so far sets its size), or null when it cannot grow that far.
 */
function memoryOf(module: ProductModule, bytes: number): Float64Array | null {
  const { memory } = module;
  const missing = Math.ceil((bytes - memory.buffer.byteLength) / PAGE);
  if (missing > 0) {
    try {
      memory.grow(missing);
    } catch (full) {
      if (full instanceof RangeError) return null; // past 4 GiB or the engine's limit
      throw full;
    }
  }
  return new Float64Array(memory.buffer);
}

/**
 * C (m×n, row-major) = A·B with A(i, p) = a[i·ai + p·ap] and B(p, j) = b[p·bp + j·bj], on the
 * SIMD kernel. B must be stored by rows (bj = 1, bp = n) or by columns (bp = 1, bj = k).
 * Returns false, writing nothing, when there is no SIMD kernel, B is stored otherwise or the
 * operands do not fit in the module's memory. With `lowerOnly` (a symmetric C, m = n) only the
 * entries on and below the diagonal are sure to be written: the caller fills the rest.
 */
export function simdProduct(
  c: Float64Array,
  a: Float64Array, ai: number, ap: number,
  b: Float64Array, bp: number, bj: number,
  m: number, k: number, n: number,
  lowerOnly = false,
): boolean {
  const byRows = bj === 1 && bp === n;
  const byColumns = bp === 1 && bj === k;
  const module = simdModule();
  if (module === null || !(byRows || byColumns)) return false;
  // Layout in bytes: A | B (as stored) | B by rows, when it had to be transposed | C.
  const aAt = 0;
  const shared = b === a && byRows;
  const bAt = shared ? aAt : align(aAt + a.length * 8);
  const rowsAt = byRows ? bAt : align(bAt + b.length * 8);
  const cAt = align(Math.max(aAt + a.length * 8, rowsAt + k * n * 8));
  const memory = memoryOf(module, cAt + m * n * 8);
  if (memory === null) return false;
  memory.set(a, aAt / 8);
  if (!shared) memory.set(b, bAt / 8);
  if (byColumns) module.transpose(rowsAt, bAt, n, k);
  module.product(cAt, aAt, ai * 8, ap * 8, rowsAt, m, k, n, lowerOnly ? 1 : 0);
  c.set(memory.subarray(cAt / 8, cAt / 8 + m * n));
  return true;
}
