// Colour in human output, run as users run it: on a terminal (a real pty through `script`, or the bin's own check of
// fd 1), forced with FORCE_COLOR, and never with NO_COLOR, off a terminal, or in --json and --plain.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayWidth } from "../src/display-width.js";
import { hasScript, runBin, runCli, runInPty, tempHome } from "./run-cli.js";

const FIXTURE = new URL("../../auth-profiles/test/fixtures/handwritten-auth-profiles.json", import.meta.url);
const NOW = "1795430234617";
const { home, cleanup } = tempHome();
const agentDir = join(home, ".modelctl", "agents", "main", "agent");

beforeAll(() => {
  mkdirSync(agentDir, { recursive: true });
  writeFileSync(
    join(home, ".modelctl", "modelctl.json"),
    JSON.stringify({
      agents: {
        defaults: {
          model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["zai/glm-4.6"] },
          models: { "anthropic/claude-opus-4-6": {}, "ollama/🦙-llama3.3": {}, "qwen/通义千问-max": {} },
        },
      },
    }),
  );
  // The reference's hand-written store, with a profile whose id would fake a status and clear the screen.
  const store = JSON.parse(readFileSync(FIXTURE, "utf8"));
  store.profiles["anthropic:\x1b[32mok\x1b[2J"] = {
    type: "token",
    provider: "anthropic",
    token: "tok-hostile-1",
  };
  writeFileSync(join(agentDir, "auth-profiles.json"), JSON.stringify(store));
});
afterAll(() => cleanup());

const GREEN = (text: string) => `\x1b[32m${text}\x1b[39m`;
const YELLOW = (text: string) => `\x1b[33m${text}\x1b[39m`;
const RED = (text: string) => `\x1b[31m${text}\x1b[39m`;
const DIM = (text: string) => `\x1b[2m${text}\x1b[22m`;
/** What is left of an output once our own colour codes are taken out: it must hold no escape at all. */
const withoutOurCodes = (text: string) =>
  [GREEN, YELLOW, RED, DIM]
    .flatMap((code) => code("|").split("|"))
    .reduce((rest, code) => rest.replaceAll(code, ""), text);

const FORCE = { MODELCTL_NOW: NOW, NO_COLOR: undefined, FORCE_COLOR: "1" };
const PLAIN = { MODELCTL_NOW: NOW };

