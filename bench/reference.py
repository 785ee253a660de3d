"""numpy reference for the library benchmarks (run by bench/run.ts, not by hand).

Reads a manifest of workloads whose inputs are raw float64 files written by the library side,
computes each one the same way the library does (same shapes, same algorithm), times it with
the same rule (one warm-up, then repeat until minTimeMs or maxReps, at least minReps), and
prints JSON: per workload the timing summary and a few numbers the library side compares.
Exit status 3 means numpy is missing.
"""
import json
import math
import os
import platform
import sys
import time

try:
    import numpy as np
except ImportError:
    sys.stderr.write("numpy is not installed for python3")
    sys.exit(3)

ACTIVATIONS = {
    "relu": (lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(z.dtype)),
    "tanh": (np.tanh, lambda z: 1.0 - np.tanh(z) ** 2),
    "sigmoid": (
        lambda z: 0.5 * (1.0 + np.tanh(0.5 * z)),
        lambda z: np.exp(-np.abs(z)) / (1.0 + np.exp(-np.abs(z))) ** 2,
    ),
}


def load(folder, ref):
    data = np.fromfile(os.path.join(folder, ref["file"]), dtype="<f8")
    return data.reshape(ref["rows"], ref["columns"])


def time_it(fn, rule):
    result = fn()  # warm-up
    samples, total = [], 0.0
    while len(samples) < rule["minReps"] or (total < rule["minTimeMs"] and len(samples) < rule["maxReps"]):
        start = time.perf_counter()
        result = fn()
        ms = (time.perf_counter() - start) * 1e3
        samples.append(ms)
        total += ms
    samples.sort()
    mid = len(samples) // 2
    median = samples[mid] if len(samples) % 2 else (samples[mid - 1] + samples[mid]) / 2
    return {"medianMs": median, "minMs": samples[0], "maxMs": samples[-1], "runs": len(samples)}, result


def stack_pass(kind, act, layers, X0, G):
    """Forward through the stack keeping caches, then backward: dX for every layer, dW for every weight."""
    f, df = ACTIVATIONS[act]
    caches, X = [], X0
    for params in layers:
        if kind == "plain":
            (W,) = params
            Z = W @ X
            caches.append((X, Z, None))
            X = f(Z)
        else:
            W1, W2 = params
            H = W1 @ X
            A = f(H)
            caches.append((X, H, A))
            X = W2 @ A + X
    dXs, dWs, dY = [G], [], G
    for params, (Xin, Z, A) in zip(reversed(layers), reversed(caches)):
        if kind == "plain":
            (W,) = params
            dZ = dY * df(Z)  # Y = act(W X)
            dWs.append((dZ @ Xin.T,))
            dY = W.T @ dZ
        else:
            W1, W2 = params
            dH = (W2.T @ dY) * df(Z)  # Y = W2 act(W1 X) + X
            dWs.append((dH @ Xin.T, dY @ A.T))
            dY = W1.T @ dH + dY  # the skip path passes dY through unchanged
        dXs.append(dY)
    dXs.reverse()
    dWs.reverse()
    return X, dXs, dWs


def group_layers(kind, mats):
    size = 1 if kind == "plain" else 2
    return [tuple(mats[i : i + size]) for i in range(0, len(mats), size)]


def run_stack(case, folder, rule):
    p, a = case["params"], case["arrays"]
    layers = group_layers(p["kind"], [load(folder, r) for r in a["layers"]])
    X0, G = load(folder, a["X0"]), load(folder, a["G"])
    timing, (XL, dXs, dWs) = time_it(lambda: stack_pass(p["kind"], p["activation"], layers, X0, G), rule)
    return timing, [float(np.linalg.norm(dXs[0])), float(np.linalg.norm(dWs[0][0])), float(np.linalg.norm(XL))]


def run_sweep(case, folder, rule):
    """The notebook's gradient-norm sweep: ‖∂L/∂X_l‖_F at every layer, per weight scale and kind.

    Timed as the notebook runs it: draw X_0, G (‖G‖_F = 1) and every weight N(0, c²/n), then one
    forward and backward pass per stack. The check numbers come from the library's own weights.
    """
    p, a = case["params"], case["arrays"]
    width, batch, depth, kinds = p["width"], p["batch"], p["depth"], p["kinds"]
    per_scale = len(kinds) // len(p["scales"])

    def norms(stacks, X0, G):
        return [
            [float(np.linalg.norm(d)) for d in stack_pass(kind, act, layers, X0, G)[1]]
            for (kind, act), layers in zip(kinds, stacks)
        ]

    def drawn():
        rng = np.random.default_rng(p["seed"])
        X0 = rng.standard_normal((width, batch))
        raw = rng.standard_normal((width, batch))
        G = raw / np.linalg.norm(raw)
        stacks = []
        for k, (kind, _) in enumerate(kinds):
            std = p["scales"][k // per_scale] / math.sqrt(width)
            size = 1 if kind == "plain" else 2
            stacks.append([tuple(rng.standard_normal((width, width)) * std for _ in range(size)) for _ in range(depth)])
        return norms(stacks, X0, G)

    timing, _ = time_it(drawn, rule)
    given = [group_layers(kind, [load(folder, r) for r in refs]) for (kind, _), refs in zip(kinds, a["stacks"])]
    check = norms(given, load(folder, a["X0"]), load(folder, a["G"]))
    return timing, [v for row in check for v in row]


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


RUNNERS = {"stack": run_stack, "sweep": run_sweep, "montecarlo": run_montecarlo, "closed-form": run_closed_form, "mmul": run_mmul}


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
