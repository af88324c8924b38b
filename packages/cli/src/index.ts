export { EXIT } from "./errors.js";
export type { Io } from "./io.js";
export { type RegisterOptions, registerModelsCommands } from "./register.js";
export {
  type AliasesJson,
  AliasesJsonSchema,
  type AuthListJson,
  AuthListJsonSchema,
  type AuthOrderJson,
  AuthOrderJsonSchema,
  AuthStatusJsonSchema,
  type FallbacksJson,
  FallbacksJsonSchema,
  JSON_SCHEMAS,
  type ProbeRowJson,
  ProbeRowJsonSchema,
  type ProbeRunJson,
  ProbeRunJsonSchema,
  type StatusJson,
  StatusJsonSchema,
} from "./schemas.js";
