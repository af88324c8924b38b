import { pinsPublicSurface } from "../../../test/public-surface.js";

// The `/oauth` entry's surface is deliberate too: a new export changes this list, and the README documents it.
pinsPublicSurface(
  import.meta.url,
  () => import("./oauth.js"),
  ["OAuthError", "oauthRefreshRequest"],
  "./oauth.ts",
);
