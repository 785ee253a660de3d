// Names shared by the build (program.ts) and the worker (worker-entry.ts): the one module a
// live program may import, and the global through which the worker hands it to the program.
export const LIBRARY_PACKAGE = "@skip-and-drop/lib";
export const LIBRARY = "skipAndDropLib";
