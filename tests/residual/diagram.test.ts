import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { DIAGRAM_BOXES, residualBlockDiagram } from "../../lib/src/residual";

const svg = residualBlockDiagram();

/** The rendered figure at zoom 1, and the RGBA of pixel (x, y). */
function rendered() {
  const image = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } }).render();
  const pixel = (x: number, y: number) => {
    const i = 4 * (Math.round(y) * image.width + Math.round(x));
    return [...image.pixels.subarray(i, i + 4)];
  };
  return { width: image.width, height: image.height, pixel };
}
const dark = ([r, g, b]: number[]) => r + g + b < 3 * 120;

describe("residualBlockDiagram (Figure 1)", () => {
  it("is an SVG document the rasteriser parses, at its declared size", () => {
    const { width, height } = rendered();
    expect([width, height]).toEqual([820, 175]);
  });

  it("has the four boxes in signal order and the X0, X1 terminals", () => {
    const roles = [...svg.matchAll(/<g data-role="(\w+)"><rect/g)].map((m) => m[1]);
    expect(roles).toEqual(["W1", "ReLU", "W2", "Addition"]);
    expect(DIAGRAM_BOXES.map((b) => b.x)).toEqual([...DIAGRAM_BOXES.map((b) => b.x)].sort((a, b) => a - b));
    for (const label of ["Weight W₁", "ReLU", "Weight W₂", "Addition", "X₀", "X₁"]) expect(svg).toContain(`>${label}</text>`);
    // exactly one ReLU: none after the addition
    expect(svg.match(/>ReLU</g)).toHaveLength(1);
  });

  it("draws the skip path from X0 over the boxes into the top of the Addition box", () => {
    const skip = /<g data-role="skip"><polyline points="(\d+),(\d+) (\d+),(\d+) (\d+),(\d+)"[^>]*\/><line x1="(\d+)" y1="(\d+)" x2="(\d+)" y2="(\d+)"/.exec(svg);
    expect(skip).not.toBeNull();
    const [x0, y0, , ySkip, xEnd, , lx1, , lx2, ly2] = skip!.slice(1).map(Number);
    const add = DIAGRAM_BOXES[3];
    const first = DIAGRAM_BOXES[0];
    expect(x0).toBeLessThan(first.x); // leaves before W1
    expect(xEnd).toBeGreaterThan(add.x); // ends over the Addition box
    expect(xEnd).toBeLessThan(add.x + 116);
    expect(lx1).toBe(xEnd);
    expect(lx2).toBe(xEnd);
    expect(ly2).toBeLessThan(105); // arrow tip just above the box top
    // the rendered image really has the path: dark pixels along its top run, white just above it
    const { pixel } = rendered();
    for (const x of [x0 + 20, (x0 + xEnd) / 2 + 30, xEnd - 10]) {
      expect(dark(pixel(x, ySkip))).toBe(true);
      expect(dark(pixel(x, ySkip - 6))).toBe(false);
    }
    expect(dark(pixel(xEnd, (ySkip + 105) / 2))).toBe(true);
    expect(y0).toBeGreaterThan(ySkip);
  });
});
