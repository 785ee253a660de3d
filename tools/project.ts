// The project root: the folder holding package.json, notebooks/, runner/ and slides/ (this file lives in tools/).
import { join } from "node:path";

export const projectRoot = join(__dirname, "..");
