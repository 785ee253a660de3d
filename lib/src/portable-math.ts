// exp, log, expm1, tanh and cos that give the same bits on every JavaScript engine.
//
// Math.exp, Math.log, Math.cos, Math.pow … are only required to be "implementation-
// approximated": Node 20 and a current Chromium disagree in the last bit for about one input
// in ten. A seeded notebook must print the same numbers in the kernel, in a live deck and on
// a student's newer Node, and quantities computed with cancellation (the norm of a long
// Jacobian product) turn a last-bit difference into a visible one. These functions use only
// + − × ÷ and √ (correctly rounded by IEEE 754, hence identical everywhere) and bit access,
// following fdlibm's algorithms (Sun Microsystems, 1993), accurate to about one ulp.

// Bit access: one 8-byte buffer read as a double and as two 32-bit words. Which word holds
// the sign, exponent and top of the mantissa depends on the machine's byte order.
const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);
const HIGH = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: the second word
const LOW = 1 - HIGH;
const highWord = (x: number) => ((bits[0] = x), words[HIGH]);
/** x with its high 32 bits replaced (the low 32 bits kept). */
function withHighWord(x: number, high: number): number {
  bits[0] = x;
  words[HIGH] = high;
  return bits[0];
}
/** x with its low 32 bits cleared. */
function withoutLowWord(x: number): number {
  bits[0] = x;
  words[LOW] = 0;
  return bits[0];
}
/** 2^k exactly, for an integer k in [-1022, 1023]. */
function pow2(k: number): number {
  words[HIGH] = (k + 1023) << 20;
  words[LOW] = 0;
  return bits[0];
}
/** y·2^k, exact unless the result is subnormal (then rounded once, the same everywhere). */
function scale(y: number, k: number): number {
  if (k > 1023) return y * pow2(1023) * pow2(k - 1023);
  if (k < -1022) return y * pow2(-1022) * pow2(Math.max(k + 1022, -1022));
  return y * pow2(k);
}

// ln 2 split so that k·LN2_HI is exact for |k| < 2^11.
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;

/**
 * e^x. Reduce x = k·ln2 + r with |r| ≤ ln2/2, then e^r = 1 + r + r·c/(2 − c) where
 * c = r − r²·P(r²) (a Remez polynomial for the rest), and e^x = 2^k·e^r.
 */
export function exp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.782712893383973096) return Infinity;
  if (x < -745.13321910194110842) return 0;
  if (Math.abs(x) < 3.725290298461914e-9) return 1 + x;
  const k = Math.abs(x) < 0.5 * LN2_HI ? 0 : Math.round(x * INV_LN2);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (1.66666666666666019037e-1 + t * (-2.77777777770155933842e-3 + t * (6.61375632143793436117e-5 + t * (-1.65339022054652515390e-6 + t * 4.13813679705723846039e-8))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  return k === 0 ? y : scale(y, k);
}

/**
 * ln x. Write x = 2^k·(1 + f) with √2/2 < 1 + f < √2, then ln(1 + f) = 2s + 2s³/3 + …
 * with s = f/(2 + f), the series' tail a Remez polynomial in s².
 */
export function log(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let k = 0;
  let hx = highWord(x);
  if (hx < 0x00100000) {
    k -= 54; // subnormal: scale up by 2^54
    x *= 18014398509481984;
    hx = highWord(x);
  }
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000)); // normalise x or x/2
  k += i >> 20;
  const f = x - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - (R - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (3.999999999940941908e-1 + w * (2.222219843214978396e-1 + w * 1.531383769920937332e-1));
  const t2 = z * (6.666666666666735130e-1 + w * (2.857142874366239149e-1 + w * (1.818357216161805012e-1 + w * 1.479819860511658591e-1)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

/**
 * e^x − 1 without cancellation near 0 (Kahan): with u = e^x rounded, (u − 1)·x / ln u
 * corrects the rounding of u to first order.
 */
export function expm1(x: number): number {
  if (Math.abs(x) >= 0.5 || Number.isNaN(x)) return exp(x) - 1;
  const u = exp(x);
  if (u === 1) return x;
  const um1 = u - 1;
  if (um1 === -1) return -1;
  return (um1 * x) / log(u);
}

/** tanh x = −t/(t + 2) with t = e^(−2|x|) − 1 (|x| < 1), else 1 − 2/(e^(2|x|) + 1); odd. */
export function tanh(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 2.7755575615628914e-17) return x;
  let z: number;
  if (a >= 22) z = 1;
  else if (a >= 1) z = 1 - 2 / (expm1(2 * a) + 2);
  else {
    const t = expm1(-2 * a);
    z = -t / (t + 2);
  }
  return x < 0 ? -z : z;
}

// cos on [−π/4, π/4] for r = y + tail: 1 − r²/2 + r⁴·C(r²), and sin: r + r³·S(r²).
function kernelCos(y: number, tail: number): number {
  const z = y * y;
  const r = z * (4.16666666666666019037e-2 + z * (-1.38888888888741095749e-3 + z * (2.48015872894767294178e-5 + z * (-2.75573143513906633035e-7 + z * (2.08757232129817482790e-9 + z * -1.13596475577881948265e-11)))));
  const a = Math.abs(y);
  if (a < 0.3) return 1 - (0.5 * z - (z * r - y * tail));
  const qx = a > 0.78125 ? 0.28125 : withoutLowWord(a / 4);
  return 1 - qx - (0.5 * z - qx - (z * r - y * tail));
}

function kernelSin(y: number, tail: number): number {
  const z = y * y;
  const v = z * y;
  const r = 8.33333333332248946124e-3 + z * (-1.98412698298579493134e-4 + z * (2.75573137070700676789e-6 + z * (-2.50507602534068634195e-8 + z * 1.58969099521155010221e-10)));
  return y - (z * (0.5 * tail - v * r) - tail - v * -1.66666666666666324348e-1);
}

// π/2 in two parts (the first 33 bits, then the rest), so n·PIO2_1 is exact for |n| < 2^20.
const PIO2_1 = 1.57079632673412561417;
const PIO2_1T = 6.07710050650619224932e-11;

/** cos x for |x| ≤ 2^20·π/2: x = n·π/2 + r with |r| ≤ π/4, then ±cos r or ±sin r by n mod 4. */
export function cos(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) > 1647099.3291652855) throw new RangeError(`cos(x) with x = ${x} is outside the portable range: expected |x| ≤ 2^20·π/2`);
  const n = Math.round(x / (PIO2_1 + PIO2_1T));
  const head = x - n * PIO2_1;
  const y = head - n * PIO2_1T;
  const tail = head - y - n * PIO2_1T;
  switch (((n % 4) + 4) % 4) {
    case 0:
      return kernelCos(y, tail);
    case 1:
      return -kernelSin(y, tail);
    case 2:
      return -kernelCos(y, tail);
    default:
      return kernelSin(y, tail);
  }
}
