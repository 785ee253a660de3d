// `--execute`: each notebook is re-run by the project's runner into a temporary copy, so the
// deck shows fresh outputs (with any `--set` parameters) while the committed notebook file is
// never written. The kernel still starts in the notebook's own folder (module resolution and
// relative data paths behave as in JupyterLab); only the output file lives elsewhere.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { executeNotebook, readNotebookFile, type Notebook } from "../runner";

export async function executeCopy(path: string, set: Record<string, string>, log?: (line: string) => void): Promise<Notebook> {
  const dir = mkdtempSync(join(tmpdir(), "deck-execute-"));
  try {
    const out = join(dir, basename(path));
    await executeNotebook(path, { set, out, log });
    return readNotebookFile(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
