// A deck's printed outputs as the text they show, in page order, each with its kind (stdout,
// stderr, result, error): the deck sets every line of a printed output in elements of its own
// (slides/text-lines.ts), so the text is the element's content without its tags.
export function printedOutputs(html: string): [kind: string, text: string][] {
  return [...html.matchAll(/<pre class="output ([a-z]+)">([\s\S]*?)<\/pre>/g)].map((m) => [m[1], m[2].replace(/<[^>]*>/g, "")]);
}
