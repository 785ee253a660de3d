import { describe, expect, it } from "vitest";
import { compareTraining, createRng } from "../../lib/src";

// Small and short: the point is which weights each stack starts from, not how well it learns.
const base = { depth: 6, width: 4, steps: 15, samples: 32, batch: 8 };
const only = (rows: ReturnType<typeof compareTraining>, kind: string) => rows.filter((r) => r.kind === kind);

describe("compareTraining with a separate plainInit", () => {
  const mixed = compareTraining({ ...base, init: 0.5, plainInit: "he", rng: createRng(5) });

  it("trains the plain stack exactly as a run whose init is plainInit", () => {
    const heRun = compareTraining({ ...base, init: "he", rng: createRng(5) });
    expect(only(mixed, "plain")).toEqual(only(heRun, "plain"));
    // the He-initialised plain stack really differs from the 0.5 one
    const smallRun = compareTraining({ ...base, init: 0.5, rng: createRng(5) });
    expect(only(mixed, "plain")).not.toEqual(only(smallRun, "plain"));
  });

  it("leaves the residual stack on init, the same run as without plainInit", () => {
    const plainDefault = compareTraining({ ...base, init: 0.5, rng: createRng(5) });
    expect(only(mixed, "residual")).toEqual(only(plainDefault, "residual"));
    expect(only(mixed, "residual")).toHaveLength(base.steps);
  });

  it("rejects a bad plainInit by name", () => {
    expect(() => compareTraining({ ...base, plainInit: -1, rng: createRng(5) })).toThrow(/plainInit = -1/);
    expect(() => compareTraining({ ...base, plainInit: "lecun" as never, rng: createRng(5) })).toThrow(RangeError);
  });
});
