// The public surface of @modelctl/cli as a library: what its README documents, and nothing else.
//
// Deliberately internal: the commands themselves, argument handling and the cac workarounds, output rendering,
// the error classes and the map from errors to exit codes (only the codes, EXIT, are public), and the state paths
// and environment settings. A host mounts the commands and reads their JSON; everything else may change.

export { EXIT } from "./errors.js";
export type { Io } from "./io.js";
export { type RegisterOptions, registerModelsCommands } from "./register.js";
export {
  type AliasesJson,
  AliasesJsonSchema,
  type AuthListJson,
  AuthListJsonSchema,
  type AuthLoginJson,
  AuthLoginJsonSchema,
  type AuthOrderJson,
  AuthOrderJsonSchema,
  type AuthRefreshJson,
  AuthRefreshJsonSchema,
  AuthStatusJsonSchema,
  type FallbacksJson,
  FallbacksJsonSchema,
  JSON_SCHEMAS,
  type ListJson,
  ListJsonSchema,
  type PluginsJson,
  PluginsJsonSchema,
  type ProbeRowJson,
  ProbeRowJsonSchema,
  type ProbeRunJson,
  ProbeRunJsonSchema,
  type ScanJson,
  ScanJsonSchema,
  type StatusJson,
  StatusJsonSchema,
} from "./schemas.js";
