// `completion <shell>` and the `__complete` callback its scripts run at each TAB: the scripts as each shell reads them,
// the candidates from the live state (a profile stored after the script was written included), and the bash
// script driven end to end in a real bash with COMP_WORDS / COMP_CWORD, calling the built bin.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, runBin, runCli, tempHome } from "./run-cli.js";

const CANARY = "sk-canary-completion-7f3a9c2e";

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
});
afterEach(() => cleanup());

const stateDir = () => join(home, ".modelctl");
const writeConfig = (config: unknown) => {
  mkdirSync(stateDir(), { recursive: true });
  writeFileSync(join(stateDir(), "modelctl.json"), JSON.stringify(config));
};
const storeProfile = async (provider: string, profileId?: string) => {
  const args = ["models", "auth", "paste-api-key", "--provider", provider];
  const result = await runCli(home, profileId ? [...args, "--profile-id", profileId] : args, {
    input: CANARY,
  });
  expect(result.code).toBe(0);
};

/** The values `__complete` offers for `words` (the last one the word at the cursor), and its directive line. */
async function complete(...words: string[]) {
  const result = await runCli(home, ["__complete", "--", ...words]);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe("");
  expect(result.stdout).not.toContain(CANARY);
  const lines = result.stdout.split("\n").slice(0, -1);
  const directive = lines.pop();
  return { values: lines.map((line) => line.split("\t")[0]), lines, directive };
}

/** A shell on PATH, or undefined. */
function shellPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    try {
      if (statSync(join(dir, name)).isFile()) return join(dir, name);
    } catch {}
  }
  return undefined;
}

describe("completion <shell>", () => {
  it.each([
    ["bash", "complete -F _modelctl_complete modelctl"],
    ["zsh", "compdef _modelctl modelctl"],
    ["fish", "complete -c modelctl -f -a '(__modelctl_complete)'"],
  ])(
    "prints a %s script that registers itself and calls back `modelctl __complete --`",
    async (shell, registers) => {
      const result = await runCli(home, ["completion", shell]);
      expect(result).toMatchObject({ code: 0, stderr: "" });
      expect(result.stdout).toContain(registers);
      expect(result.stdout).toContain("modelctl __complete --");
      expect(result.stdout).not.toMatch(/\beval\b/);
    },
  );

  it.each(["bash", "zsh", "fish"])(
    "its %s script passes `%s -n` where that shell is installed",
    async (shell) => {
      const script = join(home, `modelctl.${shell}`);
      writeFileSync(script, (await runCli(home, ["completion", shell])).stdout);
      const path = shellPath(shell);
      // bash is on every machine this runs on; zsh and fish are checked where present (see the README for a run).
      if (shell === "bash") expect(path).toBeDefined();
      if (path === undefined) return;
      const check = spawnSync(path, ["-n", script], { encoding: "utf8" });
      expect(check.stderr).toBe("");
      expect(check.status).toBe(0);
    },
  );

  it("refuses another shell with exit 64 and the shells it knows", async () => {
    const result = await runCli(home, ["completion", "powershell"]);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('Unknown shell "powershell"');
    expect(result.stderr).toContain("bash, zsh, fish");
  });

  it("is listed in help; the callback is not", async () => {
    const result = await runCli(home, ["--help"]);
    expect(result.stdout).toContain("completion <shell>");
    expect(result.stdout).not.toContain("__complete");
  });
});

