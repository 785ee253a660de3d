// The vega-lite v5 JSON schema as an ajv validator. The schema is draft-07 and uses union
// types ("type": ["string", "null"]), so ajv needs strict mode off and allowUnionTypes;
// its formats (uri, color-hex) are not checked (ajv-formats is not a dependency).
import Ajv from "ajv";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("vega-lite/build/vega-lite-schema.json"), "utf8"));
const ajv = new Ajv({ strict: false, allowUnionTypes: true, validateFormats: false, allErrors: false });
export const validateVegaLite = ajv.compile(schema);
