// @skip-and-drop/lib: everything the notebooks import.
export { Matrix } from "ml-matrix";
export * from "./checks";
export * from "./rng";
export * from "./numeric-checks";
export * from "./grid";
export { progressText, setProgressSink, trackProgress, type Progress, type ProgressOptions, type ProgressSink, type ProgressState } from "./progress";
export * from "./residual";
export * from "./dropout";
export * from "./charts";
export * from "./display";
