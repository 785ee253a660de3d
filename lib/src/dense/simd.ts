// The WebAssembly SIMD product (simd-product.wat) behind the same call as stridedProduct.
// WebAssembly reads only its own memory, so each call copies A and B in and C out; B is
// transposed on the way in when it is stored transposed (A·Bᵀ), so that the kernel's loads
// of B are always rows. The sums are those of the TypeScript kernel in the same order, so
// which of the two runs a product never changes a result (tests/dense pins both to the
// triple loop, bit for bit).
import { instantiate, memoryOf, type WasmMemory } from "../wasm-module";
import { SIMD_PRODUCT_WASM } from "./simd-product-bytes";

interface ProductModule extends WasmMemory {
  product(c: number, a: number, ai: number, ap: number, b: number, m: number, k: number, n: number, lower: number): void;
  transpose(dst: number, src: number, rows: number, cols: number): void;
}

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

let loaded: ProductModule | null | undefined;

/**
 * The instantiated kernel, or null where the engine has no WebAssembly SIMD or the page's
 * CSP refuses it: products then run on the TypeScript kernel, with the same results.
 */
export function simdModule(): ProductModule | null {
  if (loaded === undefined) loaded = instantiate<ProductModule>(SIMD_PRODUCT_WASM);
  return loaded;
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
  const buffer = memoryOf(module, cAt + m * n * 8);
  if (buffer === null) return false;
  const memory = new Float64Array(buffer);
  memory.set(a, aAt / 8);
  if (!shared) memory.set(b, bAt / 8);
  if (byColumns) module.transpose(rowsAt, bAt, n, k);
  module.product(cAt, aAt, ai * 8, ap * 8, rowsAt, m, k, n, lowerOnly ? 1 : 0);
  c.set(memory.subarray(cAt / 8, cAt / 8 + m * n));
  return true;
}
