// `npm run slides -- --execute --set name=value` over several notebooks: each notebook gets
// only the names its parameters cell declares (p for one, depth for another). A name that no
// notebook declares is a typo, and a value of the wrong type is wrong wherever it goes: both
// are refused here, before any kernel starts. One notebook alone gets every name, so an
// unknown one is refused by the runner naming that notebook's parameters.
import { fail } from "@skip-and-drop/lib/checks";
import type { Notebook } from "../runner/nbformat";
import { declaredParameters, injectParameters } from "../runner/parameters";

/** The overrides for each notebook, in order; throws a RangeError for unknown names and bad values. */
export function overridesFor(notebooks: readonly { name: string; nb: Notebook }[], set: Record<string, string>): Record<string, string>[] {
  const declared = notebooks.map(({ nb }) => declaredParameters(nb));
  const chosen = notebooks.length === 1 ? [set] : declared.map((params) => Object.fromEntries(Object.entries(set).filter(([name]) => params.some((p) => p.name === name))));
  const unknown = Object.keys(set).filter((name) => !chosen.some((overrides) => name in overrides));
  if (notebooks.length > 1 && unknown.length > 0) {
    const lists = notebooks.map(({ name }, i) => `${name}: ${declared[i].map((p) => `${p.name} (${p.type})`).join(", ") || "(none)"}`);
    fail("--set name", unknown.join(", "), `a parameter that a notebook declares; ${lists.join("; ")}`);
  }
  // Types are checked the way the runner will check them, for every notebook up front.
  notebooks.forEach(({ nb }, i) => injectParameters(nb, chosen[i]));
  return chosen;
}
