// The progress reporter on an injected clock and sink: silent for short loops, then one
// display created once and updated in place (same display id), a final report at the end.
import { afterEach, describe, expect, it } from "vitest";
import { progressText, setProgressSink, trackProgress, type ProgressState } from "../../lib/src/progress";
import { compareTraining } from "../../lib/src/residual/train";
import { createRng } from "../../lib/src/rng";

type Report = { state: ProgressState; id: string; first: boolean };

function recorder() {
  const reports: Report[] = [];
  setProgressSink((state, id, first) => reports.push({ state: { ...state }, id, first }));
  return reports;
}

afterEach(() => setProgressSink(undefined));

describe("trackProgress", () => {
  it("shows nothing for a loop that ends before the delay, not even at finish", () => {
    const reports = recorder();
    let t = 0;
    const p = trackProgress("fast", 10, { delayMs: 1000, now: () => t });
    for (let i = 1; i <= 10; i++) {
      t += 50;
      p.tick(i);
    }
    p.finish();
    expect(reports).toEqual([]);
  });

  it("after the delay creates one display, updates it at most every interval, and reports the end", () => {
    const reports = recorder();
    let t = 0;
    const p = trackProgress("slow", 100, { delayMs: 1000, intervalMs: 250, now: () => t });
    for (let i = 1; i <= 100; i++) {
      t += 100; // 10 s in all
      p.tick(i);
    }
    p.finish();
    expect(reports[0]).toMatchObject({ first: true, state: { done: 10, total: 100, elapsedMs: 1000, finished: false } });
    expect(reports.slice(1).every((r) => !r.first && r.id === reports[0].id)).toBe(true);
    const times = reports.map((r) => r.state.elapsedMs);
    expect(times.slice(1, -1).every((ms, k) => ms - times[k] >= 250)).toBe(true);
    expect(reports.length).toBe(1 + Math.floor((10_000 - 1000) / 300) + 1); // ticks land every 100 ms: one report per 300 ms
    expect(reports[reports.length - 1].state).toMatchObject({ done: 100, finished: true });
  });

  it("takes its delay and interval from the sink's timing unless the loop names its own; a sink set without timing has the defaults", () => {
    const reports: Report[] = [];
    let t = 0;
    setProgressSink((state, id, first) => reports.push({ state: { ...state }, id, first }), { delayMs: 0, intervalMs: 100 });
    const run = (options = {}) => {
      reports.length = 0;
      const p = trackProgress("loop", 10, { now: () => t, ...options });
      for (let i = 1; i <= 10; i++) {
        t += 50;
        p.tick(i);
      }
      p.finish();
      return reports.map((r) => r.state.done);
    };
    expect(run()).toEqual([1, 3, 5, 7, 9, 10]); // from the first tick, then every 100 ms
    expect(run({ delayMs: 1000 })).toEqual([]); // the loop's own delay wins
    setProgressSink((state, id, first) => reports.push({ state: { ...state }, id, first }));
    expect(run()).toEqual([]); // 500 ms of work: under the default 2 s delay
  });

  it("gives every loop its own display id", () => {
    const reports = recorder();
    let t = 0;
    for (const label of ["a", "b"]) {
      const p = trackProgress(label, 1, { delayMs: 0, now: () => t++ });
      p.tick(1);
    }
    expect(new Set(reports.map((r) => r.id)).size).toBe(2);
  });

  it("reports the training loop of compareTraining, both networks, with its real clock", () => {
    const reports = recorder();
    const rows = compareTraining({ depth: 2, width: 3, steps: 5, batch: 2, samples: 8, rng: createRng(1) });
    expect(rows.length).toBe(10);
    expect(reports).toEqual([]); // 10 tiny steps finish well within the 2 s delay
  });
});

describe("progressText", () => {
  it("draws the bar in eighths, the percentage, the count and the time left", () => {
    expect(progressText({ label: "x", done: 1, total: 2, elapsedMs: 2000, finished: false })).toBe(
      `x ▕${"█".repeat(12)}${" ".repeat(12)}▏ 50 % (1/2), 2.0 s, about 2.0 s left`,
    );
    expect(progressText({ label: "x", done: 1, total: 64, elapsedMs: 500, finished: false })).toContain("▕▍");
    expect(progressText({ label: "x", done: 64, total: 64, elapsedMs: 500, finished: true })).toBe(`x ▕${"█".repeat(24)}▏ 100 % (64/64), 0.5 s`);
  });
});
