// Two or more charts in one row under a shared title, each keeping its own axes and axis titles:
// for panels whose x quantities differ (held-out error against p beside error against λ), where
// a facet would force one axis title on both.
import { fail } from "../checks";
import { VEGA_LITE_SCHEMA, type ChartSpec } from "./defaults";
import { requireFiniteSpec, requireTitle } from "./guards";

export interface SideBySideOptions {
  title: string;
  subtitle?: string;
  /** "shared" (default) keeps one colour legend for series named alike; "independent" gives each panel its own. */
  colors?: "shared" | "independent";
  /** One y scale for every panel, so heights compare across panels. Default false. */
  sharedY?: boolean;
}

export function sideBySide(charts: readonly ChartSpec[], options: SideBySideOptions): ChartSpec {
  const { title, subtitle, colors = "shared", sharedY = false } = options;
  requireTitle("title", title);
  if (subtitle !== undefined && typeof subtitle !== "string") fail("subtitle", subtitle, "a string");
  if (!Array.isArray(charts) || charts.length < 2) fail("charts.length", Array.isArray(charts) ? charts.length : charts, "at least 2 charts");
  if (colors !== "shared" && colors !== "independent") fail("colors", colors, '"shared" or "independent"');
  if (typeof sharedY !== "boolean") fail("sharedY", sharedY, "true or false");
  // Each panel keeps its own title (as the panel's heading) and everything else; the $schema goes to the top.
  const hconcat = charts.map((chart, i) => {
    if (chart === null || typeof chart !== "object" || chart.$schema !== VEGA_LITE_SCHEMA) fail(`charts[${i}]`, typeof chart, "a chart builder's spec");
    const { $schema: _schema, title: panelTitle, ...rest } = chart;
    return { ...rest, title: panelTitle };
  });
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle ? { text: title, subtitle } : { text: title },
    hconcat,
    resolve: { scale: sharedY ? { color: colors, y: "shared" } : { color: colors } },
  };
  requireFiniteSpec(spec);
  return JSON.parse(JSON.stringify(spec)) as ChartSpec;
}
