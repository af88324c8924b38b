// The public surface of @modelctl/auth-profiles/login: provider auth plugins and the sign-in flows. An entry of its
// own so that the main entry stays free of HTTP and server code: a program that only reads a store loads none of it.
//
// Deliberately internal: the HTTP exchange (send, postForm), redaction, the callback server, PKCE helpers other
// than the flows themselves, Gemini CLI client discovery and the built-in plugins' modules (reach them through
// authPluginFor).

export { AuthLoginError, type AuthLoginErrorCode } from "./errors.js";
export { type DeviceFlowOptions, runDeviceFlow } from "./login/device-flow.js";
export {
  type AuthEndpoints,
  authEndpointsSchema,
  BUILTIN_ENDPOINTS,
  endpointsFor,
  loadEndpointOverrides,
  type ProviderEndpoints,
} from "./login/endpoints.js";
export { authMethodsOf, type LoginRequest, login, refreshOAuth } from "./login/login.js";
export { decodeJwtClaims, type TokenReply } from "./login/oauth.js";
export { type PkceFlowOptions, type PkceFlowResult, runPkceFlow } from "./login/pkce-flow.js";
export {
  type AuthMethod,
  type AuthMethodKind,
  type AuthPlugin,
  authPluginFor,
  authPlugins,
  type FlowTiming,
  type Identity,
  type LoginContext,
  type LoginUi,
  type OAuthCredential,
  type RefreshContext,
  type RefreshedTokens,
  registerAuthPlugin,
} from "./login/plugin.js";
