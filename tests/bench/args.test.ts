// npm run bench's command line, parsed by the tools' one parser.
import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "../../bench/run";

describe("parseBenchArgs", () => {
  it("defaults: 5 pipeline runs, both parts, one numpy thread", () => {
    expect(parseBenchArgs([], {})).toEqual({ quick: false, runs: 5, only: "all", numpyThreads: 1, help: false });
  });

  it("reads every option in both spellings", () => {
    expect(parseBenchArgs(["--quick", "--only=kernels", "--numpy-threads", "2"], {})).toEqual({ quick: true, runs: 1, only: "kernels", numpyThreads: 2, help: false });
    expect(parseBenchArgs(["--runs", "3", "--only", "pipeline"], { OPENBLAS_NUM_THREADS: "4" })).toMatchObject({ runs: 3, only: "pipeline", numpyThreads: 4 });
    expect(parseBenchArgs(["--help"], {}).help).toBe(true);
  });

  it.each([
    [["--runs", "0"], "--runs = 0 is invalid"],
    [["--runs", "two"], "--runs = NaN is invalid"],
    [["--only", "slides"], '--only = "slides" is invalid'],
    [["--numpy-threads", "0"], "--numpy-threads = 0 is invalid"],
    [["--fast"], "option --fast is unknown"],
    [["--runs"], "--runs needs a value (N)"],
    [["kernels"], '"kernels" is not an option of npm run bench'],
  ])("refuses %j with a RangeError naming it", (argv, message) => {
    expect(() => parseBenchArgs(argv, {})).toThrow(RangeError);
    expect(() => parseBenchArgs(argv, {})).toThrow(message);
  });
});