describe("__complete", () => {
  it("completes the top-level commands, then each level of a multi-word command", async () => {
    expect((await complete("")).values).toEqual(["models", "plugins", "completion", "help"]);
    expect((await complete("models", "")).values).toEqual(
      expect.arrayContaining(["status", "list", "set", "aliases", "fallbacks", "auth"]),
    );
    expect((await complete("models", "al")).values).toEqual(["aliases"]);
    expect((await complete("models", "aliases", "")).values).toEqual(["list", "add", "remove"]);
    expect((await complete("models", "auth", "order", "")).values).toEqual(["get", "set", "clear"]);
    // `help <command…>` takes the same words, and no argument values.
    expect((await complete("help", "models", "al")).values).toEqual(["aliases"]);
    expect((await complete("help", "models", "set", "")).values).toEqual([]);
    expect((await complete("models", "--json", "auth", "l")).values).toEqual(["list", "logout", "login"]);
    // Words after `--` are the line being completed, never options of the callback: no help, no version.
    expect((await complete("models", "--help", "aliases", "")).values).toEqual(["list", "add", "remove"]);
    expect((await complete("--version", "")).values).toEqual(["models", "plugins", "completion", "help"]);
  });

  it("completes a command's options with their help, and not those already given", async () => {
    const { lines } = await complete("models", "status", "--probe-p");
    expect(lines).toEqual([
      "--probe-provider\tProbe only this provider",
      "--probe-profile\tProbe only these profiles (repeat or comma-separate)",
    ]);
    const given = await complete("models", "status", "--json", "--");
    expect(given.values).not.toContain("--json");
    expect(given.values).toEqual(expect.arrayContaining(["--plain", "--probe", "--help"]));
    // A bare group takes its command's options.
    expect((await complete("models", "--chec")).values).toEqual(["--check"]);
  });

  it("completes provider ids: the provider table's and the configured ones", async () => {
    writeConfig({ models: { providers: { "my-proxy": { baseUrl: "http://127.0.0.1:1/v1", models: [] } } } });
    expect((await complete("models", "status", "--probe-provider", "anthr")).values).toEqual([
      "anthropic",
      "anthropic-vertex",
    ]);
    expect((await complete("models", "auth", "login", "--provider", "my-")).values).toEqual(["my-proxy"]);
    expect((await complete("models", "auth", "paste-token", "--provider=opena")).values).toEqual(
      expect.arrayContaining(["--provider=openai", "--provider=openai-codex"]),
    );
  });

  it("completes a profile id stored after the script was written", async () => {
    const script = (await runCli(home, ["completion", "bash"])).stdout;
    expect((await complete("models", "auth", "logout", "")).values).toEqual([]);
    await storeProfile("anthropic");
    await storeProfile("openai", "work");
    expect((await complete("models", "auth", "logout", "")).values).toEqual([
      "anthropic:default",
      "openai:work",
    ]);
    expect((await complete("models", "status", "--probe-profile", "anth")).lines).toEqual([
      "anthropic:default\tanthropic api_key",
    ]);
    // Only the provider's own where the command names one.
    expect((await complete("models", "auth", "order", "set", "--provider", "openai", "")).values).toEqual([
      "openai:work",
    ]);
    expect((await runCli(home, ["completion", "bash"])).stdout).toBe(script);
  });

  it("completes aliases from the config, and model ids from the catalog by provider", async () => {
    writeConfig({ agents: { defaults: { models: { "anthropic/claude-opus-4-6": { alias: "opus" } } } } });
    expect((await complete("models", "aliases", "remove", "")).values).toEqual(["opus"]);
    expect((await complete("models", "set", "op")).values).toEqual(
      expect.arrayContaining(["opus", "openai/"]),
    );
    const claude = (await complete("models", "set", "anthropic/cla")).values;
    expect(claude.length).toBeGreaterThan(5);
    expect(claude.every((value) => value?.startsWith("anthropic/claude-"))).toBe(true);
    expect(claude).toContain("anthropic/claude-opus-4-6");
    expect(
      (await complete("models", "status", "--probe-model", "openai/gpt-5.")).values.length,
    ).toBeGreaterThan(0);
    expect(
      (await complete("models", "aliases", "add", "fast", "anthropic/claude-haiku")).values.length,
    ).toBeGreaterThan(0);
  });

  it("asks the shell for file names after --config, and offers nothing for a free-form value", async () => {
    expect(await complete("models", "list", "--config", "")).toMatchObject({ values: [], directive: ":1" });
    expect(await complete("models", "status", "--probe-timeout", "")).toMatchObject({
      values: [],
      directive: ":0",
    });
    expect((await complete("completion", "")).values).toEqual(["bash", "zsh", "fish"]);
  });

  it("leaves out ids a shell would read as more than one word (a hostile store)", async () => {
    await storeProfile("openai", "ok");
    const store = join(stateDir(), "agents", "main", "agent", "auth-profiles.json");
    const file = JSON.parse(readFileSync(store, "utf8"));
    const stored = file.profiles["openai:ok"];
    for (const id of [
      "openai:$(touch pwned)",
      "openai:a;b",
      "openai:`id`",
      "openai:'q'",
      "openai:~root",
      "openai:a b",
    ])
      file.profiles[id] = stored;
    writeFileSync(store, JSON.stringify(file));
    expect((await complete("models", "auth", "logout", "openai:")).values).toEqual(["openai:ok"]);
  });

  it("offers nothing, silently and without writing, from a broken config or store", async () => {
    writeConfig({ agents: { defaults: { models: { "anthropic/claude-opus-4-6": { alias: "opus" } } } } });
    await storeProfile("anthropic");
    writeFileSync(join(stateDir(), "modelctl.json"), "{ not json");
    const store = join(stateDir(), "agents", "main", "agent", "auth-profiles.json");
    writeFileSync(store, `{"version":1,"profiles":[${JSON.stringify(CANARY)}]`);
    const before = snapshot(stateDir());
    expect((await complete("models", "aliases", "remove", "")).values).toEqual([]);
    expect((await complete("models", "auth", "logout", "")).values).toEqual([]);
    expect((await complete("models", "set", "anthropic/claude-opus-4-")).values.length).toBeGreaterThan(0);
    expect(snapshot(stateDir())).toEqual(before);
  });
});

