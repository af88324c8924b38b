// Registers the `models` command family on a cac instance: ours, or a host program's.
import type { CAC, Command } from "cac";
import { joinSubcommandWords, restoreOptionTexts } from "./argv.js";
import type { StatusOptions } from "./commands/status.js";
import { CliError, describeError, exitCodeOf, usageError } from "./errors.js";
import { type Io, println, processIo } from "./io.js";

export interface RegisterOptions {
  /** Streams, env and home folder; the process's by default. */
  readonly io?: Partial<Io>;
  /** Called with the exit code a command wants; sets `process.exitCode` by default. */
  readonly setExitCode?: (code: number) => void;
}

const REF_EXAMPLE = "anthropic/claude-opus-4-6";
/** Value options that may be given more than once (cac keys); any other given twice is a usage error. */
const REPEATABLE: ReadonlySet<string> = new Set(["probeProfile", "probeModel"]);
/** The commands this module registered on each cac instance: their option values are restored as typed. */
const registered = new WeakMap<CAC, Set<Command>>();

/** Sub-commands of a group, for its help and its "unknown command" error. */
function childrenOf(cli: CAC, group: string): Command[] {
  const depth = group.split(" ").length + 1;
  return cli.commands.filter(
    (command) => command.name.startsWith(`${group} `) && command.name.split(" ").length === depth,
  );
}

/**
 * Registers `models …` (and `plugins list`) on `cli`. cac matches one word per command, so this also wraps
 * `cli.parse` to join multi-word command names (`models aliases add`) and adds the sub-command list to group help.
 */
