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

type Writable = { data: Float64Array[]; rows: number; columns: number };

/**
 * A new rows×columns matrix of zeros and its rows, ready to be filled in place. The rows are
 * views into one buffer: ml-matrix's constructor allocates a Float64Array per row, and V8
 * keeps each one larger than 64 bytes outside its heap, which made allocation, not
 * arithmetic, the largest cost of a small layer. The result is an ordinary Matrix.
 */
export function newMatrix(rows: number, columns: number): { M: Matrix; rows: Float64Array[] } {
  const buffer = new ArrayBuffer(rows * columns * 8);
  const views = new Array<Float64Array>(rows);
  for (let i = 0; i < rows; i++) views[i] = new Float64Array(buffer, i * columns * 8, columns);
  const M = new Matrix(0, 0);
  Object.assign(M as unknown as Writable, { data: views, rows, columns });
  return { M, rows: views };
}

/**
 * Row views into one growing Float64Array, for scratch copies (a transposed operand) that
 * every call of a kernel reuses instead of allocating: `take(r, c)` returns r row views of
 * length c, valid until the next `take`.
 */
export class Scratch {
  private buffer = new Float64Array(0);
  private views: Float64Array[] = [];
  private rows = -1;
  private columns = -1;

  take(rows: number, columns: number): Float64Array[] {
    if (rows === this.rows && columns === this.columns) return this.views;
    if (this.buffer.length < rows * columns) this.buffer = new Float64Array(Math.max(rows * columns, 2 * this.buffer.length));
    this.views = Array.from({ length: rows }, (_, i) => this.buffer.subarray(i * columns, (i + 1) * columns));
    [this.rows, this.columns] = [rows, columns];
    return this.views;
  }
}

/** dst = srcᵀ, with src r×c and dst c×r given as rows. */
export function transposeInto(src: readonly Float64Array[], dst: Float64Array[], r: number, c: number): void {
  for (let i = 0; i < r; i++) {
    const s = src[i];
    for (let j = 0; j < c; j++) dst[j][i] = s[j];
  }
}

/** ‖M‖_F² = Σ_ij M_ij². */
export function sumOfSquares(M: Matrix): number {
  let s = 0;
  for (const row of rowsOf(M)) for (let j = 0; j < row.length; j++) s += row[j] * row[j];
  return s;
}
