// Turning one cell's iopub messages into nbformat outputs, the way Jupyter front ends do:
// consecutive stream messages of the same name merge into one output (how the text was
// chunked into writes is not part of the result), display_data keeps the whole MIME bundle,
// update_display_data rewrites the earlier output with the same display_id (in this cell
// here; a display shown by an earlier cell is reported in `updatesElsewhere` for the
// executor to rewrite, as JupyterLab does), and clear_output(wait) empties the list (at the
// next output when wait is true).
import type { Message } from "./protocol";
import type { MimeBundle, Output } from "./nbformat";

type Shown = { output_type: "display_data" | "execute_result"; data: MimeBundle; metadata: Record<string, unknown> };

/** The last version sent for a display this cell did not show. */
export type DisplayUpdate = { data: MimeBundle; metadata: Record<string, unknown> };

export class CellCollector {
  stderr = "";
  private list: Output[] = [];
  private readonly byDisplayId = new Map<string, Shown[]>();
  private readonly idOf = new WeakMap<Output, string>();
  readonly updatesElsewhere = new Map<string, DisplayUpdate>();
  private clearPending = false;

  add(message: Message): void {
    const c = message.content;
    const type = message.header.msg_type;
    if (type === "clear_output") {
      if (c.wait) this.clearPending = true;
      else this.list = [];
      return;
    }
    if (type === "update_display_data") {
      const update: DisplayUpdate = { data: (c.data as MimeBundle) ?? {}, metadata: (c.metadata as Record<string, unknown>) ?? {} };
      const here = this.byDisplayId.get(displayId(c));
      if (!here) this.updatesElsewhere.set(displayId(c), update);
      for (const shown of here ?? []) Object.assign(shown, update);
      return;
    }
    if (!["stream", "display_data", "execute_result", "error"].includes(type)) return;
    if (type === "stream" && c.name === "stderr" && isForeignSignatureReport(String(c.text ?? ""))) return;
    if (this.clearPending) {
      this.list = [];
      this.clearPending = false;
    }
    if (type === "stream") this.stream(c.name === "stderr" ? "stderr" : "stdout", String(c.text ?? ""));
    else if (type === "error") {
      const traceback = Array.isArray(c.traceback) ? c.traceback.map(String) : [];
      this.list.push({ output_type: "error", ename: String(c.ename ?? ""), evalue: String(c.evalue ?? ""), traceback });
      this.stderr += `${c.ename}: ${c.evalue}\n${traceback.join("\n")}`;
    } else {
      const shown: Shown = { output_type: type as Shown["output_type"], data: (c.data as MimeBundle) ?? {}, metadata: (c.metadata as Record<string, unknown>) ?? {} };
      const id = displayId(c);
      if (id) {
        this.byDisplayId.set(id, [...(this.byDisplayId.get(id) ?? []), shown]);
        this.idOf.set(shown as Output, id);
      }
      this.list.push(shown as Output);
    }
  }

  /** The outputs in nbformat form; execute_result carries the cell's execution count. */
  outputs(executionCount: number | null): Output[] {
    return this.list.map((o) => {
      if (o.output_type === "execute_result") return { ...o, data: { ...o.data }, execution_count: executionCount };
      if (o.output_type === "display_data") return { output_type: o.output_type, data: { ...o.data }, metadata: { ...o.metadata } };
      return { ...o };
    });
  }

  /** Each output's display_id ("" for none), parallel to `outputs()`. */
  displayIds(): string[] {
    return this.list.map((o) => this.idOf.get(o) ?? "");
  }

  private stream(name: "stdout" | "stderr", text: string): void {
    if (name === "stderr") this.stderr += text;
    const last = this.list[this.list.length - 1];
    if (last?.output_type === "stream" && last.name === name) this.list[this.list.length - 1] = { ...last, text: last.text + text };
    else this.list.push({ output_type: "stream", name, text });
  }
}

function displayId(content: Record<string, unknown>): string {
  const transient = content.transient as { display_id?: unknown } | undefined;
  return typeof transient?.display_id === "string" ? transient.display_id : "";
}

/**
 * tslab's report of a request it dropped for a bad signature, which it prints as the running
 * cell's stderr. Such a request comes from another client: one whose kernel was to use a port
 * this kernel bound first (each runner chooses free ports, and two can choose the same one
 * before either kernel binds it; that kernel then starts again on new ports). The cell did
 * not write it, so it neither fails the cell nor enters its outputs.
 */
function isForeignSignatureReport(text: string): boolean {
  return /^UnhandledPromiseRejection: Error: invalid hmac [0-9a-f]*; want [0-9a-f]{64}\n(?:[ \t]+at [^\n]*\n?)*$/.test(text);
}
