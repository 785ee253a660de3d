// Loading resvg's native rasteriser without its platform probe. @resvg/resvg-js picks its
// binary (glibc or musl) by calling process.report.getReport(), which builds a full
// diagnostic report of the process; inside the notebook kernel (zeromq sockets and threads)
// that took 1.3 s, and longer on each further call. On Linux we pick the binary by trying it:
// the glibc build first, then the musl one (loading the wrong one fails), and wrap it as
// resvg-js does (the binary takes its options as JSON). Elsewhere resvg-js loads itself
// (it probes only on Linux).
import { createRequire } from "node:module";
import type { Resvg, ResvgRenderOptions } from "@resvg/resvg-js";

type NativeResvg = new (svg: string, options: string) => Resvg;
type Make = (svg: string, options: ResvgRenderOptions) => Resvg;

let make: Make | undefined;

function load(): Make {
  // the platform packages are optional dependencies of resvg-js: resolve them from there
  const fromResvg = createRequire(require.resolve("@resvg/resvg-js"));
  if (process.platform === "linux") {
    for (const libc of ["gnu", "musl"]) {
      try {
        const { Resvg: Native } = fromResvg(`@resvg/resvg-js-linux-${process.arch}-${libc}`) as { Resvg: NativeResvg };
        return (svg, options) => new Native(svg, JSON.stringify(options));
      } catch {
        // not installed, or built for the other C library: try the next
      }
    }
  }
  const { Resvg: Wrapped } = fromResvg("@resvg/resvg-js") as { Resvg: new (svg: string, options: ResvgRenderOptions) => Resvg };
  return (svg, options) => new Wrapped(svg, options);
}

/** A resvg renderer of `svg` (resvg-js's `new Resvg(svg, options)`), the binding loaded on first use. */
export function newResvg(svg: string, options: ResvgRenderOptions): Resvg {
  make ??= load();
  return make(svg, options);
}
