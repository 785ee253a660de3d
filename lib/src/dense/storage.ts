// Direct access to an ml-matrix Matrix's storage. A Matrix keeps one Float64Array per row
// (`data`); the hot paths read and write those rows instead of calling get/set per entry,
// which costs a bounds-checked method call each. The notebooks still see plain Matrix objects.
import { Matrix } from "ml-matrix";

type Stored = { data?: unknown };

/** The rows of M as Float64Arrays: M's own storage (writes go into M), or a copy for a view. */
export function rowsOf(M: Matrix): Float64Array[] {
  const data = (M as unknown as Stored).data;
  if (Array.isArray(data) && data.length === M.rows && (M.rows === 0 || data[0] instanceof Float64Array)) {
    return data as Float64Array[];
  }
  // A matrix view (ml-matrix's MatrixTransposeView …) has no row storage of its own.
  return Array.from({ length: M.rows }, (_, i) => Float64Array.from(M.getRow(i)));
}

// newMatrix keeps the flat view on the matrix, and the row views it made, so that flatOf can
// tell with identity checks alone that the rows are still those views.
const FLAT = Symbol("flat storage");
const VIEWS = Symbol("row views");
type Writable = { data: Float64Array[]; rows: number; columns: number; [FLAT]?: Float64Array; [VIEWS]?: readonly Float64Array[] };

// Storage is carved from shared 64 KiB slabs, end to end: V8 allocates every ArrayBuffer
// outside its heap at a cost near a microsecond, as much as a 16×16 by 16×32 product on the
// SIMD kernel. A slab is freed when no matrix carved from it is left, so a kept matrix keeps
// at most its slab (64 KiB) alive; a matrix over a quarter of a slab gets a buffer of its own.
const SLAB_BYTES = 65536;
let slab = new ArrayBuffer(0);
let slabUsed = 0;

/** `bytes` of zeros: a buffer and the byte offset where they start. */
function carve(bytes: number): [ArrayBuffer, number] {
  if (bytes > SLAB_BYTES / 4) return [new ArrayBuffer(bytes), 0];
  if (slabUsed + bytes > slab.byteLength) [slab, slabUsed] = [new ArrayBuffer(SLAB_BYTES), 0];
  const at = slabUsed;
  slabUsed += bytes;
  return [slab, at];
}

/**
 * A new rows×columns matrix of zeros, its rows, and `flat`, all its entries row after row in
 * one Float64Array (entry (i, j) at i·columns + j) that the rows are views into. ml-matrix's
 * constructor allocates a Float64Array per row, each one outside V8's heap, which made
 * allocation, not arithmetic, the largest cost of a small layer. The result is an ordinary
 * Matrix.
 */
export function newMatrix(rows: number, columns: number): { M: Matrix; rows: Float64Array[]; flat: Float64Array } {
  const [buffer, at] = carve(rows * columns * 8);
  const flat = new Float64Array(buffer, at, rows * columns);
  const views = new Array<Float64Array>(rows);
  for (let i = 0; i < rows; i++) views[i] = new Float64Array(buffer, at + i * columns * 8, columns);
  const M = new Matrix(0, 0);
  const writable = M as unknown as Writable;
  writable.data = views;
  writable.rows = rows;
  writable.columns = columns;
  writable[FLAT] = flat;
  writable[VIEWS] = views.slice();
  return { M, rows: views, flat };
}

/**
 * M's entries row after row (entry (i, j) at i·columns + j): a view of M's own storage when
 * its rows lie end to end in one buffer (every matrix newMatrix made, unless a row was since
 * replaced), else a copy written into `scratch` (valid until that scratch's next use).
 */
export function flatOf(M: Matrix, scratch: Scratch): Float64Array {
  const { rows: r, columns: c } = M;
  const data = rowsOf(M);
  if (r === 0 || c === 0) return new Float64Array(0);
  const { [FLAT]: kept, [VIEWS]: views } = M as unknown as Writable;
  // ml-matrix's addRow, removeColumn … put fresh rows in place of the views and removeRow
  // shifts them; the kept view still holds M while row i is still the i-th view made with it.
  if (kept !== undefined && views !== undefined && kept.length === r * c && views.length === r) {
    let same = true;
    for (let i = 0; i < r && same; i++) same = data[i] === views[i];
    if (same) return kept;
  }
  const flat = scratch.take(r * c);
  for (let i = 0; i < r; i++) flat.set(data[i], i * c);
  return flat;
}

/** One growing Float64Array that every call of a kernel reuses for its copies instead of allocating. */
export class Scratch {
  private buffer = new Float64Array(0);

  /** `length` numbers, valid until the next `take`. */
  take(length: number): Float64Array {
    if (this.buffer.length < length) this.buffer = new Float64Array(Math.max(length, 2 * this.buffer.length));
    return this.buffer.length === length ? this.buffer : this.buffer.subarray(0, length);
  }
}

/** ‖M‖_F² = Σ_ij M_ij². */
export function sumOfSquares(M: Matrix): number {
  let s = 0;
  for (const row of rowsOf(M)) for (let j = 0; j < row.length; j++) s += row[j] * row[j];
  return s;
}
