import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { pngSize, renderSvg, svgToPng, toPng, toSvg } from "../../lib/src/display";
import { examples } from "../charts/examples";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The width and height attributes of the root <svg> element. */
function svgSize(svg: string): { width: number; height: number } {
  const m = /^<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  if (!m) throw new Error(`no size on ${svg.slice(0, 80)}`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

describe.each(Object.keys(examples))("rendering %s", (name) => {
  const spec = examples[name]();

  it("renderSvg (synchronous) gives exactly vega's own headless toSVG output", async () => {
    expect(renderSvg(spec)).toBe(await toSvg(spec));
  });

  it("asks for DejaVu Sans, so resvg finds the font", () => {
    expect(renderSvg(spec)).toMatch(/font-family="DejaVu Sans, sans-serif"/);
  });

  it("rasterises at zoom 2 by default: PNG signature, twice the SVG size, same bytes twice", async () => {
    const svg = renderSvg(spec);
    const png = await toPng(spec);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const { width, height } = svgSize(svg);
    expect(pngSize(png)).toEqual({ width: Math.round(2 * width), height: Math.round(2 * height) });
    expect(svgToPng(svg).equals(png)).toBe(true);
  });
});

describe("svgToPng", () => {
  const square = '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect width="30" height="20" fill="#000"/></svg>';

  it("scales by zoom", () => {
    expect(pngSize(svgToPng(square, { zoom: 1 }))).toEqual({ width: 30, height: 20 });
    expect(pngSize(svgToPng(square, { zoom: 3 }))).toEqual({ width: 90, height: 60 });
  });

  it("draws text with a real font (the glyphs change the pixels)", () => {
    const text = (s: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><text x="5" y="20" font-family="DejaVu Sans" font-size="14">${s}</text></svg>`;
    expect(svgToPng(text("depth")).equals(svgToPng(text("")))).toBe(false);
  });

  it("rejects a zoom outside (0, 8]", () => {
    expect(() => svgToPng(square, { zoom: 0 })).toThrow("zoom = 0 is invalid: expected a number in (0, 8]");
    expect(() => svgToPng(square, { zoom: NaN })).toThrow(RangeError);
  });
});

describe("renderSvg offline (how the deck draws a notebook's chart at build time)", () => {
  it("loads nothing a spec points at: no request reaches a server, the marks are empty", async () => {
    const requests: string[] = [];
    const server = createServer((req, res) => (requests.push(req.url ?? ""), res.end('[{"a": 1}]')));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const { port } = server.address() as AddressInfo;
    const spec = { data: { url: `http://127.0.0.1:${port}/data.json` }, mark: "point", title: "remote", encoding: { x: { field: "a", type: "quantitative" } } };
    try {
      expect(renderSvg(spec, { offline: true })).not.toMatch(/role="graphics-symbol"/);
      await new Promise((done) => setTimeout(done, 300));
      expect(requests).toEqual([]);
      // the probe can see a request: vega's default loader does fetch
      renderSvg(spec);
      await new Promise((done) => setTimeout(done, 300));
      expect(requests).toEqual(["/data.json"]);
    } finally {
      server.close();
    }
  });
});
