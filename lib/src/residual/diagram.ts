// Figure 1 of problem 1, drawn in code: X0 → [Weight W1] → [ReLU] → [Weight W2] → [Addition] → X1,
// with the skip path carrying X0 straight into the Addition box. There is no ReLU after
// the addition (the 2015 ResNet block has one), so X1 = W2 · ReLU(W1 · X0) + X0 exactly.

/** One box of the figure: its label and its left edge (all boxes share y, width, height). */
export interface DiagramBox {
  role: "W1" | "ReLU" | "W2" | "Addition";
  label: string;
  x: number;
}

const BOX = { y: 105, width: 116, height: 50 };
const MAIN_Y = BOX.y + BOX.height / 2;
/** Height of the skip path's horizontal run, above the boxes. */
const SKIP_Y = 40;
const INPUT_X = 34;
const SKIP_START_X = 78;
const OUTPUT_X = 786;

/** The four boxes, left to right, in the order the signal meets them. */
export const DIAGRAM_BOXES: readonly DiagramBox[] = [
  { role: "W1", label: "Weight W₁", x: 110 },
  { role: "ReLU", label: "ReLU", x: 266 },
  { role: "W2", label: "Weight W₂", x: 422 },
  { role: "Addition", label: "Addition", x: 578 },
];

const text = (x: number, y: number, content: string, extra = "") =>
  `<text x="${x}" y="${y}" text-anchor="middle" dominant-baseline="central"${extra}>${content}</text>`;
const arrow = (x1: number, x2: number) =>
  `<line x1="${x1}" y1="${MAIN_Y}" x2="${x2 - 2}" y2="${MAIN_Y}" marker-end="url(#head)"/>`;

/** The residual block of Figure 1 as a standalone SVG document (820×175, DejaVu Sans). */
export function residualBlockDiagram(): string {
  const boxes = DIAGRAM_BOXES.map(
    (b) =>
      `<g data-role="${b.role}"><rect x="${b.x}" y="${BOX.y}" width="${BOX.width}" height="${BOX.height}" rx="6"` +
      ` fill="${b.role === "Addition" ? "#fde9c8" : "#dbe8f6"}" stroke="#333" stroke-width="1.5"/>` +
      text(b.x + BOX.width / 2, MAIN_Y, b.label) + "</g>",
  );
  // Signal path: X0 → box 1 → … → box 4 → X1, one arrow per gap.
  const stops = [INPUT_X + 20, ...DIAGRAM_BOXES.flatMap((b) => [b.x, b.x + BOX.width]), OUTPUT_X - 22];
  const arrows = [];
  for (let i = 0; i < stops.length; i += 2) arrows.push(arrow(stops[i], stops[i + 1]));
  const add = DIAGRAM_BOXES[DIAGRAM_BOXES.length - 1];
  const addCentre = add.x + BOX.width / 2;
  // Skip path: branches off X0's arrow, runs above the boxes, and enters Addition from the top.
  const skip =
    `<g data-role="skip"><polyline points="${SKIP_START_X},${MAIN_Y} ${SKIP_START_X},${SKIP_Y} ${addCentre},${SKIP_Y}"` +
    ` fill="none"/><line x1="${addCentre}" y1="${SKIP_Y}" x2="${addCentre}" y2="${BOX.y - 2}" marker-end="url(#head)"/></g>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="820" height="175" viewBox="0 0 820 175"` +
      ` font-family="DejaVu Sans, sans-serif" font-size="18">`,
    `<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8"` +
      ` orient="auto"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333"/></marker></defs>`,
    `<rect width="820" height="175" fill="white"/>`,
    `<g stroke="#333" stroke-width="2">${arrows.join("")}${skip}</g>`,
    `<circle cx="${SKIP_START_X}" cy="${MAIN_Y}" r="4" fill="#333"/>`,
    ...boxes,
    text(INPUT_X, MAIN_Y, "X₀", ` font-size="22" data-role="X0"`),
    text(OUTPUT_X, MAIN_Y, "X₁", ` font-size="22" data-role="X1"`),
    text((SKIP_START_X + addCentre) / 2, SKIP_Y - 14, "identity (skip connection): X₀", ` fill="#555"`),
    `</svg>`,
  ].join("\n");
}
