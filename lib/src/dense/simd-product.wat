;; C = A·B in WebAssembly SIMD, two float64 lanes per instruction. The same sums as
;; stridedProduct in multiply.ts, in the same order: every entry
;;   C_ij = Σ_p A(i, p) · B(p, j),  p = 0, 1, …, k − 1, starting from 0,
;; one multiply and one add per term (no fused multiply-add), so the results are
;; bit-identical to the plain-TypeScript kernel. Only the blocking differs: a 4×4 block of C
;; at a time, its eight f64x2 sums held in registers; each step of p loads four entries of A
;; (each broadcast to both lanes) and one 4-entry stretch of a row of B, for 16 multiply-adds.
;;
;; Operands live in this module's memory; every address and stride is in bytes.
;;   A(i, p) at a + i·ai + p·ap    (a transposed A is the same storage read with ai, ap swapped)
;;   B(p, j) at b + (p·n + j)·8    (row-major, k×n; a transposed B is transposed in first)
;;   C(i, j) at c + (i·n + j)·8    (row-major, m×n; every entry is written)
(module
  (memory (export "memory") 1)

  ;; Four rows of C, i … i+3, columns j … j+w−1 for w = 4 (two vectors per row) or w = 2
  ;; (one vector); `wide` selects w.
  (func $rows4
    (param $c i32) (param $a i32) (param $ai i32) (param $ap i32) (param $b i32)
    (param $k i32) (param $n8 i32) (param $wide i32)
    (local $p i32) (local $ao i32) (local $bo i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $b0 v128) (local $b1 v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local.set $ao (local.get $a))
    (local.set $bo (local.get $b))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $p) (local.get $k)))
        (local.set $x0 (v128.load64_splat (local.get $ao)))
        (local.set $x1 (v128.load64_splat (i32.add (local.get $ao) (local.get $ai))))
        (local.set $x2 (v128.load64_splat (i32.add (local.get $ao) (i32.shl (local.get $ai) (i32.const 1)))))
        (local.set $x3 (v128.load64_splat (i32.add (local.get $ao) (i32.mul (local.get $ai) (i32.const 3)))))
        (local.set $b0 (v128.load (local.get $bo)))
        (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $x0) (local.get $b0))))
        (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $x1) (local.get $b0))))
        (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $x2) (local.get $b0))))
        (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $x3) (local.get $b0))))
        (if (local.get $wide)
          (then
            (local.set $b1 (v128.load offset=16 (local.get $bo)))
            (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $x0) (local.get $b1))))
            (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $x1) (local.get $b1))))
            (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $x2) (local.get $b1))))
            (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $x3) (local.get $b1))))))
        (local.set $ao (i32.add (local.get $ao) (local.get $ap)))
        (local.set $bo (i32.add (local.get $bo) (local.get $n8)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $step)))
    (v128.store (local.get $c) (local.get $s00))
    (v128.store (i32.add (local.get $c) (local.get $n8)) (local.get $s10))
    (v128.store (i32.add (local.get $c) (i32.shl (local.get $n8) (i32.const 1))) (local.get $s20))
    (v128.store (i32.add (local.get $c) (i32.mul (local.get $n8) (i32.const 3))) (local.get $s30))
    (if (local.get $wide)
      (then
        (v128.store offset=16 (local.get $c) (local.get $s01))
        (v128.store offset=16 (i32.add (local.get $c) (local.get $n8)) (local.get $s11))
        (v128.store offset=16 (i32.add (local.get $c) (i32.shl (local.get $n8) (i32.const 1))) (local.get $s21))
        (v128.store offset=16 (i32.add (local.get $c) (i32.mul (local.get $n8) (i32.const 3))) (local.get $s31)))))

  ;; One row of C, columns j, j+1 (one vector).
  (func $row2
    (param $c i32) (param $a i32) (param $ap i32) (param $b i32) (param $k i32) (param $n8 i32)
    (local $p i32) (local $s v128)
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $p) (local.get $k)))
        (local.set $s (f64x2.add (local.get $s) (f64x2.mul (v128.load64_splat (local.get $a)) (v128.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (local.get $ap)))
        (local.set $b (i32.add (local.get $b) (local.get $n8)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $step)))
    (v128.store (local.get $c) (local.get $s)))

  ;; One entry of C (the last column when n is odd).
  (func $entry
    (param $c i32) (param $a i32) (param $ap i32) (param $b i32) (param $k i32) (param $n8 i32)
    (local $p i32) (local $s f64)
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $p) (local.get $k)))
        (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $a)) (f64.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (local.get $ap)))
        (local.set $b (i32.add (local.get $b) (local.get $n8)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $step)))
    (f64.store (local.get $c) (local.get $s)))

  ;; The columns a block of rows ending before row `below` computes: all n, or with $lower
  ;; set only those up to the diagonal, min(n, below).
  (func $columnsEnd (param $n i32) (param $lower i32) (param $below i32) (result i32)
    (select
      (select (local.get $below) (local.get $n) (i32.lt_u (local.get $below) (local.get $n)))
      (local.get $n)
      (local.get $lower)))

  ;; C (m×n) = A·B. With $lower set (C square and symmetric, e.g. AᵀA) only the blocks that
  ;; reach the lower triangle are computed: row i's columns 0 … i (and the rest of its block);
  ;; the caller copies the lower triangle into the upper one. Otherwise every entry is written.
  (func (export "product")
    (param $c i32) (param $a i32) (param $ai i32) (param $ap i32) (param $b i32)
    (param $m i32) (param $k i32) (param $n i32) (param $lower i32)
    (local $n8 i32) (local $i i32) (local $j i32) (local $r i32)
    (local $ci i32) (local $ar i32) (local $end i32)
    (local.set $n8 (i32.shl (local.get $n) (i32.const 3)))
    ;; rows in blocks of four
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
        (local.set $end (call $columnsEnd (local.get $n) (local.get $lower) (i32.add (local.get $i) (i32.const 4))))
        (local.set $ci (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $n8))))
        (local.set $ar (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ai))))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (local.get $end)))
            (call $rows4
              (i32.add (local.get $ci) (i32.shl (local.get $j) (i32.const 3)))
              (local.get $ar) (local.get $ai) (local.get $ap)
              (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3)))
              (local.get $k) (local.get $n8)
              (i32.le_u (i32.add (local.get $j) (i32.const 4)) (local.get $end)))
            (local.set $j (i32.add (local.get $j)
              (select (i32.const 4) (i32.const 2) (i32.le_u (i32.add (local.get $j) (i32.const 4)) (local.get $end)))))
            (br $cols)))
        (if (i32.lt_u (local.get $j) (local.get $end))
          (then
            (local.set $r (i32.const 0))
            (loop $last
              (call $entry
                (i32.add (i32.add (local.get $ci) (i32.mul (local.get $r) (local.get $n8))) (i32.shl (local.get $j) (i32.const 3)))
                (i32.add (local.get $ar) (i32.mul (local.get $r) (local.get $ai))) (local.get $ap)
                (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3)))
                (local.get $k) (local.get $n8))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br_if $last (i32.lt_u (local.get $r) (i32.const 4))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows)))
    ;; the last m mod 4 rows one at a time
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $end (call $columnsEnd (local.get $n) (local.get $lower) (i32.add (local.get $i) (i32.const 1))))
        (local.set $ci (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $n8))))
        (local.set $ar (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ai))))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (local.get $end)))
            (call $row2
              (i32.add (local.get $ci) (i32.shl (local.get $j) (i32.const 3)))
              (local.get $ar) (local.get $ap)
              (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3)))
              (local.get $k) (local.get $n8))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $cols)))
        (if (i32.lt_u (local.get $j) (local.get $end))
          (then
            (call $entry
              (i32.add (local.get $ci) (i32.shl (local.get $j) (i32.const 3)))
              (local.get $ar) (local.get $ap)
              (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3)))
              (local.get $k) (local.get $n8))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  ;; dst (cols×rows) = srcᵀ for a row-major src (rows×cols); addresses in bytes.
  (func (export "transpose") (param $dst i32) (param $src i32) (param $rows i32) (param $cols i32)
    (local $i i32) (local $j i32) (local $s i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $j (i32.const 0))
        (local.set $s (i32.add (local.get $src) (i32.shl (i32.mul (local.get $i) (local.get $cols)) (i32.const 3))))
        (block $rowDone
          (loop $col
            (br_if $rowDone (i32.ge_u (local.get $j) (local.get $cols)))
            (f64.store
              (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 3)))
              (f64.load (local.get $s)))
            (local.set $s (i32.add (local.get $s) (i32.const 8)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $col)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row)))))
