// The dense kernels, for tools that time them (the benchmark): `@skip-and-drop/lib/dense`.
// The notebooks keep using ml-matrix's Matrix; these return the same Matrix type.
export { multiply, multiplyTransposeA, multiplyTransposeB, gramMatrix } from "./multiply";
export { useProductKernel, PRODUCT_KERNELS, type ProductKernel } from "./multiply";
