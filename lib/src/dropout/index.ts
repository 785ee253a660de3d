// Problem 2: dropout on the inputs of linear regression is a data-dependent ridge penalty.
export * from "./objective";
export * from "./solutions";
export * from "./ridge";
export * from "./sgd";
export * from "./polyak-error";
export * from "./data";
export * from "./paths";
export * from "./scaled-error";
export * from "./mask-enumeration";
export * from "./held-out";
export * from "./layer";
