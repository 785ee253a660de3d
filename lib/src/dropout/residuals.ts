// The held-out error of fitted weights: the mean squared residual of every fit on the same
// test rows, (1/m) Σ_i (y_i − x_iᵀw − b)². A held-out curve needs thousands of them.

/**
 * (1/m) Σ_i (y_i − x_iᵀw − b)², row by row from the matrix's storage. meanSquaredResiduals
 * keeps this order of operations exactly, so both give the same bits.
 */
export function meanSquaredResidual(rows: readonly Float64Array[], y: readonly number[], w: readonly number[], b: number): number {
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i];
    let e = y[i] - b;
    for (let j = 0; j < w.length; j++) e -= x[j] * w[j];
    sum += e * e;
  }
  return sum / rows.length;
}

/**
 * meanSquaredResidual for many weight vectors on the same rows, each with the very same
 * operations in the same order (so the same bits), four at a time: a held-out curve asks for
 * thousands of them, and each pass over the rows loads x_ij once for four settings.
 */
export function meanSquaredResiduals(rows: readonly Float64Array[], y: readonly number[], fits: readonly { w: number[]; b: number }[]): number[] {
  const errors = new Array<number>(fits.length);
  const m = rows.length;
  let k = 0;
  for (; k + 3 < fits.length; k += 4) {
    const [w0, w1, w2, w3] = [fits[k].w, fits[k + 1].w, fits[k + 2].w, fits[k + 3].w];
    const [b0, b1, b2, b3] = [fits[k].b, fits[k + 1].b, fits[k + 2].b, fits[k + 3].b];
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < m; i++) {
      const x = rows[i];
      let e0 = y[i] - b0, e1 = y[i] - b1, e2 = y[i] - b2, e3 = y[i] - b3;
      for (let j = 0; j < w0.length; j++) {
        const v = x[j];
        e0 -= v * w0[j];
        e1 -= v * w1[j];
        e2 -= v * w2[j];
        e3 -= v * w3[j];
      }
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
    }
    errors[k] = s0 / m;
    errors[k + 1] = s1 / m;
    errors[k + 2] = s2 / m;
    errors[k + 3] = s3 / m;
  }
  for (; k < fits.length; k++) errors[k] = meanSquaredResidual(rows, y, fits[k].w, fits[k].b);
  return errors;
}
