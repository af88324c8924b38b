import { describe, expect, it } from "vitest";
import {
  colourWanted,
  labelled,
  labelParts,
  painterFor,
  plainText,
  renderLine,
  Styled,
  statusTone,
  toned,
} from "./colour.js";
import type { Io } from "./io.js";
import { visible } from "./terminal-text.js";

const terminal = { isTTY: true };
const pipe = { isTTY: false };

describe("colourWanted", () => {
  it("colours a terminal and nothing else by default", () => {
    expect(colourWanted({}, terminal)).toBe(true);
    expect(colourWanted({}, pipe)).toBe(false);
    expect(colourWanted({}, {})).toBe(false);
  });

  it("NO_COLOR with any non-empty value turns it off, even over FORCE_COLOR", () => {
    expect(colourWanted({ NO_COLOR: "1" }, terminal)).toBe(false);
    expect(colourWanted({ NO_COLOR: "0" }, terminal)).toBe(false);
    expect(colourWanted({ NO_COLOR: "1", FORCE_COLOR: "1" }, terminal)).toBe(false);
    expect(colourWanted({ NO_COLOR: "" }, terminal)).toBe(true);
  });

  it("FORCE_COLOR turns it on off a terminal, except 0 and false, which turn it off on one", () => {
    for (const value of ["1", "2", "3", "true", "yes"])
      expect(colourWanted({ FORCE_COLOR: value }, pipe)).toBe(true);
    for (const value of ["0", "false", "FALSE"])
      expect(colourWanted({ FORCE_COLOR: value }, terminal)).toBe(false);
    expect(colourWanted({ FORCE_COLOR: "" }, pipe)).toBe(false);
  });

  it("a dumb terminal gets none unless forced", () => {
    expect(colourWanted({ TERM: "dumb" }, terminal)).toBe(false);
    expect(colourWanted({ TERM: "dumb", FORCE_COLOR: "1" }, terminal)).toBe(true);
  });

  it("does not ask the stream when the environment decides", () => {
    const asking = {
      get isTTY(): boolean {
        throw new Error("asked");
      },
    };
    expect(colourWanted({ NO_COLOR: "1" }, asking)).toBe(false);
    expect(colourWanted({ FORCE_COLOR: "1" }, asking)).toBe(true);
  });
});

describe("painterFor", () => {
  const io = (env: Record<string, string>, isTTY: boolean) =>
    ({ env, stdout: { write: () => true, isTTY } }) as unknown as Io;

  it("writes each tone as its exact SGR pair", () => {
    const paint = painterFor(io({}, true), { write: () => true, isTTY: true });
    expect(paint?.("ok", "ok")).toBe("\x1b[32mok\x1b[39m");
    expect(paint?.("warn", "expiring")).toBe("\x1b[33mexpiring\x1b[39m");
    expect(paint?.("bad", "expired")).toBe("\x1b[31mexpired\x1b[39m");
    expect(paint?.("dim", "marker(x)")).toBe("\x1b[2mmarker(x)\x1b[22m");
  });

  it("is undefined where colour is not wanted", () => {
    expect(painterFor(io({}, false), { write: () => true, isTTY: false })).toBeUndefined();
  });
});

describe("renderLine", () => {
  const paint = (tone: string, text: string) => `<${tone}>${text}</${tone}>`;

  it("escapes every part before it colours the toned ones: the only escapes are ours", () => {
    const line = new Styled(["- \x1b[2J", toned("bad", "ex\x1b]52;c;aGk=\x07pired"), " \u202e"]);
    expect(renderLine(line, visible, paint)).toBe("- \\x1b[2J<bad>ex\\x1b]52;c;aGk=\\x07pired</bad> \\u202e");
    expect(renderLine(line, visible)).toBe("- \\x1b[2Jex\\x1b]52;c;aGk=\\x07pired \\u202e");
  });

  it("is the plain text as a string", () => {
    const line = new Styled(["a ", toned("ok", "ok"), " b"]);
    expect(plainText(line)).toBe("a ok b");
    expect(`${line}`).toBe("a ok b");
  });
});

describe("statusTone and labels", () => {
  it("ok green, expiring yellow, expired and missing red, static none", () => {
    expect(["ok", "expiring", "expired", "missing", "unknown", "static"].map(statusTone)).toEqual([
      "ok",
      "warn",
      "bad",
      "bad",
      "bad",
      undefined,
    ]);
  });

  it("dims markers and tones cooldowns and disabled profiles inside a label", () => {
    expect(
      labelParts("a=marker(ollama-local), b=sk-a...6789 [cooldown 30m], c=x [disabled:billing 5h]"),
    ).toEqual([
      "a=",
      toned("dim", "marker(ollama-local)"),
      ", b=sk-a...6789 ",
      toned("warn", "[cooldown 30m]"),
      ", c=x ",
      toned("bad", "[disabled:billing 5h]"),
    ]);
    expect(labelled("nothing to tone")).toBe("nothing to tone");
  });
});