export function registerModelsCommands(cli: CAC, options: RegisterOptions = {}): CAC {
  const hostCommands = new Set(cli.commands);
  const io: Io = { ...processIo(cli.name || "modelctl"), ...options.io };
  const setExitCode =
    options.setExitCode ??
    ((code: number) => {
      process.exitCode = code;
    });
  const program = () => io.programName || cli.name || "modelctl";

  const act =
    <A extends unknown[]>(handler: (io: Io, ...args: A) => Promise<number>) =>
    async (...args: A) => {
      try {
        setExitCode(await handler(io, ...args));
      } catch (error) {
        println(io.stderr, describeError(error));
        setExitCode(exitCodeOf(error));
      }
    };

  const unknownSubcommand = (group: string, rest: readonly string[]) => {
    const names = childrenOf(cli, group).map((command) => command.name.slice(group.length + 1));
    return usageError(
      `Unknown command "${group} ${rest.join(" ")}". ${group} has: ${names.join(", ")}. Run \`${program()} ${group} --help\`.`,
    );
  };
  const lazy = <M, A extends unknown[]>(
    load: () => Promise<M>,
    pick: (module: M) => (io: Io, ...args: A) => Promise<number>,
  ) => act(async (io: Io, ...args: A) => pick(await load())(io, ...args));

  const status = () => import("./commands/status.js");
  const set = () => import("./commands/set.js");
  const aliases = () => import("./commands/aliases.js");
  const fallbacks = () => import("./commands/fallbacks.js");
  const plugins = () => import("./commands/plugins.js");

  const withConfig = (command: Command) =>
    command.option(
      "--config <path>",
      "Config file (default: $MODELCTL_CONFIG, else $MODELCTL_HOME/modelctl.json)",
    );
  const withOutput = (command: Command) =>
    command
      .option("--json", "Print one JSON document on stdout")
      .option("--plain", "Print one value per line, for scripts");
  const withStatus = (command: Command) =>
    withConfig(withOutput(command))
      .option("--agent <id>", "Inspect a configured agent's model and auth state")
      .option(
        "--check",
        "Exit 1 if a credential in use is expired or missing, 2 if one expires within 24 h (any output form)",
      )
      .option("--probe", "Send a small real request per profile and show what each returns (uses tokens)")
      .option("--probe-provider <name>", "Probe only this provider")
      .option("--probe-profile <ids>", "Probe only these profiles (repeat or comma-separate)")
      .option("--probe-timeout <ms>", "Hard time limit per probe, in ms (default 8000)")
      .option("--probe-concurrency <n>", "Probes in flight at once (default 2)")
      .option("--probe-max-tokens <n>", "Answer tokens per probe, raised to an API's minimum (default 8)")
      .option("--probe-model <ref>", "Probe this model with the credential it would use (repeatable)")
      .option(
        "--probe-chain",
        "Probe the default model and every fallback with the credential each would use",
      )
      .option("--probe-record", "Record probe outcomes in auth-state.json usage stats (cooldowns)");

  // models (bare) is models status, as in the reference.
  withStatus(
    cli.command("models [...rest]", "Choose models and check their credentials (bare: models status)"),
  ).action(
    act(async (io, rest: string[], opts: StatusOptions) => {
      if (rest.length > 0) throw unknownSubcommand("models", rest);
      return (await status()).statusCommand(io, opts);
    }),
  );
  withStatus(cli.command("models status", "Show the default model, fallbacks, image model and aliases"))
    .example((name) => `  $ ${name} models status --json`)
    .action(lazy(status, (module) => module.statusCommand));

  withConfig(cli.command("models set <model>", "Set the default model (a provider/model ref or an alias)"))
    .example((name) => `  $ ${name} models set ${REF_EXAMPLE}`)
    .action(
      lazy(set, (module) => (io: Io, raw: string, opts: object) => module.setCommand(io, "model", raw, opts)),
    );
  withConfig(cli.command("models set-image <model>", "Set the image model"))
    .example((name) => `  $ ${name} models set-image openai/gpt-5.2`)
    .action(
      lazy(
        set,
        (module) => (io: Io, raw: string, opts: object) => module.setCommand(io, "imageModel", raw, opts),
      ),
    );

  withConfig(
    withOutput(cli.command("models aliases [...rest]", "List or edit model aliases (bare: list)")),
  ).action(
    act(async (io, rest: string[], opts: object) => {
      if (rest.length > 0) throw unknownSubcommand("models aliases", rest);
      return (await aliases()).aliasesListCommand(io, opts);
    }),
  );
  withConfig(withOutput(cli.command("models aliases list", "List aliases"))).action(
    lazy(aliases, (module) => module.aliasesListCommand),
  );
  withConfig(
    cli.command(
      "models aliases add <alias> <model>",
      "Point an alias at a model (re-using an alias moves it)",
    ),
  )
    .example((name) => `  $ ${name} models aliases add opus ${REF_EXAMPLE}`)
    .action(lazy(aliases, (module) => module.aliasesAddCommand));
  withConfig(
    cli.command("models aliases remove <alias>", "Remove an alias (the model stays configured)"),
  ).action(lazy(aliases, (module) => module.aliasesRemoveCommand));

  for (const [group, kind, what] of [
    ["models fallbacks", "model", "fallback chain of the default model"],
    ["models image-fallbacks", "imageModel", "fallback chain of the image model"],
  ] as const) {
    withConfig(withOutput(cli.command(`${group} [...rest]`, `List or edit the ${what} (bare: list)`))).action(
      act(async (io, rest: string[], opts: object) => {
        if (rest.length > 0) throw unknownSubcommand(group, rest);
        return (await fallbacks()).fallbacksListCommand(io, kind, opts);
      }),
    );
    withConfig(withOutput(cli.command(`${group} list`, `List the ${what}`))).action(
      lazy(fallbacks, (module) => (io: Io, opts: object) => module.fallbacksListCommand(io, kind, opts)),
    );
    withConfig(cli.command(`${group} add <model>`, "Append a model (no duplicates, never the primary)"))
      .example((name) => `  $ ${name} ${group} add openai/gpt-5.2`)
      .action(
        lazy(
          fallbacks,
          (module) => (io: Io, raw: string, opts: object) => module.fallbacksAddCommand(io, kind, raw, opts),
        ),
      );
    withConfig(cli.command(`${group} remove <model>`, "Remove a model (by ref or alias)")).action(
      lazy(
        fallbacks,
        (module) => (io: Io, raw: string, opts: object) => module.fallbacksRemoveCommand(io, kind, raw, opts),
      ),
    );
    withConfig(cli.command(`${group} clear`, "Remove every fallback")).action(
      lazy(fallbacks, (module) => (io: Io, opts: object) => module.fallbacksClearCommand(io, kind, opts)),
    );
  }

  const authSave = () => import("./commands/auth-save.js");
  const authList = () => import("./commands/auth-list.js");
  const authOrder = () => import("./commands/auth-order.js");
  const withAgent = (command: Command) =>
    withConfig(command).option(
      "--agent <id>",
      "Act on this configured agent's store (default: the default agent)",
    );
  const withProvider = (command: Command, required = true) =>
    withAgent(command).option(
      "--provider <id>",
      `Provider id, e.g. anthropic${required ? " (required)" : ""}`,
    );
  const withSecretTarget = (command: Command, defaultName: string) =>
    withProvider(command).option("--profile-id <id>", `Profile id (default: <provider>:${defaultName})`);

  withOutput(
    withProvider(
      cli.command("models auth [...rest]", "Store, list and order credentials (bare: list)"),
      false,
    ),
  ).action(
    act(async (io, rest: string[], opts: object) => {
      // Not echoed: a mistyped command may be a pasted secret.
      if (rest.length > 0) throw unknownSubcommand("models auth", ["…"]);
      return (await authList()).authListCommand(io, opts);
    }),
  );
  withOutput(
    withProvider(
      cli.command("models auth list", "List stored profiles with masked values and expiry"),
      false,
    ),
  ).action(lazy(authList, (module) => module.authListCommand));
  withSecretTarget(
    cli.command(
      "models auth paste-token",
      "Store a token read from stdin (or a hidden prompt on a terminal)",
    ),
    "manual",
  )
    .option("--expires-in <duration>", "When it expires: 30m, 12h, 365d, 2w")
    .example(
      (name) =>
        `  $ printf %s "$TOKEN" | ${name} models auth paste-token --provider anthropic --expires-in 365d`,
    )
    .action(lazy(authSave, (module) => module.pasteTokenCommand));
  withSecretTarget(
    cli.command(
      "models auth paste-api-key",
      "Store an API key read from stdin (or a hidden prompt on a terminal)",
    ),
    "default",
  )
    .example(
      (name) => `  $ printf %s "$OPENAI_API_KEY" | ${name} models auth paste-api-key --provider openai`,
    )
    .action(lazy(authSave, (module) => module.pasteApiKeyCommand));
  withSecretTarget(
    cli.command(
      "models auth setup-token",
      "Store a token from `claude setup-token` (pasted, piped, or --run)",
    ),
    "default",
  )
    .option("--run", "Run `claude setup-token` and capture the token it prints")
    .option("--expires-in <duration>", "When it expires (default: 365d)")
    .option("--yes", "Accepted for compatibility; nothing is asked")
    .example((name) => `  $ ${name} models auth setup-token --run`)
    .action(lazy(authSave, (module) => module.setupTokenCommand));
  withSecretTarget(
    cli.command("models auth add", "Add a credential: asks on a terminal, flags and stdin otherwise"),
    "default",
  )
    .option("--method <method>", "api-key or token")
    .option("--expires-in <duration>", "For tokens: when it expires (30m, 12h, 365d)")
    .example((name) => `  $ printf %s "$KEY" | ${name} models auth add --provider groq --method api-key`)
    .action(lazy(authSave, (module) => module.addCommand));
  withAgent(
    cli.command(
      "models auth logout <profileId>",
      "Remove a profile and its order, cooldown and last-good entries",
    ),
  )
    .option("--yes", "Accepted for compatibility; nothing is asked")
    .action(lazy(authList, (module) => module.authLogoutCommand));
  withAgent(cli.command("models auth login", "Not available: OAuth sign-in flows are not built yet"))
    .option("--provider <id>", "Provider id")
    .action(
      act(async () => {
        throw new CliError(
          "UNAVAILABLE",
          `models auth login (OAuth sign-in) is not available in modelctl yet. Store a key or token instead: \`${program()} models auth paste-api-key --provider <id>\`, \`paste-token\` or \`setup-token\`.`,
        );
      }),
    );

  withOutput(
    withProvider(cli.command("models auth order [...rest]", "Per-agent profile order (bare: get)")),
  ).action(
    act(async (io, rest: string[], opts: object) => {
      if (rest.length > 0) throw unknownSubcommand("models auth order", ["…"]);
      return (await authOrder()).authOrderGetCommand(io, opts);
    }),
  );
  withOutput(
    withProvider(cli.command("models auth order get", "Show the agent's profile order for a provider")),
  ).action(lazy(authOrder, (module) => module.authOrderGetCommand));
  withProvider(
    cli.command("models auth order set <...profileIds>", "Try these profiles, in this order, and no others"),
  )
    .example(
      (name) => `  $ ${name} models auth order set --provider anthropic anthropic:work anthropic:manual`,
    )
    .action(lazy(authOrder, (module) => module.authOrderSetCommand));
  withProvider(
    cli.command("models auth order clear", "Remove the override: every profile is used, in store order"),
  ).action(lazy(authOrder, (module) => module.authOrderClearCommand));

  withOutput(cli.command("plugins [...rest]", "List built-in provider plugins (bare: list)")).action(
    act(async (io, rest: string[], opts: object) => {
      if (rest.length > 0) throw unknownSubcommand("plugins", rest);
      return (await plugins()).pluginsListCommand(io, opts);
    }),
  );
  withOutput(cli.command("plugins list", "List built-in provider plugins: ids, API family, env vars")).action(
    lazy(plugins, (module) => module.pluginsListCommand),
  );

  const ours = registered.get(cli) ?? new Set<Command>();
  for (const command of cli.commands) if (!hostCommands.has(command)) ours.add(command);
  if (!registered.has(cli)) {
    registered.set(cli, ours);
    const parse = cli.parse.bind(cli);
    cli.parse = ((argv?: string[], parseOptions?: { run?: boolean }) => {
      addGroupHelp(cli);
      const joined = joinSubcommandWords(cli, argv ?? process.argv);
      // Parsed without running, so that option values are put back as typed before the action sees them.
      const parsed = parse(joined, { ...parseOptions, run: false });
      const command = cli.matchedCommand;
      if (command && ours.has(command)) restoreOptionTexts(cli, joined, command, REPEATABLE);
      if (parseOptions?.run !== false) void cli.runMatchedCommand();
      return parsed;
    }) as CAC["parse"];
  }
  return cli;
}

