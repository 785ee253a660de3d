// Problem 1: residual connections — activations, the Figure-1 block and its Jacobian,
// deep plain and residual stacks with forward/backward, and the numerical experiments.
export * from "./activations";
export * from "./elementwise";
export * from "./init";
export * from "./layer";
export * from "./plain-layer";
export * from "./residual-layer";
export * from "./block";
export * from "./diagram";
export * from "./finite-difference";
export * from "./stack";
export * from "./spectra";
export * from "./sweep";
export * from "./caveat";
export * from "./train";
export * from "./representation";
export * from "./mean-square";
export * from "./probe";
