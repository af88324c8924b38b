import { describe, expect, it } from "vitest";
import { createPkce, decodeJwtClaims, s256 } from "./oauth.js";
import { codeFromPaste } from "./pkce-flow.js";
import { describeErrorBody, redact } from "./redact.js";

describe("PKCE", () => {
  it("makes the S256 challenge of RFC 7636's example verifier", () => {
    expect(s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("makes a fresh 43-character verifier each time", () => {
    const [a, b] = [createPkce(), createPkce()];
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(s256(a.verifier));
  });
});

describe("decodeJwtClaims", () => {
  it("reads the payload without checking the signature", () => {
    const payload = Buffer.from(JSON.stringify({ email: "a@b.c" })).toString("base64url");
    expect(decodeJwtClaims(`x.${payload}.y`)).toEqual({ email: "a@b.c" });
  });

  it("gives {} for anything that is not a JWT", () => {
    expect(decodeJwtClaims("opaque")).toEqual({});
    expect(decodeJwtClaims("a.!!!.c")).toEqual({});
    expect(decodeJwtClaims(undefined)).toEqual({});
  });
});

describe("codeFromPaste", () => {
  it("takes the code of a redirect URL whose state matches, or a bare code", () => {
    expect(codeFromPaste("http://localhost:1455/auth/callback?code=abc&state=s1", "s1", "p")).toBe("abc");
    expect(codeFromPaste("  abc \n", "s1", "p")).toBe("abc");
  });

  it("refuses a redirect URL of another sign-in", () => {
    expect(() => codeFromPaste("http://localhost/cb?code=abc&state=other", "s1", "p")).toThrow(
      expect.objectContaining({ code: "STATE_MISMATCH" }),
    );
  });
});

describe("redaction", () => {
  it("replaces the secrets sent and anything token-shaped, and strips control characters", () => {
    expect(
      redact("bad verifier v3r1f13r and eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0\u001b[2J", ["v3r1f13r"]),
    ).toBe("bad verifier [redacted] and [redacted] [2J");
  });

  it("shows an OAuth error code only when it looks like one", () => {
    expect(describeErrorBody('{"error":"invalid_grant","error_description":"expired"}', [])).toBe(
      "invalid_grant: expired",
    );
    expect(describeErrorBody('{"error":"<script>alert(1)</script>"}', [])).toBe("");
    expect(describeErrorBody("<html>", [])).toBe("");
  });
});
