// The usage line of `models status`, at a fixed `now`.
import { describe, expect, it } from "vitest";
import { formatUsageLine } from "./usage-format.js";
import type { UsageSnapshot } from "./usage-schema.js";

const NOW = Date.parse("2026-11-23T12:00:00.000Z");
const snapshot = (fields: Partial<UsageSnapshot>): UsageSnapshot => ({
  provider: "openai-codex",
  fetchedAt: "2026-11-23T11:48:00.000Z",
  status: "ok",
  windows: [],
  ...fields,
});

describe("formatUsageLine", () => {
  it("shows each window's percent left and time to reset, then the snapshot's age", () => {
    const line = formatUsageLine(
      snapshot({
        windows: [
          { label: "5h", usedPercent: 20, resetsAt: "2026-11-23T14:30:00.000Z" },
          { label: "Week", usedPercent: 39, resetsAt: "2026-11-26T13:00:00.000Z" },
        ],
      }),
      NOW,
    );
    expect(line).toBe("openai-codex usage: 5h 80% left ⏱2h · Week 61% left ⏱3d (as of 12m ago)");
  });

  it("reads a remaining fraction, an unlimited quota, a window without numbers, a past reset", () => {
    const line = formatUsageLine(
      snapshot({
        provider: "google-gemini-cli",
        fetchedAt: "2026-11-23T11:59:30.000Z",
        windows: [
          { label: "gemini-2.5-pro", remainingFraction: 0.456, resetsAt: "2026-11-23T12:40:00.000Z" },
          { label: "Chat", usedPercent: 0, unlimited: true },
          { label: "Other" },
          { label: "Old", usedPercent: 100, resetsAt: "2026-11-23T11:00:00.000Z" },
        ],
      }),
      NOW,
    );
    expect(line).toBe(
      "google-gemini-cli usage: gemini-2.5-pro 46% left ⏱40m · Chat unlimited · Other ? · Old 0% left ⏱now (as of just now)",
    );
  });

  it("a failed snapshot says unavailable, its status and its note", () => {
    const line = formatUsageLine(
      snapshot({
        provider: "anthropic",
        status: "forbidden",
        note: "lacks user:profile",
        fetchedAt: "2026-11-21T12:00:00.000Z",
      }),
      NOW,
    );
    expect(line).toBe("anthropic usage: unavailable (forbidden): lacks user:profile (as of 2d ago)");
  });

  it("no windows, and control characters from a file shown as escapes", () => {
    expect(formatUsageLine(snapshot({}), NOW)).toBe("openai-codex usage: no limits reported (as of 12m ago)");
    expect(
      formatUsageLine(snapshot({ windows: [{ label: "a\u001b[31mb", usedPercent: 1 }] }), NOW),
    ).toContain("a\\x1b[31mb 99% left");
  });
});
