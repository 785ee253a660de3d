;; Normal draws for rng.ts in WebAssembly: the same generator, the same Box–Muller and the
;; same fdlibm log and cos as rng.ts and portable-math.ts, operation for operation, so a
;; matrix filled here holds the very bits the TypeScript loop would write (tests/lib pins
;; the two to each other; portable-math's tests pin log and cos to Math's within an ulp).
;; Only + − × ÷, √ and bit access are used: all exact in IEEE 754, as in portable-math.ts.
;; The fill computes two draws at once in SIMD lanes ($log2, $cos2): each of $log's and
;; $cos's branches is computed on both lanes and the taken one selected, as branching per
;; lane is not possible (and a coin-flip branch mispredicts anyway).
;;
;; Memory: the generator's state at byte 0 (s0 then s1, two little-endian i64), the draws
;; from byte 16 on.
(module
  (memory (export "memory") 1)
  (global $s0 (mut i64) (i64.const 0))
  (global $s1 (mut i64) (i64.const 0))

  ;; xoroshiro128+ (a = 24, b = 16, c = 37) as xoroshiro.ts steps it on 32-bit words: the
  ;; low 32 bits of s0 + s1, then the state update.
  (func $next32 (result i32)
    (local $out i32) (local $x i64)
    (local.set $out (i32.wrap_i64 (i64.add (global.get $s0) (global.get $s1))))
    (local.set $x (i64.xor (global.get $s1) (global.get $s0)))
    (global.set $s0
      (i64.xor (i64.xor (i64.rotl (global.get $s0) (i64.const 24)) (local.get $x))
               (i64.shl (local.get $x) (i64.const 16))))
    (global.set $s1 (i64.rotl (local.get $x) (i64.const 37)))
    (local.get $out))

  ;; U[0, 1) with 53 random bits: (a·2^26 + b)/2^53, a the top 27 bits of one draw, b the top 26 of the next.
  (func $uniform (result f64)
    (local $a f64)
    (local.set $a (f64.convert_i32_u (i32.shr_u (call $next32) (i32.const 5))))
    (f64.div
      (f64.add (f64.mul (local.get $a) (f64.const 67108864))
               (f64.convert_i32_u (i32.shr_u (call $next32) (i32.const 6))))
      (f64.const 9007199254740992)))

  (func $highWord (param $x f64) (result i32)
    (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))

  ;; ln x: x = 2^k·(1 + f) with √2/2 < 1 + f < √2, ln(1 + f) = 2s + 2s³/3 + … with s = f/(2 + f).
  (func $log (export "log") (param $x f64) (result f64)
    (local $k i32) (local $hx i32) (local $i i32) (local $f f64) (local $dk f64)
    (local $R f64) (local $s f64) (local $z f64) (local $w f64) (local $t1 f64) (local $t2 f64) (local $hfsq f64)
    (if (f64.ne (local.get $x) (local.get $x)) (then (return (local.get $x))))
    (if (f64.lt (local.get $x) (f64.const 0)) (then (return (f64.const nan))))
    (if (f64.eq (local.get $x) (f64.const 0)) (then (return (f64.const -inf))))
    (if (f64.eq (local.get $x) (f64.const inf)) (then (return (f64.const inf))))
    (local.set $hx (call $highWord (local.get $x)))
    (if (i32.lt_s (local.get $hx) (i32.const 0x00100000))
      (then
        ;; subnormal: scale up by 2^54
        (local.set $k (i32.const -54))
        (local.set $x (f64.mul (local.get $x) (f64.const 18014398509481984)))
        (local.set $hx (call $highWord (local.get $x)))))
    (local.set $k (i32.add (local.get $k) (i32.sub (i32.shr_s (local.get $hx) (i32.const 20)) (i32.const 1023))))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x000fffff)))
    (local.set $i (i32.and (i32.add (local.get $hx) (i32.const 0x95f64)) (i32.const 0x100000)))
    ;; normalise x or x/2: its high word becomes hx | (i ^ 0x3ff00000), its low word is kept
    (local.set $x
      (f64.reinterpret_i64
        (i64.or
          (i64.shl (i64.extend_i32_u (i32.or (local.get $hx) (i32.xor (local.get $i) (i32.const 0x3ff00000)))) (i64.const 32))
          (i64.and (i64.reinterpret_f64 (local.get $x)) (i64.const 0xffffffff)))))
    (local.set $k (i32.add (local.get $k) (i32.shr_s (local.get $i) (i32.const 20))))
    (local.set $f (f64.sub (local.get $x) (f64.const 1)))
    (local.set $dk (f64.convert_i32_s (local.get $k)))
    (if (i32.lt_s (i32.and (i32.const 0x000fffff) (i32.add (i32.const 2) (local.get $hx))) (i32.const 3))
      (then
        ;; |f| < 2^-20
        (if (f64.eq (local.get $f) (f64.const 0))
          (then
            (if (i32.eqz (local.get $k)) (then (return (f64.const 0))))
            (return (f64.add (f64.mul (local.get $dk) (f64.const 6.93147180369123816490e-1))
                             (f64.mul (local.get $dk) (f64.const 1.90821492927058770002e-10))))))
        (local.set $R (f64.mul (f64.mul (local.get $f) (local.get $f))
                               (f64.sub (f64.const 0.5) (f64.mul (f64.const 0.33333333333333333) (local.get $f)))))
        (if (i32.eqz (local.get $k)) (then (return (f64.sub (local.get $f) (local.get $R)))))
        (return (f64.sub (f64.mul (local.get $dk) (f64.const 6.93147180369123816490e-1))
                         (f64.sub (f64.sub (local.get $R) (f64.mul (local.get $dk) (f64.const 1.90821492927058770002e-10)))
                                  (local.get $f))))))
    (local.set $s (f64.div (local.get $f) (f64.add (f64.const 2) (local.get $f))))
    (local.set $z (f64.mul (local.get $s) (local.get $s)))
    (local.set $w (f64.mul (local.get $z) (local.get $z)))
    (local.set $t1 (f64.mul (local.get $w)
      (f64.add (f64.const 3.999999999940941908e-1) (f64.mul (local.get $w)
        (f64.add (f64.const 2.222219843214978396e-1) (f64.mul (local.get $w) (f64.const 1.531383769920937332e-1)))))))
    (local.set $t2 (f64.mul (local.get $z)
      (f64.add (f64.const 6.666666666666735130e-1) (f64.mul (local.get $w)
        (f64.add (f64.const 2.857142874366239149e-1) (f64.mul (local.get $w)
          (f64.add (f64.const 1.818357216161805012e-1) (f64.mul (local.get $w) (f64.const 1.479819860511658591e-1)))))))))
    (local.set $R (f64.add (local.get $t2) (local.get $t1)))
    (if (i32.gt_s (i32.or (i32.sub (local.get $hx) (i32.const 0x6147a)) (i32.sub (i32.const 0x6b851) (local.get $hx))) (i32.const 0))
      (then
        (local.set $hfsq (f64.mul (f64.mul (f64.const 0.5) (local.get $f)) (local.get $f)))
        (if (i32.eqz (local.get $k))
          (then
            (return (f64.sub (local.get $f)
                             (f64.sub (local.get $hfsq) (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $R))))))))
        (return (f64.sub (f64.mul (local.get $dk) (f64.const 6.93147180369123816490e-1))
                         (f64.sub (f64.sub (local.get $hfsq)
                                           (f64.add (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $R)))
                                                    (f64.mul (local.get $dk) (f64.const 1.90821492927058770002e-10))))
                                  (local.get $f))))))
    (if (i32.eqz (local.get $k))
      (then (return (f64.sub (local.get $f) (f64.mul (local.get $s) (f64.sub (local.get $f) (local.get $R)))))))
    (f64.sub (f64.mul (local.get $dk) (f64.const 6.93147180369123816490e-1))
             (f64.sub (f64.sub (f64.mul (local.get $s) (f64.sub (local.get $f) (local.get $R)))
                               (f64.mul (local.get $dk) (f64.const 1.90821492927058770002e-10)))
                      (local.get $f))))

  ;; cos on [−π/4, π/4] for r = y + tail: 1 − r²/2 + r⁴·C(r²).
  (func $kernelCos (param $y f64) (param $tail f64) (result f64)
    (local $z f64) (local $r f64) (local $a f64) (local $qx f64)
    (local.set $z (f64.mul (local.get $y) (local.get $y)))
    (local.set $r (f64.mul (local.get $z)
      (f64.add (f64.const 4.16666666666666019037e-2) (f64.mul (local.get $z)
        (f64.add (f64.const -1.38888888888741095749e-3) (f64.mul (local.get $z)
          (f64.add (f64.const 2.48015872894767294178e-5) (f64.mul (local.get $z)
            (f64.add (f64.const -2.75573143513906633035e-7) (f64.mul (local.get $z)
              (f64.add (f64.const 2.08757232129817482790e-9) (f64.mul (local.get $z) (f64.const -1.13596475577881948265e-11)))))))))))))
    (local.set $a (f64.abs (local.get $y)))
    (if (f64.lt (local.get $a) (f64.const 0.3))
      (then
        (return (f64.sub (f64.const 1)
                         (f64.sub (f64.mul (f64.const 0.5) (local.get $z))
                                  (f64.sub (f64.mul (local.get $z) (local.get $r)) (f64.mul (local.get $y) (local.get $tail))))))))
    ;; qx = 0.28125 or a/4 with its low word cleared
    (local.set $qx
      (if (result f64) (f64.gt (local.get $a) (f64.const 0.78125))
        (then (f64.const 0.28125))
        (else (f64.reinterpret_i64 (i64.and (i64.reinterpret_f64 (f64.div (local.get $a) (f64.const 4)))
                                            (i64.const 0xffffffff00000000))))))
    (f64.sub (f64.sub (f64.const 1) (local.get $qx))
             (f64.sub (f64.sub (f64.mul (f64.const 0.5) (local.get $z)) (local.get $qx))
                      (f64.sub (f64.mul (local.get $z) (local.get $r)) (f64.mul (local.get $y) (local.get $tail))))))

  ;; sin on [−π/4, π/4]: r + r³·S(r²).
  (func $kernelSin (param $y f64) (param $tail f64) (result f64)
    (local $z f64) (local $v f64) (local $r f64)
    (local.set $z (f64.mul (local.get $y) (local.get $y)))
    (local.set $v (f64.mul (local.get $z) (local.get $y)))
    (local.set $r
      (f64.add (f64.const 8.33333333332248946124e-3) (f64.mul (local.get $z)
        (f64.add (f64.const -1.98412698298579493134e-4) (f64.mul (local.get $z)
          (f64.add (f64.const 2.75573137070700676789e-6) (f64.mul (local.get $z)
            (f64.add (f64.const -2.50507602534068634195e-8) (f64.mul (local.get $z) (f64.const 1.58969099521155010221e-10))))))))))
    (f64.sub (local.get $y)
             (f64.sub (f64.sub (f64.mul (local.get $z) (f64.sub (f64.mul (f64.const 0.5) (local.get $tail)) (f64.mul (local.get $v) (local.get $r))))
                               (local.get $tail))
                      (f64.mul (local.get $v) (f64.const -1.66666666666666324348e-1)))))

  ;; cos x for |x| ≤ 2^20·π/2 (the caller's range is [0, 2π)): x = n·π/2 + r, |r| ≤ π/4, with
  ;; n = round(x/(π/2)) rounding halves up as Math.round does, and π/2 in two parts.
  (func $cos (export "cos") (param $x f64) (result f64)
    (local $v f64) (local $n f64) (local $head f64) (local $y f64) (local $tail f64)
    (if (i32.or (f64.ne (local.get $x) (local.get $x)) (f64.eq (f64.abs (local.get $x)) (f64.const inf)))
      (then (return (f64.const nan))))
    (local.set $v (f64.div (local.get $x) (f64.add (f64.const 1.57079632673412561417) (f64.const 6.07710050650619224932e-11))))
    (local.set $n (f64.floor (local.get $v)))
    (if (f64.ge (f64.sub (local.get $v) (local.get $n)) (f64.const 0.5))
      (then (local.set $n (f64.add (local.get $n) (f64.const 1)))))
    (local.set $head (f64.sub (local.get $x) (f64.mul (local.get $n) (f64.const 1.57079632673412561417))))
    (local.set $y (f64.sub (local.get $head) (f64.mul (local.get $n) (f64.const 6.07710050650619224932e-11))))
    (local.set $tail (f64.sub (f64.sub (local.get $head) (local.get $y)) (f64.mul (local.get $n) (f64.const 6.07710050650619224932e-11))))
    (block $sin (block $negCos (block $negSin (block $cos
      (br_table $cos $negSin $negCos $sin
        (i32.and (i32.trunc_f64_s (local.get $n)) (i32.const 3))))
      (return (call $kernelCos (local.get $y) (local.get $tail))))
      (return (f64.neg (call $kernelSin (local.get $y) (local.get $tail)))))
      (return (f64.neg (call $kernelCos (local.get $y) (local.get $tail)))))
    (call $kernelSin (local.get $y) (local.get $tail)))

  ;; ln of two u1 in (0, 1] (no NaN, zero, infinity or subnormal: Box–Muller's u1 ≥ 2^-53).
  ;; The branches on k = 0 and on the tail's two forms are selected; $log's |f| < 2^-20
  ;; branch (u1 within about 2^-20 of a power of two: some three draws in a million) hands both lanes
  ;; to $log.
  (func $log2 (param $x v128) (result v128)
    (local $hx v128) (local $k v128) (local $i v128) (local $f v128) (local $dk v128)
    (local $s v128) (local $z v128) (local $w v128) (local $R v128) (local $hfsq v128) (local $k0 v128) (local $tail v128)
    (local $sR v128)
    (local.set $hx (i64x2.shr_u (local.get $x) (i32.const 32)))
    (local.set $k (i64x2.sub (i64x2.shr_u (local.get $hx) (i32.const 20)) (i64x2.splat (i64.const 1023))))
    (local.set $hx (v128.and (local.get $hx) (i64x2.splat (i64.const 0x000fffff))))
    (local.set $i (v128.and (i64x2.add (local.get $hx) (i64x2.splat (i64.const 0x95f64))) (i64x2.splat (i64.const 0x100000))))
    (local.set $f
      (f64x2.sub
        (v128.or (i64x2.shl (v128.or (local.get $hx) (v128.xor (local.get $i) (i64x2.splat (i64.const 0x3ff00000)))) (i32.const 32))
                 (v128.and (local.get $x) (i64x2.splat (i64.const 0xffffffff))))
        (v128.const f64x2 1 1)))
    (local.set $k (i64x2.add (local.get $k) (i64x2.shr_s (local.get $i) (i32.const 20))))
    ;; the rare branch: $log itself, lane by lane
    (if (v128.any_true (i64x2.lt_s (v128.and (i64x2.add (local.get $hx) (i64x2.splat (i64.const 2))) (i64x2.splat (i64.const 0x000fffff)))
                                   (i64x2.splat (i64.const 3))))
      (then
        (return (f64x2.replace_lane 1
                  (f64x2.splat (call $log (f64x2.extract_lane 0 (local.get $x))))
                  (call $log (f64x2.extract_lane 1 (local.get $x)))))))
    (local.set $dk (f64x2.convert_low_i32x4_s (i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11 (local.get $k) (local.get $k))))
    (local.set $s (f64x2.div (local.get $f) (f64x2.add (v128.const f64x2 2 2) (local.get $f))))
    (local.set $z (f64x2.mul (local.get $s) (local.get $s)))
    (local.set $w (f64x2.mul (local.get $z) (local.get $z)))
    (local.set $R
      (f64x2.add
        (f64x2.mul (local.get $z)
          (f64x2.add (v128.const f64x2 6.666666666666735130e-1 6.666666666666735130e-1) (f64x2.mul (local.get $w)
            (f64x2.add (v128.const f64x2 2.857142874366239149e-1 2.857142874366239149e-1) (f64x2.mul (local.get $w)
              (f64x2.add (v128.const f64x2 1.818357216161805012e-1 1.818357216161805012e-1) (f64x2.mul (local.get $w) (v128.const f64x2 1.479819860511658591e-1 1.479819860511658591e-1))))))))
        (f64x2.mul (local.get $w)
          (f64x2.add (v128.const f64x2 3.999999999940941908e-1 3.999999999940941908e-1) (f64x2.mul (local.get $w)
            (f64x2.add (v128.const f64x2 2.222219843214978396e-1 2.222219843214978396e-1) (f64x2.mul (local.get $w) (v128.const f64x2 1.531383769920937332e-1 1.531383769920937332e-1))))))))
    (local.set $hfsq (f64x2.mul (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $f)) (local.get $f)))
    (local.set $k0 (i64x2.eq (local.get $k) (i64x2.splat (i64.const 0))))
    (local.set $tail (i64x2.gt_s (v128.or (i64x2.sub (local.get $hx) (i64x2.splat (i64.const 0x6147a)))
                                          (i64x2.sub (i64x2.splat (i64.const 0x6b851)) (local.get $hx)))
                                 (i64x2.splat (i64.const 0))))
    (local.set $sR (f64x2.mul (local.get $s) (f64x2.add (local.get $hfsq) (local.get $R))))
    (v128.bitselect
      (v128.bitselect
        (f64x2.sub (local.get $f) (f64x2.sub (local.get $hfsq) (local.get $sR)))
        (f64x2.sub (f64x2.mul (local.get $dk) (v128.const f64x2 6.93147180369123816490e-1 6.93147180369123816490e-1))
                   (f64x2.sub (f64x2.sub (local.get $hfsq)
                                         (f64x2.add (local.get $sR) (f64x2.mul (local.get $dk) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10))))
                              (local.get $f)))
        (local.get $k0))
      (v128.bitselect
        (f64x2.sub (local.get $f) (f64x2.mul (local.get $s) (f64x2.sub (local.get $f) (local.get $R))))
        (f64x2.sub (f64x2.mul (local.get $dk) (v128.const f64x2 6.93147180369123816490e-1 6.93147180369123816490e-1))
                   (f64x2.sub (f64x2.sub (f64x2.mul (local.get $s) (f64x2.sub (local.get $f) (local.get $R)))
                                         (f64x2.mul (local.get $dk) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10)))
                              (local.get $f)))
        (local.get $k0))
      (local.get $tail)))

  ;; cos of two angles in [0, 2π): the reduction, both kernels, and the quadrant selected.
  (func $cos2 (param $x v128) (result v128)
    (local $v v128) (local $n v128) (local $head v128) (local $y v128) (local $tail v128) (local $q v128)
    (local $z v128) (local $r v128) (local $a v128) (local $qx v128) (local $c v128) (local $sv v128) (local $sr v128) (local $sn v128)
    (local.set $v (f64x2.div (local.get $x) (f64x2.splat (f64.add (f64.const 1.57079632673412561417) (f64.const 6.07710050650619224932e-11)))))
    ;; Math.round: nearest, halves up (nearest rounds them to even)
    (local.set $n (f64x2.nearest (local.get $v)))
    (local.set $n (f64x2.add (local.get $n)
      (v128.and (f64x2.eq (f64x2.sub (local.get $v) (local.get $n)) (v128.const f64x2 0.5 0.5)) (v128.const f64x2 1 1))))
    (local.set $head (f64x2.sub (local.get $x) (f64x2.mul (local.get $n) (v128.const f64x2 1.57079632673412561417 1.57079632673412561417))))
    (local.set $y (f64x2.sub (local.get $head) (f64x2.mul (local.get $n) (v128.const f64x2 6.07710050650619224932e-11 6.07710050650619224932e-11))))
    (local.set $tail (f64x2.sub (f64x2.sub (local.get $head) (local.get $y)) (f64x2.mul (local.get $n) (v128.const f64x2 6.07710050650619224932e-11 6.07710050650619224932e-11))))
    (local.set $q (i32x4.trunc_sat_f64x2_s_zero (local.get $n)))
    ;; kernelCos
    (local.set $z (f64x2.mul (local.get $y) (local.get $y)))
    (local.set $r (f64x2.mul (local.get $z)
      (f64x2.add (v128.const f64x2 4.16666666666666019037e-2 4.16666666666666019037e-2) (f64x2.mul (local.get $z)
        (f64x2.add (v128.const f64x2 -1.38888888888741095749e-3 -1.38888888888741095749e-3) (f64x2.mul (local.get $z)
          (f64x2.add (v128.const f64x2 2.48015872894767294178e-5 2.48015872894767294178e-5) (f64x2.mul (local.get $z)
            (f64x2.add (v128.const f64x2 -2.75573143513906633035e-7 -2.75573143513906633035e-7) (f64x2.mul (local.get $z)
              (f64x2.add (v128.const f64x2 2.08757232129817482790e-9 2.08757232129817482790e-9) (f64x2.mul (local.get $z) (v128.const f64x2 -1.13596475577881948265e-11 -1.13596475577881948265e-11)))))))))))))
    (local.set $a (f64x2.abs (local.get $y)))
    (local.set $qx
      (v128.bitselect
        (v128.const f64x2 0.28125 0.28125)
        (v128.and (f64x2.div (local.get $a) (v128.const f64x2 4 4)) (i64x2.splat (i64.const 0xffffffff00000000)))
        (f64x2.gt (local.get $a) (v128.const f64x2 0.78125 0.78125))))
    (local.set $r (f64x2.sub (f64x2.mul (local.get $z) (local.get $r)) (f64x2.mul (local.get $y) (local.get $tail))))
    (local.set $c
      (v128.bitselect
        (f64x2.sub (v128.const f64x2 1 1) (f64x2.sub (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $z)) (local.get $r)))
        (f64x2.sub (f64x2.sub (v128.const f64x2 1 1) (local.get $qx))
                   (f64x2.sub (f64x2.sub (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $z)) (local.get $qx)) (local.get $r)))
        (f64x2.lt (local.get $a) (v128.const f64x2 0.3 0.3))))
    ;; kernelSin
    (local.set $sv (f64x2.mul (local.get $z) (local.get $y)))
    (local.set $sr
      (f64x2.add (v128.const f64x2 8.33333333332248946124e-3 8.33333333332248946124e-3) (f64x2.mul (local.get $z)
        (f64x2.add (v128.const f64x2 -1.98412698298579493134e-4 -1.98412698298579493134e-4) (f64x2.mul (local.get $z)
          (f64x2.add (v128.const f64x2 2.75573137070700676789e-6 2.75573137070700676789e-6) (f64x2.mul (local.get $z)
            (f64x2.add (v128.const f64x2 -2.50507602534068634195e-8 -2.50507602534068634195e-8) (f64x2.mul (local.get $z) (v128.const f64x2 1.58969099521155010221e-10 1.58969099521155010221e-10))))))))))
    (local.set $sn
      (f64x2.sub (local.get $y)
                 (f64x2.sub (f64x2.sub (f64x2.mul (local.get $z) (f64x2.sub (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $tail)) (f64x2.mul (local.get $sv) (local.get $sr))))
                                       (local.get $tail))
                            (f64x2.mul (local.get $sv) (v128.const f64x2 -1.66666666666666324348e-1 -1.66666666666666324348e-1)))))
    ;; n mod 4 = 0, 1, 2, 3: cos r, −sin r, −cos r, sin r (lane masks widened from the i32 quadrants)
    (local.set $v
      (v128.bitselect (local.get $sn) (local.get $c)
        (i64x2.extend_low_i32x4_s (i32x4.ne (v128.and (local.get $q) (i32x4.splat (i32.const 1))) (i32x4.splat (i32.const 0))))))
    (v128.bitselect (f64x2.neg (local.get $v)) (local.get $v)
      (i64x2.extend_low_i32x4_s (i32x4.ne (v128.and (i32x4.add (local.get $q) (i32x4.splat (i32.const 1))) (i32x4.splat (i32.const 2))) (i32x4.splat (i32.const 0))))))

  ;; count draws mean + std·z at byte `out`, z = √(−2 ln u1)·cos(2π u2) with u1 = 1 − U, u2 = U
  ;; (Box–Muller, the cosine half), from and back to the state at byte 0: two draws at a time
  ;; (each draw's two uniforms in turn, as the scalar loop takes them), an odd last one alone.
  (func (export "fill") (param $out i32) (param $count i32) (param $std f64) (param $mean f64)
    (local $end i32) (local $u1 v128) (local $u2 v128) (local $last f64)
    (global.set $s0 (i64.load (i32.const 0)))
    (global.set $s1 (i64.load (i32.const 8)))
    (local.set $end (i32.add (local.get $out) (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $u1 (f64x2.splat (f64.sub (f64.const 1) (call $uniform))))
        (local.set $u2 (f64x2.splat (call $uniform)))
        (local.set $u1 (f64x2.replace_lane 1 (local.get $u1) (f64.sub (f64.const 1) (call $uniform))))
        (local.set $u2 (f64x2.replace_lane 1 (local.get $u2) (call $uniform)))
        (v128.store (local.get $out)
          (f64x2.add (f64x2.splat (local.get $mean))
                     (f64x2.mul (f64x2.splat (local.get $std))
                                (f64x2.mul (f64x2.sqrt (f64x2.mul (v128.const f64x2 -2 -2) (call $log2 (local.get $u1))))
                                           (call $cos2 (f64x2.mul (v128.const f64x2 6.283185307179586 6.283185307179586) (local.get $u2)))))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $pair)))
    (if (i32.and (local.get $count) (i32.const 1))
      (then
        (local.set $last (f64.sub (f64.const 1) (call $uniform)))
        (f64.store (local.get $out)
          (f64.add (local.get $mean)
                   (f64.mul (local.get $std)
                            (f64.mul (f64.sqrt (f64.mul (f64.const -2) (call $log (local.get $last))))
                                     (call $cos (f64.mul (f64.const 6.283185307179586) (call $uniform)))))))))
    (i64.store (i32.const 0) (global.get $s0))
    (i64.store (i32.const 8) (global.get $s1)))

  ;; For the tests: ln and cos of `count` doubles at byte `at`, in place, two at a time (as the
  ;; fills compute them), an odd last one alone.
  (func (export "logs") (param $at i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $at) (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3))))
    (block $done (loop $pair
      (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
      (v128.store (local.get $at) (call $log2 (v128.load (local.get $at))))
      (local.set $at (i32.add (local.get $at) (i32.const 16)))
      (br $pair)))
    (if (i32.and (local.get $count) (i32.const 1)) (then (f64.store (local.get $at) (call $log (f64.load (local.get $at)))))))
  (func (export "coss") (param $at i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $at) (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3))))
    (block $done (loop $pair
      (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
      (v128.store (local.get $at) (call $cos2 (v128.load (local.get $at))))
      (local.set $at (i32.add (local.get $at) (i32.const 16)))
      (br $pair)))
    (if (i32.and (local.get $count) (i32.const 1)) (then (f64.store (local.get $at) (call $cos (f64.load (local.get $at)))))))
)
