// Matrix multiply throughput: ml-matrix's mmul against numpy's `@` (BLAS dgemm), 2n³ flops per call.
import type { Rng } from "@skip-and-drop/lib";
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
      const { timing, result } = timeIt(() => A.mmul(B), rule);
      return { timing, check: [result.norm("frobenius")] };
    },
    compare: (lib, numpy) => relativeAgreement(lib, numpy, 1e-12),
    flops: 2 * n ** 3,
  };
}