/** Every file under `dir` with its bytes and modification time. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isFile()) files[name] = `${stat.mtimeMs} ${readFileSync(path, "base64")}`;
  }
  return files;
}

/** A `modelctl` on PATH that runs the built bin, and the script `shell` gets from it; the env to run them with. */
function installed(shell: string) {
  const bin = join(home, "bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "modelctl"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, "modelctl"), 0o755);
  const script = join(home, `modelctl.${shell}`);
  writeFileSync(script, execFileSync(process.execPath, [BIN, "completion", shell], { encoding: "utf8" }));
  const env = {
    ...process.env,
    PATH: `${bin}${delimiter}${process.env.PATH}`,
    HOME: home,
    MODELCTL_HOME: stateDir(),
  };
  return { script, env };
}

describe("the fish script, where fish is installed, calling the built bin", () => {
  it("completes a stored profile id and catalog models through `complete -C`", async () => {
    const fish = shellPath("fish");
    if (fish === undefined) return; // not on this machine; bash is driven end to end below
    await runBin(home, ["models", "auth", "paste-api-key", "--provider", "anthropic"], { input: CANARY });
    const { script, env } = installed("fish");
    const tab = (line: string) =>
      execFileSync(fish, ["--no-config", "-c", `source ${script}; complete -C '${line}'`], {
        encoding: "utf8",
        env,
      })
        .split("\n")
        .filter((each) => each !== "")
        .map((each) => each.split("\t")[0]);
    expect(tab("modelctl models auth logout ")).toEqual(["anthropic:default"]);
    expect(tab("modelctl models auth lo")).toEqual(["login", "logout"]);
    expect(tab("modelctl models set anthropic/claude-opus-4-")).toContain("anthropic/claude-opus-4-6");
  });
});

describe("the zsh script, where zsh is installed, calling the built bin", () => {
  it("hands _describe the stored profile id (its ':' escaped), models and commands; _files after --config", async () => {
    const zsh = shellPath("zsh");
    if (zsh === undefined) return; // not on this machine; bash is driven end to end below
    await runBin(home, ["models", "auth", "paste-api-key", "--provider", "anthropic"], { input: CANARY });
    const { script, env } = installed("zsh");
    // The completion system's _describe and _files are stood in for: they print what the script hands them.
    const driver = [
      "compdef() { : }",
      `_describe() { print -r -- "\${@[5,-1]}: \${(j:|:)\${(P)4}}" }`,
      "_files() { print -r -- files }",
      'source "$1"; shift',
      `words=("$@"); CURRENT=\${#words}`,
      "_modelctl",
    ].join("\n");
    const tab = (...words: string[]) =>
      execFileSync(zsh, ["-f", "-c", driver, "zsh", script, "modelctl", ...words], { encoding: "utf8", env });
    expect(tab("models", "auth", "logout", "")).toBe(": anthropic\\:default:anthropic api_key\n");
    expect(tab("models", "auth", "logout", "anthropic:")).toBe(": anthropic\\:default:anthropic api_key\n");
    expect(tab("models", "set", "anthrop")).toBe("-S : anthropic/|anthropic-vertex/\n");
    expect(tab("models", "st")).toBe(": status:Show the default model, fallbacks, image model and aliases\n");
    expect(tab("models", "list", "--config", "")).toBe("files\n");
  });
});

describe("the bash script, in a real bash, calling the built bin", () => {
  /** Sources the script and runs its function as bash's completion would, with COMP_WORDS as readline splits them. */
  function tab(words: string[]): string[] {
    const { script, env } = installed("bash");
    const result = spawnSync("bash", ["-c", DRIVER, "bash", script, "modelctl", ...words], {
      encoding: "utf8",
      env,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    return result.stdout.split("\n").filter((line) => line !== "");
  }
  const DRIVER = [
    'source "$1"; shift',
    `COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))`,
    `COMP_LINE="$*"; COMP_POINT=\${#COMP_LINE}`,
    `_modelctl_complete; printf "%s\\n" "\${COMPREPLY[@]}"`,
  ].join("\n");

  it("completes commands, options, profile ids split at ':' and '=', and catalog models", async () => {
    await runBin(home, ["models", "auth", "paste-api-key", "--provider", "anthropic"], { input: CANARY });
    expect(tab(["models", "auth", "lo"])).toEqual(["logout", "login"]);
    expect(tab(["models", "status", "--probe-ti"])).toEqual(["--probe-timeout"]);
    expect(tab(["models", "auth", "logout", ""])).toEqual(["anthropic:default"]);
    // Readline splits `anthropic:de` at ':' and replaces only what follows it.
    expect(tab(["models", "auth", "logout", "anthropic", ":", "de"])).toEqual(["default"]);
    expect(tab(["models", "auth", "logout", "anthropic", ":"])).toEqual(["default"]);
    expect(tab(["models", "status", "--probe-profile", "=", "anth"])).toEqual(["anthropic:default"]);
    expect(tab(["models", "set", "anthropic/claude-opus-4-6"])).toContain("anthropic/claude-opus-4-6");
    expect(tab(["models", "set", "anthrop"])).toEqual(["anthropic/", "anthropic-vertex/"]);
  });

  it("offers nothing and prints nothing when the program fails or is missing", () => {
    const { script, env } = installed("bash");
    writeFileSync(join(home, "bin", "modelctl"), "#!/bin/sh\necho 'modelctl: broken' >&2\nexit 1\n");
    for (const path of [env.PATH, "/nonexistent"]) {
      const result = spawnSync(
        shellPath("bash") ?? "bash",
        ["-c", DRIVER, "bash", script, "modelctl", "models", ""],
        {
          encoding: "utf8",
          env: { ...env, PATH: path },
        },
      );
      expect(result).toMatchObject({ status: 0, stdout: "\n", stderr: "" });
    }
  });
});
