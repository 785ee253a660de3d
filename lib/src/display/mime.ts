// The MIME types of the display bundles, in a module of their own: the runner and the deck
// builder only need to recognise a chart, and must not load vega and resvg to do it.

/** Jupyter's MIME type for a vega-lite v5 spec (JupyterLab draws it with its own vega). */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/**
 * Metadata key of a progress display (see progress.ts): its value is the ProgressState, so a
 * client that is not a notebook front end (the runner) can recognise progress and print it.
 */
export const PROGRESS_METADATA = "skip-and-drop/progress";
