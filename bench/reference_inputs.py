"""Inputs and timing shared by the numpy reference scripts."""
import os
import time

import numpy as np


def load(folder, ref):
    """A matrix written by the library side: raw little-endian float64, row-major."""
    data = np.fromfile(os.path.join(folder, ref["file"]), dtype="<f8")
    return data.reshape(ref["rows"], ref["columns"])


def time_it(fn, rule):
    """The rule of bench/timing.ts: warm-up calls (at least one, and until warmupMs has passed),
    then repeat until minTimeMs has passed or maxReps calls were timed (never fewer than
    minReps); summary by the median."""
    warming = time.perf_counter()
    result = fn()
    while (time.perf_counter() - warming) * 1e3 < rule.get("warmupMs", 0):
        result = fn()
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
