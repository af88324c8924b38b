import { describe, expect, it } from "vitest";
import { plainText, renderLine, Styled, toned } from "./colour.js";
import { displayWidth } from "./display-width.js";
import { renderTable as renderLines, wrap } from "./table.js";

/** The table as text: these tests pass no tones. */
const renderTable = (...args: Parameters<typeof renderLines>) => renderLines(...args).map(plainText);

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

describe("renderTable with wide characters", () => {
  // Where each border character sits, in terminal columns: the frame is straight when every line has them alike.
  const borders = (line: string) => {
    const at: number[] = [];
    let column = 0;
    for (const { segment } of new Intl.Segmenter().segment(line)) {
      if ("│┌┬┐├┼┤└┴┘".includes(segment)) at.push(column);
      column += displayWidth(segment);
    }
    return at;
  };

  it("lines up a Chinese provider error and an emoji model id by display width", () => {
    const lines = renderTable(
      ["Model", "Profile", "Status"],
      [
        [
          "zai/glm-4.6",
          "zai:default (api_key)",
          ["billing · 210ms", "↳ HTTP 429: 余额不足或无可用资源包,请充值。"],
        ],
        ["ollama/🦙-llama3.3", "ollama (marker)", "ok · 35ms"],
        ["qwen/通义千问-max", "qwen:👩‍💻 (oauth)", ["auth · 90ms", "↳ 令牌已过期"]],
      ],
      60,
    );
    const expected = borders(lines[0] ?? "");
    expect(expected).toHaveLength(4);
    for (const line of lines) {
      expect(displayWidth(line)).toBe(displayWidth(lines[0] ?? ""));
      expect(borders(line)).toEqual(expected);
    }
    expect(lines.join("\n")).toContain("ollama/🦙-llama3.3");
    // UTF-16 length would have made these lines differ in width.
    expect(new Set(lines.map((line) => line.length)).size).toBeGreaterThan(1);
  });

  it("wraps a CJK sentence without spaces inside its column, never splitting a character", () => {
    const lines = renderTable(["A", "Status"], [["x", `↳ ${"余额不足".repeat(10)}`]], 34);
    for (const line of lines) expect(displayWidth(line)).toBe(34);
    expect(lines.join("").match(/余额不足/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it("keeps a toned cell's colour out of the measure", () => {
    const lines = renderLines(["Model", "Status"], [["🦙", new Styled([toned("ok", "ok"), " · 3ms"])]], 40);
    const painted = lines.map((line) =>
      renderLine(
        line,
        (text) => text,
        (_tone, text) => `\x1b[32m${text}\x1b[39m`,
      ),
    );
    expect(painted[3]).toContain("\x1b[32mok\x1b[39m · 3ms");
    const widths = painted.map(displayWidth);
    expect(new Set(widths).size).toBe(1);
  });
});
