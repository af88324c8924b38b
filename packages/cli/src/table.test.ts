import { describe, expect, it } from "vitest";
import { renderTable, wrap } from "./table.js";

describe("renderTable", () => {
  it("draws hostile cells as escapes and keeps the frame straight", () => {
    const lines = renderTable(
      ["Model", "Status"],
      [
        ["openai/gpt\x1b[2J", ["auth · 12ms", "↳ HTTP 401: \x1b]52;c;aGk=\x07 \u202eevil"]],
        ["x\ny", "ok · 3ms"],
      ],
      80,
    );
    for (const line of lines) expect(line).not.toMatch(/[\p{Cc}\u202a-\u202e]/u);
    const text = lines.join("\n");
    expect(text).toContain("openai/gpt\\x1b[2J");
    expect(text).toContain("x\\ny");
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });

  it("stacks the lines of a cell given as a list", () => {
    const lines = renderTable(["A", "B"], [[["one", "two"], "x"]], 40);
    expect(lines.filter((line) => line.startsWith("│ one") || line.startsWith("│ two"))).toHaveLength(2);
  });
});

describe("wrap", () => {
  it("breaks lines at spaces, never past the width", () => {
    expect(wrap("auth · 412ms HTTP 401 invalid key", 12)).toEqual([
      "auth · 412ms",
      "HTTP 401",
      "invalid key",
    ]);
  });

  it("cuts a word longer than the cell where the line ends", () => {
    expect(wrap("openrouter/meta-llama/llama-3.3", 12)).toEqual(["openrouter/m", "eta-llama/ll", "ama-3.3"]);
  });

  it("keeps the line breaks it is given", () => {
    expect(wrap("one\ntwo", 20)).toEqual(["one", "two"]);
  });
});

describe("renderTable widths", () => {
  const error = "↳ HTTP 429: Rate limit exceeded: free-models-per-min. Retry after 12 s.";

  it("fits the last column into the width given and wraps it there", () => {
    const lines = renderTable(
      ["Model", "Status"],
      [["openai/gpt-4.1-nano", ["rate_limit · 80ms", error]]],
      50,
    );
    expect(lines.every((line) => line.length === 50)).toBe(true);
    expect(lines.length).toBeGreaterThan(5);
  });

  it("keeps the last column at least 24 wide however narrow the terminal", () => {
    const lines = renderTable(["Model", "Status"], [["openai/gpt-4.1-nano", error]], 20);
    const last = (lines[1] ?? "").split("│").at(-2) ?? "";
    expect(last.length).toBe(24 + 2);
  });

  it("keeps a leading column at its content's width, up to 32", () => {
    expect(renderTable(["A", "B"], [["x", "ok"]], 80)[0]).toBe(`┌───┬${"─".repeat(26)}┐`);
    const long = renderTable(["Model", "B"], [["m".repeat(40), "ok"]], 200)[0] ?? "";
    expect(long.split("┬")[0]).toBe(`┌${"─".repeat(34)}`);
  });
});
