import { describe, expect, it } from "vitest";
import { displayWidth, padDisplay, splitDisplay, truncateDisplay } from "./display-width.js";

describe("displayWidth", () => {
  it("counts CJK and emoji as two columns, combining marks as none, colour codes as none", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("余额不足")).toBe(8);
    expect(displayWidth("🦙-llama")).toBe(8);
    expect(displayWidth("👩‍💻")).toBe(2);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("\x1b[32mok\x1b[39m")).toBe(2);
  });
});

describe("padDisplay, splitDisplay, truncateDisplay", () => {
  it("pads to columns, not to UTF-16 units", () => {
    expect(padDisplay("余额", 6)).toBe("余额  ");
    expect(padDisplay("🦙", 4)).toBe("🦙  ");
  });

  it("never cuts inside a wide character or an emoji sequence", () => {
    expect(splitDisplay("余额不足", 5)).toEqual(["余额", "不足"]);
    expect(splitDisplay("a👩‍💻b", 2)).toEqual(["a", "👩‍💻b"]);
    expect(splitDisplay("abcdef", 4)).toEqual(["abcd", "ef"]);
    expect(splitDisplay("余额", 1)).toEqual(["余", "额"]);
    expect(splitDisplay("🇺🇸🇬🇧", 3)).toEqual(["🇺🇸", "🇬🇧"]);
    expect(splitDisplay("👍🏽x", 1)).toEqual(["👍🏽", "x"]);
    // A combining mark stays with its letter.
    expect(splitDisplay("e\u0301e\u0301x", 1)).toEqual(["e\u0301", "e\u0301x"]);
    expect(splitDisplay("", 3)).toEqual(["", ""]);
  });

  it("truncates by columns with ...", () => {
    expect(truncateDisplay("短", 4)).toBe("短");
    expect(truncateDisplay("模型名称很长的模型", 10)).toBe("模型名...");
    expect(displayWidth(truncateDisplay("模型名称很长的模型", 10))).toBeLessThanOrEqual(10);
  });
});
