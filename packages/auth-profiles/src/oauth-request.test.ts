import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type OAuthTestServer, startOAuthServer } from "../test/oauth-server.js";
import { OAuthError } from "./errors.js";
import { oauthRefreshRequest } from "./oauth-request.js";

let server: OAuthTestServer;
beforeEach(async () => {
  server = await startOAuthServer();
});
afterEach(() => server.close());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => {
      if (!OAuthError.isInstance(error)) throw error;
      return error;
    },
  );

describe("oauthRefreshRequest", () => {
  it("posts grant_type=refresh_token form-encoded and turns expires_in into an absolute expiry", async () => {
    const { refresh } = server.issue();
    const tokens = await oauthRefreshRequest({
      tokenUrl: server.tokenUrl,
      clientId: "app_test",
      clientSecret: "cs-test",
      refreshToken: refresh,
      scope: "openid offline_access",
      now: () => 1_000_000,
    });
    expect(Object.fromEntries(server.requests[0] ?? [])).toEqual({
      grant_type: "refresh_token",
      refresh_token: refresh,
      client_id: "app_test",
      client_secret: "cs-test",
      scope: "openid offline_access",
    });
    expect(tokens.expires).toBe(1_000_000 + 3_600_000);
    expect(tokens.tokenType).toBe("Bearer");
    expect(server.isValid(tokens.access)).toBe(true);
    expect(tokens.refresh).toMatch(/^rt-/);
  });

  it("reports a reused refresh token as INVALID_GRANT, and the server revokes the grant", async () => {
    const { refresh } = server.issue();
    const first = await oauthRefreshRequest({
      tokenUrl: server.tokenUrl,
      clientId: "c",
      refreshToken: refresh,
    });
    const error = await failure(
      oauthRefreshRequest({ tokenUrl: server.tokenUrl, clientId: "c", refreshToken: refresh }),
    );
    expect(error).toMatchObject({ code: "INVALID_GRANT", status: 400, providerCode: "invalid_grant" });
    expect(error.message).not.toContain(refresh);
    expect(server.isValid(first.access)).toBe(false);
  });

  it("never puts the token a server echoes into its error", async () => {
    const { refresh } = server.issue();
    server.mode = "error-500";
    const error = await failure(
      oauthRefreshRequest({ tokenUrl: server.tokenUrl, clientId: "c", refreshToken: refresh }),
    );
    expect(error).toMatchObject({ code: "HTTP_STATUS", status: 500, providerCode: "server_error" });
    expect(`${error.message} ${String(error.cause ?? "")} ${JSON.stringify(error)}`).not.toContain(refresh);
  });

  it("does not follow a redirect", async () => {
    server.mode = "redirect";
    const error = await failure(
      oauthRefreshRequest({ tokenUrl: server.tokenUrl, clientId: "c", refreshToken: "rt-x" }),
    );
    expect(error).toMatchObject({ code: "REDIRECT", status: 307 });
    expect(server.requests).toHaveLength(1);
  });

  it("stops reading a body over the cap", async () => {
    server.mode = "huge";
    const error = await failure(
      oauthRefreshRequest({
        tokenUrl: server.tokenUrl,
        clientId: "c",
        refreshToken: "rt-x",
        maxBytes: 10_000,
      }),
    );
    expect(error.code).toBe("RESPONSE_TOO_LARGE");
  });

  it("ends at its deadline when the server never answers", async () => {
    server.mode = "hang";
    const error = await failure(
      oauthRefreshRequest({ tokenUrl: server.tokenUrl, clientId: "c", refreshToken: "rt-x", timeoutMs: 100 }),
    );
    expect(error.code).toBe("TIMEOUT");
  });

  it("refuses plain http to another host, and credentials in the URL, before sending anything", async () => {
    for (const tokenUrl of [
      "http://auth.example.com/token",
      "https://user:pw@auth.example.com/token",
      "not a url",
    ]) {
      const error = await failure(oauthRefreshRequest({ tokenUrl, clientId: "c", refreshToken: "rt-x" }));
      expect(error.code).toBe("URL_INVALID");
      expect(error.message).not.toContain("pw");
    }
  });
});
