// The public surface of @modelctl/auth-profiles/oauth: the network side of OAuth, apart from the main entry so that a
// program that reads or writes a store (the modelctl bin, on every start) loads no HTTP code. What its README
// section documents, and nothing else.

export { OAuthError, type OAuthErrorCode } from "./errors.js";
export { type OAuthRefreshRequest, type OAuthTokens, oauthRefreshRequest } from "./oauth-request.js";
