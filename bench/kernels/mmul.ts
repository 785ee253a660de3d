// Matrix multiply throughput, 2n³ flops per call: the library's register-blocked product
// (@skip-and-drop/lib/dense, on its WebAssembly SIMD kernel) against numpy's `@` (BLAS dgemm),
// with ml-matrix's own mmul (what a notebook gets from A.mmul(B)) as the baseline and the
// library's TypeScript kernel (what runs where there is no SIMD) beside it.
import type { Rng } from "@skip-and-drop/lib";
import { multiply, useProductKernel } from "@skip-and-drop/lib/dense";
import type { Exchange } from "../reference-runner";
import { timeIt } from "../timing";
import { relativeAgreement, type KernelCase } from "./case";

export function mmulCase(exchange: Exchange, rng: Rng, n: number): KernelCase {
  const A = rng.normalMatrix(n, n);
  const B = rng.normalMatrix(n, n);
  return {
    group: "Matrix multiply C = A·B (n×n)",
    label: `n = ${n}`,
    reference: { id: `mmul-${n}`, kind: "mmul", params: { n }, arrays: { A: exchange.put(A), B: exchange.put(B) } },
    lib: (rule) => {
      const { timing, result } = timeIt(() => multiply(A, B), rule);
      return { timing, check: [result.norm("frobenius")] };
    },
    baseline: (rule) => timeIt(() => A.mmul(B), rule).timing,
    typescriptKernel: (rule) => {
      const previous = useProductKernel("typescript");
      try {
        return timeIt(() => multiply(A, B), rule).timing;
      } finally {
        useProductKernel(previous);
      }
    },
    compare: (lib, numpy) => relativeAgreement(lib, numpy, 1e-12),
    flops: 2 * n ** 3,
  };
}
