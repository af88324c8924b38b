import { describe, expect, it } from "vitest";
import { didYouMean, nearestCommand, nearestOption, nearestWord } from "./suggest.js";

const NAMES = [
  "models",
  "models status",
  "models set",
  "models set-image",
  "models aliases",
  "models aliases list",
  "models aliases add",
  "models aliases remove",
  "models auth",
  "models auth list",
  "models auth login",
  "models auth order",
  "models auth order get",
  "models auth order set",
  "plugins",
  "plugins list",
  "help",
];

describe("nearestWord", () => {
  it.each([
    ["stauts", ["status", "set", "scan"], "status"],
    ["lsit", ["list", "login"], "list"],
    ["ad", ["list", "add", "remove"], "add"],
    ["STATUS", ["status"], "status"],
    ["ali", ["aliases", "auth", "add"], "aliases"],
  ])("takes %j for a typo of one of %j", (given, candidates, expected) => {
    expect(nearestWord(given, candidates)).toBe(expected);
  });

  it.each([
    ["frobnicate", ["status", "list", "scan"]],
    ["ls", ["list", "login"]],
    ["a", ["aliases", "auth"]],
    ["", ["status"]],
  ])("offers nothing for %j among %j: nothing is close, or several are", (given, candidates) => {
    expect(nearestWord(given, candidates)).toBeUndefined();
  });

  it("breaks ties by the order help lists the candidates in", () => {
    expect(nearestWord("sat", ["set", "sit"])).toBe("set");
    expect(nearestWord("sat", ["sit", "set"])).toBe("sit");
  });
});

describe("nearestCommand", () => {
  it.each([
    [["models", "stauts"], "models status"],
    [["modles", "status"], "models status"],
    [["models", "aliases", "ad", "opus", "anthropic/claude-opus-4-6"], "models aliases add"],
    [["models", "aliase", "add"], "models aliases add"],
    [["models", "auth", "order", "gt"], "models auth order get"],
    [["pluggins"], "plugins"],
    [["hlep"], "help"],
  ])("%j → %s", (words, expected) => {
    expect(nearestCommand(words, NAMES)).toBe(expected);
  });

  it("stops at a command with nothing under it: what follows is its arguments", () => {
    expect(nearestCommand(["models", "stauts", "extra", "words"], NAMES)).toBe("models status");
  });

  it("offers nothing when a word is far from every one that can follow, or nothing was mistyped", () => {
    expect(nearestCommand(["models", "frobnicate"], NAMES)).toBeUndefined();
    expect(nearestCommand(["modles", "frobnicate"], NAMES)).toBeUndefined();
    expect(nearestCommand(["models", "status"], NAMES)).toBeUndefined();
  });
});

describe("nearestOption", () => {
  const STATUS = ["--json", "--plain", "--config <path>", "--probe-timeout <ms>", "-h, --help"];

  it.each([
    ["--jsn", "--json"],
    ["--JSON", "--json"],
    ["--probe-timout", "--probe-timeout"],
    ["--hepl", "--help"],
    ["--confg", "--config"],
  ])("%s → %s", (given, expected) => {
    expect(nearestOption(given, STATUS)).toBe(expected);
  });

  it("offers a negated flag for the name cac reports without its no- (--no-prbe → --prbe)", () => {
    expect(nearestOption("--prbe", ["--json", "--no-probe"])).toBe("--no-probe");
  });

  it("offers nothing far off, and never a short flag", () => {
    expect(nearestOption("--frobnicate", STATUS)).toBeUndefined();
    expect(nearestOption("-x", ["-h, --help"])).toBeUndefined();
  });
});

it("didYouMean quotes the name as a command line", () => {
  expect(didYouMean("models status")).toBe("Did you mean `models status`?");
  expect(didYouMean(undefined)).toBeUndefined();
});
