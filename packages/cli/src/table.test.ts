import { describe, expect, it } from "vitest";
import { renderTable } from "./table.js";

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
