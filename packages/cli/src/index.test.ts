import { pinsPublicSurface } from "../../../test/public-surface.js";

// The public surface is deliberate: a new export changes this list, and the README documents it.
const VALUES = [
  "AliasesJsonSchema",
  "AuthListJsonSchema",
  "AuthLoginJsonSchema",
  "AuthOrderJsonSchema",
  "AuthRefreshJsonSchema",
  "AuthStatusJsonSchema",
  "EXIT",
  "FallbacksJsonSchema",
  "JSON_SCHEMAS",
  "ListJsonSchema",
  "PluginsJsonSchema",
  "ProbeRowJsonSchema",
  "ProbeRunJsonSchema",
  "ScanJsonSchema",
  "StatusJsonSchema",
  "registerModelsCommands",
];

pinsPublicSurface(import.meta.url, () => import("./index.js"), VALUES);
