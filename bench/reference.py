"""numpy reference for the library benchmarks (run by bench/run.ts, not by hand).

Reads a manifest of workloads whose inputs are raw float64 files written by the library side,
computes each one the same way the library does (same shapes, same algorithm), times it with
the same rule (warm-up calls for warmupMs, then repeat until minTimeMs or maxReps, at least minReps), and
prints JSON: per workload the timing summary and a few numbers the library side compares.
Exit status 3 means numpy is missing.
"""
import json
import math
import os
import platform
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the committed scripts

try:
    import numpy as np
except ImportError:
    sys.stderr.write("numpy is not installed for python3")
    sys.exit(3)

import reference_stacks as stacks  # noqa: E402 (these need numpy, checked above)
from reference_inputs import load, time_it  # noqa: E402


def run_montecarlo(case, folder, rule):
    """Average of ‖y − (R ⊙ X) w‖² over explicit Bernoulli(p) masks R, drawn in chunks."""
    p, a = case["params"], case["arrays"]
    X, y, w = load(folder, a["X"]), load(folder, a["y"])[:, 0], load(folder, a["w"])[:, 0]
    keep, samples, chunk = p["p"], p["samples"], p["chunk"]
    terms = X * w  # terms[i, j] = X_ij w_j: a mask picks which terms of row i survive
    rng = np.random.default_rng(p["seed"])

    def estimate():
        losses = np.empty(samples)
        for start in range(0, samples, chunk):
            c = min(chunk, samples - start)
            R = rng.random((c, X.shape[0], X.shape[1])) < keep
            predictions = (R * terms).sum(axis=2)
            losses[start : start + c] = ((y - predictions) ** 2).sum(axis=1)
        return losses.mean(), losses.std(ddof=1) / math.sqrt(samples)

    timing, (mean, se) = time_it(estimate, rule)
    norms2 = (X**2).sum(axis=0)
    closed = float(((y - keep * X @ w) ** 2).sum() + keep * (1 - keep) * (norms2 * w**2).sum())
    return timing, [float(mean), float(se), closed]


def cholesky_solver():
    try:
        from scipy.linalg import cho_factor, cho_solve

        return "scipy cho_solve", lambda A, b: cho_solve(cho_factor(A, lower=True), b)
    except ImportError:

        def solve(A, b):
            L = np.linalg.cholesky(A)
            return np.linalg.solve(L.T, np.linalg.solve(L, b))

        return "numpy cholesky + solve", solve


def run_closed_form(case, folder, rule):
    """w̌ = (p XᵀX + (1 − p) Γ̌²)⁻¹ Xᵀy by a Cholesky solve, as the library computes it."""
    p, a = case["params"], case["arrays"]
    X, y = load(folder, a["X"]), load(folder, a["y"])
    keep = p["p"]
    _, solve = cholesky_solver()

    def solution():
        norms2 = (X**2).sum(axis=0)
        A = keep * (X.T @ X)
        A[np.diag_indices_from(A)] += (1 - keep) * norms2
        return solve(A, X.T @ y)

    timing, w = time_it(solution, rule)
    return timing, [float(v) for v in w[:, 0]]


def run_mmul(case, folder, rule):
    a = case["arrays"]
    A, B = load(folder, a["A"]), load(folder, a["B"])
    timing, C = time_it(lambda: A @ B, rule)
    return timing, [float(np.linalg.norm(C))]


def blas_name():
    """The BLAS numpy was built with: numpy ≥ 1.25 reports it as a dict, older ones in numpy.__config__."""
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f'{blas["name"]} {blas.get("version", "")}'.strip()
    except (TypeError, KeyError):
        info = getattr(np.__config__, "blas_opt_info", {}) or {}
        libraries = sorted(set(info.get("libraries", [])))
        return f'lib{"/".join(libraries)} (as linked)' if libraries else "BLAS unknown"


RUNNERS = {"stack": stacks.run_stack, "sweep": stacks.run_sweep, "montecarlo": run_montecarlo, "closed-form": run_closed_form, "mmul": run_mmul}


def main(manifest_path):
    folder = os.path.dirname(manifest_path)
    with open(manifest_path) as handle:
        manifest = json.load(handle)
    results = {}
    for case in manifest["cases"]:
        timing, check = RUNNERS[case["kind"]](case, folder, manifest["timing"])
        results[case["id"]] = {"timing": timing, "check": check}
    out = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": f"{blas_name()}; {cholesky_solver()[0]}",
        "results": results,
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
