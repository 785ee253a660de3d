// The deck's chart theme: a copy of the notebook's spec with lecture-size text, sized to the
// slide, described for screen readers, and still valid vega-lite. Every builder example is
// rendered headless with the theme and its text sizes and label boxes read back.
import { describe, expect, it } from "vitest";
import { heatmapChart, lineChart, sideBySide } from "../../lib/src/charts";
import { renderSvg, chartView } from "../../lib/src/display";
import { newResvg } from "../../lib/src/display/resvg";
import { CHART_TEXT_PX, LABEL_HALO, deckSpec, logAxisLabels } from "../../slides/chart-theme";
import { chartText } from "../../slides/chart-text";
import { examples } from "../charts/examples";
import { validateVegaLite } from "../charts/schema";
import { touchingLabels, visibleLabels } from "../charts/scene";

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === "object") Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
};

describe("deck chart theme", () => {
  it.each(Object.keys(examples))("%s: valid vega-lite, every text ≥ 17 px, no two visible labels touch", (name) => {
    const themed = deckSpec(examples[name]() as Record<string, unknown>, { height: 300 });
    expect(validateVegaLite(themed), JSON.stringify(validateVegaLite.errors)).toBe(true);
    const svg = renderSvg(themed as never);
    const sizes = [...svg.matchAll(/font-size="?:?\s*([\d.]+)px/g), ...svg.matchAll(/font-size:\s*([\d.]+)px/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(3);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(CHART_TEXT_PX);
    // Scenegraph bounds are local to a panel, so panels of small multiples are compared on
    // screen by the Chromium readability check instead.
    if (!("facet" in themed)) expect(touchingLabels(visibleLabels(chartView(themed as never).run()))).toEqual([]);
  });

  it("fills the given size with the whole chart, axes and legend included", () => {
    const themed = deckSpec(lineChart([{ x: 1, y: 1 }, { x: 2, y: 3 }], { title: "t", xTitle: "x (m)", yTitle: "y (s)" }) as never, { width: 880, height: 360 });
    const svg = renderSvg(themed as never);
    expect(/viewBox="0 0 (\d+) (\d+)"/.exec(svg)!.slice(1).map(Number)).toEqual([880, 360]);
  });

  it("sets a y-axis title longer than the plot is tall on one level line above the plot: the plot keeps its height and the chart's title stays inside the drawing", () => {
    const yTitle = "a long y-axis title, longer than the plot is tall (log scale)";
    const spec = lineChart([{ x: 1, y: 1 }, { x: 2, y: 3 }], { title: "A chart title", subtitle: "its subtitle", xTitle: "x (m)", yTitle });
    const themed = deckSpec(spec as never, { height: 300 });
    const y = (themed.layer as { encoding: { y: { title: string; axis: Record<string, unknown> } } }[])[0].encoding.y;
    // never wrapped: rotated lines a font size apart ran into each other and into the labels
    expect(y.axis.title).toBeUndefined();
    expect(y.axis).toMatchObject({ titleAngle: 0, titleAlign: "left", titleX: 0 });
    expect(y.title).toBe(yTitle); // the text alternative reads the channel's title
    expect(chartText(themed)).toContain(yTitle);
    const drawn = (s: Record<string, unknown>) => {
      const view = chartView(s as never).run();
      const scene = view.scenegraph() as unknown as { root: { bounds: { y1: number } } };
      const titles: { text: unknown; angle: number; y2: number }[] = [];
      const visit = (node: { role?: string; items?: unknown[]; marktype?: string; text?: unknown; angle?: number; bounds?: { y2: number } }) => {
        if (node.role === "axis-title") for (const item of (node.items ?? []) as { text: unknown; angle: number; bounds: { y2: number } }[]) titles.push({ text: item.text, angle: item.angle, y2: item.bounds.y2 });
        for (const child of (node.items ?? []) as object[]) visit(child as never);
      };
      visit(scene.root as never);
      return { plotHeight: view.height(), top: scene.root.bounds.y1 + view.origin()[1], titles };
    };
    const level = drawn(themed);
    expect(level.plotHeight).toBeGreaterThan(120);
    expect(level.top).toBeGreaterThanOrEqual(-1);
    // the y title is drawn level (angle 0), on one line, and ends above the plot's top (y = 0)
    const yDrawn = level.titles.find((t) => t.text === yTitle);
    expect(yDrawn).toMatchObject({ angle: 0 });
    expect(yDrawn!.y2).toBeLessThanOrEqual(0);
    // the control: the same chart with its axis title rotated loses its plot and its title
    const rotated = JSON.parse(JSON.stringify(themed));
    for (const key of ["titleAngle", "titleAlign", "titleBaseline", "titleX", "titleY"]) delete rotated.layer[0].encoding.y.axis[key];
    const unplaced = drawn(rotated);
    expect(unplaced.plotHeight).toBeLessThan(50);
    expect(unplaced.top).toBeLessThan(-50);
  });

  it("leaves the notebook's spec as it was, and its data rows untouched whatever their field names", () => {
    const spec = deepFreeze({
      data: { values: [{ x: 1, fontSize: 3, size: 2 }] },
      mark: { type: "text", fontSize: 12 },
      encoding: { x: { field: "x", type: "quantitative" }, text: { field: "fontSize", type: "quantitative" } },
      layer: undefined,
    });
    const themed = deckSpec(spec as never);
    expect((themed.mark as { fontSize: number }).fontSize).toBe(CHART_TEXT_PX);
    expect(themed.data).toEqual({ values: [{ x: 1, fontSize: 3, size: 2 }] });
    expect(spec.mark.fontSize).toBe(12);
  });

  it("raises a notebook's own small font sizes and thickens its lines, but keeps larger ones", () => {
    const spec = lineChart([{ x: 1, y: 1 }, { x: 2, y: 2 }], { title: "t", xTitle: "x (m)", yTitle: "y (s)", annotations: [{ y: 1.5, label: "bound" }] });
    const withConfig = { ...spec, config: { axis: { labelFontSize: 9, titleFontSize: 30 } } };
    const themed = deckSpec(withConfig);
    expect((themed.config as { axis: Record<string, number> }).axis).toMatchObject({ labelFontSize: 17, titleFontSize: 18 });
    const layers = themed.layer as { mark: { type: string; fontSize?: number; strokeWidth?: number } }[];
    expect(layers.find((l) => l.mark.type === "text")!.mark.fontSize).toBe(17);
    expect(layers[0].mark.strokeWidth).toBe(3);
  });

  it("describes a spec that has no description, and keeps one it has", () => {
    const bare = { title: "Loss", mark: "line", encoding: { x: { field: "t", type: "quantitative", title: "step" }, y: { field: "l", type: "quantitative" } }, data: { values: [{ t: 1, l: 2 }] } };
    expect(deckSpec(bare).description).toBe("Loss. Line chart of l against step.");
    expect(deckSpec({ ...bare, description: "mine" }).description).toBe("mine");
  });

  it("gives every chart a text alternative: its description and where each series starts and ends", () => {
    const rows = [1, 2, 3].flatMap((x) => [{ x, y: 10 * x, series: "plain" }, { x, y: x / 3, series: "residual" }]);
    const text = chartText(deckSpec(lineChart(rows, { title: "Norms", xTitle: "depth", yTitle: "norm" })));
    expect(text).toContain("<p>Norms. Line chart of norm against depth, one line per series.</p>");
    expect(text).toContain("<tr><td>plain</td><td>1</td><td>10</td><td>3</td><td>30</td><td>3</td></tr>");
    expect(text).toContain("<tr><td>residual</td><td>1</td><td>0.333</td><td>3</td><td>1</td><td>3</td></tr>");
  });
});

describe("deck chart theme: long titles and short log axes", () => {
  it("draws a subtitle wider than the plot on lines about as wide as the plot (centred on one line it ran off the left edge)", () => {
    const subtitle = "mean cosine between the columns of X_l for the 128 training inputs; c = 0.5, he init";
    const rows = [1, 2, 3].flatMap((x) => ["plain", "residual", "wide-net prediction (ReLU)"].map((series, k) => ({ x, y: x + k, series })));
    const spec = lineChart(rows, { title: "How alike the examples are at each depth", subtitle, xTitle: "layer l", yTitle: "mean cosine" });
    const themed = deckSpec(spec as never, { height: 360 });
    const sub = (themed.title as { subtitle: string[] }).subtitle;
    expect(sub.length).toBeGreaterThan(1);
    expect(sub.join(" ")).toBe(subtitle);
    // each line about as wide as the plot (18 px text, ≤ 10 px a character); the decks'
    // Chromium test (browser.test.ts) measures that no chart text is cut off at a side
    for (const line of sub) expect(line.length * 10).toBeLessThanOrEqual(880 - 110);
    // a subtitle that fits stays one line
    expect((deckSpec({ ...spec, title: { text: "t", subtitle: "short" } } as never).title as { subtitle: unknown }).subtitle).toBe("short");
  });

  it("labels a log axis of less than three decades with its roundest values, spaced by a label's height", () => {
    expect(logAxisLabels(4, 15.2, 220)).toEqual([4, 5, 6, 7, 10]);
    expect(logAxisLabels(0.5, 40, 200)).toEqual([0.5, 1, 2, 5, 10, 20, 40]);
    for (const [lo, hi, px] of [[4, 15.2, 220], [0.1, 9.95, 240], [0.03, 2, 150]]) {
      const labels = logAxisLabels(lo, hi, px);
      const at = labels.map((v) => (px * Math.log(v / lo)) / Math.log(hi / lo));
      at.slice(1).forEach((y, i) => expect(y - at[i]).toBeGreaterThanOrEqual(CHART_TEXT_PX + 6));
      expect(labels.every((v) => v >= lo && v <= hi)).toBe(true);
    }
  });

  it("a panel's log y axis from 4 to 15 shows a label above 9 at lecture size (in Chromium vega's own pick stopped at 9)", () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ x: i / 39, y: 4 * (15.2 / 4) ** (i / 39) }));
    const panel = (title: string) => lineChart(rows, { title, xTitle: "keep probability p", yTitle: "held-out MSE (log scale)", logY: true });
    const themed = deckSpec(sideBySide([panel("dropout"), panel("ridge")], { title: "Held-out error" }) as never);
    const yLabels = (spec: Record<string, unknown>) =>
      visibleLabels(chartView(spec as never).run()).filter((l) => l.bounds.x2 - l.bounds.x1 < 30 && /^\d+$/.test(l.text)).map((l) => Number(l.text));
    expect(Math.max(...yLabels(themed))).toBeGreaterThan(9);
  });
});

