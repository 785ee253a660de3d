// The project root: the folder holding package.json, notebooks/ and slides/ (this file lives in slides/).
import { join } from "node:path";

export const projectRoot = join(__dirname, "..");