const shown = (command: Command) => command.rawName.replace(" [...rest]", " <command>");

/** Formats command rows the way cac does, with group commands shown as `<group> <command>`. */
function commandRows(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => shown(command).length));
  return commands.map((command) => `  ${shown(command).padEnd(width)}  ${command.description}`).join("\n");
}

/**
 * Help for groups lists their sub-commands; the top-level help lists every command once, groups shown as
 * `<group> <command>`, and one line on how to get more.
 */
function addGroupHelp(cli: CAC): void {
  const host = cli.globalCommand.helpCallback;
  if ((host as { modelctl?: boolean } | undefined)?.modelctl) return;
  const callback = Object.assign(
    (sections: { title?: string; body: string }[]) => {
      const base = host?.(sections) ?? sections;
      const matched = cli.matchedCommand;
      if (!matched) {
        return base
          .filter((section) => !section.title?.startsWith("For more info"))
          .map((section) =>
            section.title === "Commands"
              ? {
                  title: "Commands",
                  body: `${commandRows(cli.commands)}\n\nRun any command with --help for its options.`,
                }
              : section,
          );
      }
      const usage = base.findIndex((section) => section.title === "Usage");
      const withUsage = base.map((section, index) =>
        index === usage
          ? { ...section, body: section.body.replace(" [...rest]", " <command> [options]") }
          : section,
      );
      const children = childrenOf(cli, matched.name);
      if (children.length === 0) return withUsage;
      return [
        ...withUsage.slice(0, usage + 1),
        { title: "Commands", body: commandRows(children) },
        ...withUsage.slice(usage + 1),
      ];
    },
    { modelctl: true },
  );
  cli.globalCommand.helpCallback = callback;
}