describe("deck chart theme: annotation labels over data lines", () => {
  type Layer = { mark: Record<string, unknown>; encoding?: Record<string, unknown> };
  const rows = Array.from({ length: 11 }, (_, x) => ({ x, y: x }));
  const annotations = [{ x: 5, y: 5, label: "crossing label" }, { y: 8, label: "a bound" }, { x: 2, label: "a depth" }];
  const annotated = () => lineChart(rows, { title: "Labels", xTitle: "x (m)", yTitle: "y (m)", annotations });
  const labelsOf = (layers: Layer[]) => layers.filter((l) => l.mark.type === "text");

  it("puts beneath each annotation label a layer with its text outlined in white and not filled, hidden from screen readers", () => {
    const themed = deckSpec(annotated() as never, { height: 360 });
    expect(validateVegaLite(themed), JSON.stringify(validateVegaLite.errors)).toBe(true);
    const layers = themed.layer as Layer[];
    const texts = labelsOf(layers);
    expect(texts.map((l) => l.mark.text)).toEqual(["crossing label", "crossing label", "a bound", "a bound", "a depth", "a depth"]);
    for (let i = 0; i < texts.length; i += 2) {
      const [halo, label] = [texts[i], texts[i + 1]];
      expect(layers.indexOf(label)).toBe(layers.indexOf(halo) + 1); // drawn right after its halo, over it
      expect(halo.mark).toEqual({ ...label.mark, ...LABEL_HALO });
      expect(halo.encoding).toEqual(label.encoding);
      expect(label.mark.stroke).toBeUndefined();
    }
    expect(LABEL_HALO).toMatchObject({ stroke: "white", fillOpacity: 0, aria: false });
    // the description and data table read the chart, not its halos
    expect(themed.description).toBe(deckSpec(lineChart(rows, { title: "Labels", xTitle: "x (m)", yTitle: "y (m)" }) as never).description);
  });

  it("gives halos to labels in panels side by side and in small multiples, and none to text that shows data (heatmap cells)", () => {
    const pair = deckSpec(sideBySide([annotated(), annotated()], { title: "Two" }) as never);
    for (const panel of pair.hconcat as { layer: Layer[] }[]) expect(labelsOf(panel.layer).filter((l) => l.mark.stroke === "white")).toHaveLength(3);
    const facetRows = [1, 2].flatMap((k) => rows.map((r) => ({ ...r, k })));
    const facets = deckSpec(lineChart(facetRows, { title: "Panels", xTitle: "x (m)", yTitle: "y (m)", facet: { field: "k" }, annotations: [{ y: 8, label: "a bound" }] }) as never);
    expect(labelsOf((facets.spec as { layer: Layer[] }).layer).map((l) => l.mark.stroke)).toEqual(["white", undefined]);
    const cells = [0, 1].flatMap((i) => [0, 1].map((j) => ({ i: `r${i}`, j: `c${j}`, v: i - j })));
    const heat = heatmapChart(cells, { title: "Cells", x: "j", y: "i", color: "v", text: "v", xTitle: "column", yTitle: "row", colorTitle: "value" });
    expect(JSON.stringify(deckSpec(heat as never))).not.toContain('"stroke":"white"');
  });

  it("draws no data-line pixel next to a label's letters (resvg): with the halo none, without it many", () => {
    const themed = deckSpec(annotated() as never, { height: 360 });
    const bare = { ...themed, layer: (themed.layer as Layer[]).filter((l) => l.mark.stroke !== "white") };
    /** Pixels of the data line (vega's first colour, #4c78a8) within 2 px of a dark letter pixel, inside the label's box. */
    const touching = (spec: Record<string, unknown>) => {
      const view = chartView(spec as never).run();
      const pad = view.padding() as { left: number; top: number };
      const [ox, oy] = [pad.left + view.origin()[0], pad.top + view.origin()[1]];
      let box: { x1: number; y1: number; x2: number; y2: number } | undefined;
      const visit = (node: { items?: unknown[]; text?: unknown; bounds?: typeof box; fillOpacity?: number }) => {
        if (node.text === "crossing label" && node.fillOpacity !== 0) box = node.bounds;
        for (const child of node.items ?? []) visit(child as typeof node);
      };
      visit((view.scenegraph() as unknown as { root: never }).root);
      const image = newResvg(renderSvg(spec as never), { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } }).render();
      const pixels = image.pixels; // RGBA rows, copied out of resvg on each read of the property
      const at = (x: number, y: number) => [0, 1, 2].map((c) => pixels[4 * (y * image.width + x) + c]);
      const letter = (x: number, y: number) => { const [r, g, b] = at(x, y); return Math.max(r, g, b) < 110 && Math.max(r, g, b) - Math.min(r, g, b) < 25; };
      const line = (x: number, y: number) => { const [r, , b] = at(x, y); return b - r > 40; };
      let count = 0;
      for (let y = Math.floor(box!.y1 + oy); y <= Math.ceil(box!.y2 + oy); y++)
        for (let x = Math.floor(box!.x1 + ox); x <= Math.ceil(box!.x2 + ox); x++)
          if (line(x, y) && [-2, -1, 0, 1, 2].some((dy) => [-2, -1, 0, 1, 2].some((dx) => letter(x + dx, y + dy)))) count++;
      return count;
    };
    expect(touching(bare)).toBeGreaterThan(20);
    expect(touching(themed)).toBe(0);
  });
});
