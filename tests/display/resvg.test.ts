// The rasteriser's loader: the same PNG bytes as @resvg/resvg-js's own Resvg, without the
// process.report.getReport() probe that resvg-js runs on Linux (seconds inside the kernel).
import { afterEach, describe, expect, it, vi } from "vitest";
import { newResvg } from "../../lib/src/display/resvg";

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect x="2" y="3" width="30" height="12" fill="#4c78a8"/><text x="4" y="14" font-size="9">ab</text></svg>`;
const OPTIONS = { fitTo: { mode: "zoom" as const, value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } };

describe("newResvg", () => {
  afterEach(() => vi.restoreAllMocks());

  it.runIf(process.platform === "linux")("loads the native binding without building a diagnostic report", () => {
    const probe = vi.spyOn(process.report, "getReport");
    const png = newResvg(SVG, OPTIONS).render().asPng();
    expect(probe).not.toHaveBeenCalled();
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
  });

  it("renders the same bytes and size as resvg-js's Resvg with the same options", async () => {
    const { Resvg } = await import("@resvg/resvg-js");
    const ours = newResvg(SVG, OPTIONS).render();
    const theirs = new Resvg(SVG, OPTIONS).render();
    expect([ours.width, ours.height]).toEqual([80, 40]);
    expect(Buffer.compare(ours.asPng(), theirs.asPng())).toBe(0);
  });
});
