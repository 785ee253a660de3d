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

// newMatrix keeps the flat view on the matrix, so that flatOf need not make one per call.
const FLAT = Symbol("flat storage");
type Writable = { data: Float64Array[]; rows: number; columns: number; [FLAT]?: Float64Array };

/**
 * A new rows×columns matrix of zeros, its rows, and `flat`, all its entries row after row in
 * one Float64Array (entry (i, j) at i·columns + j) that the rows are views into. ml-matrix's
 * constructor allocates a Float64Array per row, and V8 keeps each one larger than 64 bytes
 * outside its heap, which made allocation, not arithmetic, the largest cost of a small layer.
 * The result is an ordinary Matrix.
 */
export function newMatrix(rows: number, columns: number): { M: Matrix; rows: Float64Array[]; flat: Float64Array } {
  const buffer = new ArrayBuffer(rows * columns * 8);
  const flat = new Float64Array(buffer);
  const views = new Array<Float64Array>(rows);
  for (let i = 0; i < rows; i++) views[i] = new Float64Array(buffer, i * columns * 8, columns);
  const M = new Matrix(0, 0);
  const writable = M as unknown as Writable;
  writable.data = views;
  writable.rows = rows;
  writable.columns = columns;
  writable[FLAT] = flat;
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
  const kept = (M as unknown as Writable)[FLAT];
  // ml-matrix's addRow, removeColumn … put fresh rows (own buffer, offset 0) in place of the
  // views, so the kept view still holds M when row 0 is in its buffer and row i at i·c.
  if (kept !== undefined && kept.length === r * c && data[0].buffer === kept.buffer) {
    let same = data[0].byteOffset === 0 && data[0].length === c;
    for (let i = 1; i < r && same; i++) same = data[i].byteOffset === i * c * 8 && data[i].length === c;
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
