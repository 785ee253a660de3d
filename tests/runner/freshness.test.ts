import { describe, expect, it, test } from "vitest";
import { PROGRESS_METADATA } from "@skip-and-drop/lib/mime";
import { outputDrift, roundNumbers } from "../../runner/freshness";
import type { Cell, Output } from "../../runner/nbformat";

const VL = "application/vnd.vegalite.v5+json";
const cell = (outputs: Output[]): Cell => ({ id: "c", cell_type: "code", source: "", metadata: {}, execution_count: 1, outputs });
const chart = (y: number, extra: Record<string, unknown> = {}): Output => ({
  output_type: "display_data",
  metadata: {},
  data: { [VL]: { mark: "line", data: { values: [{ x: 1, y }] }, ...extra }, "text/plain": "chart", "image/png": `png-${y}` },
});

describe("roundNumbers", () => {
  it("keeps 6 significant digits everywhere in a nested value, without touching the input", () => {
    const input = { a: 0.1 + 0.2, b: [123456789, -0.000123456789], c: { d: "1.23456789", e: true, f: null } };
    const copy = structuredClone(input);
    expect(roundNumbers(input)).toEqual({ a: 0.3, b: [123457000, -0.000123457], c: { d: "1.23456789", e: true, f: null } });
    expect(input).toEqual(copy);
  });
});

describe("outputDrift", () => {
  it("treats a stream written in different chunks as the same text", () => {
    const a = cell([{ output_type: "stream", name: "stdout", text: "a\nb\n" }]);
    const b = cell([{ output_type: "stream", name: "stdout", text: "a\n" }, { output_type: "stream", name: "stdout", text: "b\n" }]);
    expect(outputDrift(a, b)).toBeNull();
  });

  it("ignores floating-point noise below 6 significant digits, key order and images", () => {
    expect(outputDrift(cell([chart(0.1 + 0.2)]), cell([chart(0.3)]))).toBeNull();
    const reordered: Output = { output_type: "display_data", metadata: {}, data: { "text/plain": "chart", [VL]: { data: { values: [{ y: 0.3, x: 1 }] }, mark: "line" } } };
    expect(outputDrift(cell([chart(0.3)]), cell([reordered]))).toBeNull();
  });

  it("reports a chart whose numbers changed visibly", () => {
    expect(outputDrift(cell([chart(0.3)]), cell([chart(0.30001)]))).toMatch(/output 1 \(application\/vnd\.vegalite\.v5\+json\) differs: .*0\.3.*0\.30001/);
  });

  it("reports changed text, lost outputs and new outputs", () => {
    const old = cell([{ output_type: "stream", name: "stdout", text: "loss 0.25\n" }, chart(1)]);
    expect(outputDrift(old, cell([{ output_type: "stream", name: "stdout", text: "loss 0.26\n" }, chart(1)]))).toMatch(/output 1 \(stdout\) differs: committed "loss 0.25\\n" vs fresh "loss 0.26\\n"/);
    expect(outputDrift(old, cell([{ output_type: "stream", name: "stdout", text: "loss 0.25\n" }]))).toMatch(/output 2 \(application\/vnd.vegalite.v5\+json .* no longer produced/);
    expect(outputDrift(cell([]), old)).toMatch(/output 1 \(stdout "loss 0.25\\n"\) is new/);
    expect(outputDrift(old, cell([{ output_type: "stream", name: "stderr", text: "loss 0.25\n" }, chart(1)]))).toMatch(/output 1 is stdout .* but stderr now/);
  });
});

test("a progress display does not count: it depends on how long the loop took, not on what it computed", () => {
  const printed: Output = { output_type: "stream", name: "stdout", text: "loss 0.25\n" };
  const progress: Output = {
    output_type: "display_data",
    data: { "text/plain": "training ▕████▏ 100 % (250/250), 2.4 s" },
    metadata: { [PROGRESS_METADATA]: { label: "training", done: 250, total: 250, elapsedMs: 2400, finished: true } },
  };
  expect(outputDrift(cell([printed]), cell([progress, printed]))).toBeNull();
  expect(outputDrift(cell([progress, printed]), cell([printed]))).toBeNull();
  // the same text without the progress marker is an output like any other
  const plain: Output = { ...progress, metadata: {} };
  expect(outputDrift(cell([printed]), cell([plain, printed]))).toMatch(/output 1/);
});
