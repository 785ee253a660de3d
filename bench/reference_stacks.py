"""numpy side of the stack workloads: forward + backward through plain and residual stacks,
and notebook 01's gradient-norm sweep. Imported by reference.py."""
import math

import numpy as np

from reference_inputs import load, time_it

ACTIVATIONS = {
    "relu": (lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(z.dtype)),  # ReLU'(0) := 0, as in the library
    "tanh": (np.tanh, lambda z: 1.0 - np.tanh(z) ** 2),
    "sigmoid": (lambda z: 0.5 * (1.0 + np.tanh(0.5 * z)), lambda z: np.exp(-np.abs(z)) / (1.0 + np.exp(-np.abs(z))) ** 2),
}


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