describe("colour with FORCE_COLOR (stdout not a terminal)", () => {
  it("models status: ok green, expiring yellow, expired red, markers dim, disabled red", async () => {
    const { code, stdout } = await runCli(home, ["models", "status"], { env: FORCE });
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines).toContain(`  - anthropic:manual ${GREEN("ok")} expires in 10d`);
    expect(lines).toContain(`  - anthropic:soon ${YELLOW("expiring")} expires in 2h`);
    expect(lines).toContain(`  - openai-codex:default (me@example.com) ${RED("expired")} expires in 0m`);
    expect(lines).toContain("  - anthropic:static static");
    expect(stdout).toContain(`openrouter:managed=${DIM("marker(secretref-managed)")}`);
    expect(stdout).toContain(`anthropic:manual=token:sk-a...6789 ${RED("[disabled:billing 5h]")}`);
    expect(lines).toContain(
      "- zai Run `modelctl models auth paste-api-key --provider zai` or set ZAI_API_KEY.".replace(
        "zai",
        RED("zai"),
      ),
    );
  });

  it("is the uncoloured output plus our codes, and text from the files stays escaped", async () => {
    const coloured = await runCli(home, ["models", "status"], { env: FORCE });
    const plain = await runCli(home, ["models", "status"], { env: PLAIN });
    expect(plain.stdout).not.toContain("\x1b");
    expect(withoutOurCodes(coloured.stdout)).toBe(plain.stdout);
    expect(coloured.stdout).toContain("anthropic:\\x1b[32mok\\x1b[2J");
  });

  it("models auth list: the status and the marker in their tones", async () => {
    const { stdout } = await runCli(home, ["models", "auth", "list"], { env: FORCE });
    const lines = stdout.split("\n");
    expect(lines).toContain(`- anthropic:soon token token:to...2 ${YELLOW("expiring")} expires in 2h`);
    expect(lines).toContain(
      `- anthropic:manual token token:sk-a...6789 ${GREEN("ok")} expires in 10d ${RED("[disabled:billing 5h]")}`,
    );
    expect(lines).toContain(`- openrouter:managed api_key ${DIM("marker(secretref-managed)")} static`);
    expect(lines).toContain(`- openai:default api_key sk-t...stuv static ${YELLOW("[cooldown 30m]")}`);
    expect(withoutOurCodes(stdout)).not.toContain("\x1b");
  });

  it("models list: Auth yes green, no red, and the columns measured without the codes", async () => {
    const { stdout } = await runCli(home, ["models", "list"], { env: FORCE });
    expect(stdout).toContain(GREEN("yes"));
    expect(stdout).toContain(RED("no"));
    const lines = stripVTControlCharacters(stdout).trimEnd().split("\n");
    // The Input column starts at display column 43 on every line, emoji and CJK ids included.
    const inputAt = lines.map((line) => displayWidth(line.slice(0, line.search(/ (Input|text)/) + 1)));
    expect(inputAt).toEqual(lines.map(() => 43));
    expect(lines.some((line) => line.length !== (lines[0] ?? "").length)).toBe(true);
    expect(stdout).toContain("ollama/🦙-llama3.3");
  });

  it("NO_COLOR wins over FORCE_COLOR; FORCE_COLOR=0 and --json / --plain are never coloured", async () => {
    for (const env of [
      { ...FORCE, NO_COLOR: "1" },
      { ...FORCE, FORCE_COLOR: "0" },
    ]) {
      const { stdout } = await runCli(home, ["models", "status"], { env });
      expect(stdout).not.toContain("\x1b");
    }
    for (const args of [
      ["models", "status", "--json"],
      ["models", "status", "--plain"],
      ["models", "auth", "list", "--json"],
      ["models", "list", "--json"],
    ]) {
      const { stdout } = await runCli(home, args, { env: FORCE });
      expect(stdout).not.toContain("\x1b[");
    }
  });
});

describe("colour without a terminal", () => {
  it("none in a pipe, from the built bin, with neither variable set", async () => {
    const { stdout } = await runBin(home, ["models", "status"], { env: { ...PLAIN, NO_COLOR: undefined } });
    expect(stdout).toContain("anthropic:soon expiring");
    expect(stdout).not.toContain("\x1b");
  });

  it("on a terminal io (isTTY) in process: coloured unless NO_COLOR", async () => {
    const on = await runCli(home, ["models", "auth", "list"], {
      env: { ...PLAIN, NO_COLOR: undefined },
      terminal: true,
    });
    expect(on.stdout).toContain(YELLOW("expiring"));
    const off = await runCli(home, ["models", "auth", "list"], {
      env: { ...PLAIN, NO_COLOR: "1" },
      terminal: true,
    });
    expect(off.stdout).not.toContain("\x1b");
  });
});

describe.runIf(await hasScript())("colour on a real terminal (script)", () => {
  const ptyEnv = {
    PATH: process.env.PATH,
    HOME: home,
    MODELCTL_HOME: join(home, ".modelctl"),
    TERM: "xterm-256color",
    MODELCTL_NOW: NOW,
  };

  it("models status is coloured with neither variable set", async () => {
    const out = (await runInPty(["models", "status"], ptyEnv)).replaceAll("\r\n", "\n");
    expect(out).toContain(`  - anthropic:soon ${YELLOW("expiring")} expires in 2h`);
    expect(out).toContain(`  - anthropic:manual ${GREEN("ok")} expires in 10d`);
  });

  it("not with NO_COLOR, nor with TERM=dumb", async () => {
    for (const env of [
      { ...ptyEnv, NO_COLOR: "1" },
      { ...ptyEnv, TERM: "dumb" },
    ]) {
      const out = await runInPty(["models", "status"], env);
      expect(out).toContain("anthropic:soon expiring");
      expect(out).not.toContain("\x1b[3");
    }
  });
});
