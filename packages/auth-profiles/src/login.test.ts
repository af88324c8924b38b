import { pinsPublicSurface } from "../../../test/public-surface.js";

// The public surface of the `./login` entry is deliberate too: a new export changes this list, and the README
// documents it.
const VALUES = [
  "AuthLoginError",
  "BUILTIN_ENDPOINTS",
  "authEndpointsSchema",
  "authMethodsOf",
  "authPluginFor",
  "authPlugins",
  "decodeJwtClaims",
  "endpointsFor",
  "loadEndpointOverrides",
  "login",
  "refreshOAuth",
  "registerAuthPlugin",
  "runDeviceFlow",
  "runPkceFlow",
];

pinsPublicSurface(import.meta.url, () => import("./login.js"), VALUES, "./login.ts");
