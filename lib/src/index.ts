// @skip-and-drop/lib: everything the notebooks import.
export { Matrix } from "ml-matrix";
export * from "./checks";
export * from "./rng";
export * from "./numeric-checks";
export * from "./grid";
export * from "./residual";
export * from "./dropout";
export * from "./charts";
export * from "./display";
