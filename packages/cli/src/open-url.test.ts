import { describe, expect, it } from "vitest";
import { openerFor, openUrl } from "./open-url.js";

const URL_WITH_QUERY = "https://auth.example.com/authorize?a=1&b=2";

describe("openerFor", () => {
  it.each([
    ["linux", "xdg-open", [URL_WITH_QUERY]],
    ["darwin", "open", [URL_WITH_QUERY]],
    // Not cmd's `start`, which would read the & between query parameters.
    ["win32", "rundll32", ["url.dll,FileProtocolHandler", URL_WITH_QUERY]],
  ] as const)("on %s runs %s with the URL as one argument", (platform, command, args) => {
    expect(openerFor(platform, URL_WITH_QUERY)).toEqual([command, args]);
  });
});

describe("openUrl", () => {
  it("opens only http(s) URLs: an endpoints file could name anything", async () => {
    await expect(openUrl("file:///etc/passwd", {})).rejects.toThrow("not an http(s) URL");
    await expect(openUrl("--help", {})).rejects.toThrow("not an http(s) URL");
  });

  it("rejects when the opener cannot start (no xdg-open on PATH)", async () => {
    await expect(openUrl(URL_WITH_QUERY, { PATH: "/nonexistent" }, "linux")).rejects.toMatchObject({
      code: "ENOENT",
    });
  });
});
