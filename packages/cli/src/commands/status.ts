// `models status`: the model part (default, fallbacks, image model, aliases, configured models) in three forms.
import { type AuthStore, loadAuthStore } from "@modelctl/auth-profiles";
import {
  describeModelSelection,
  formatModelRef,
  type ModelSelectionView,
  type ModelsConfig,
} from "@modelctl/model-ref";
import { type Line, painterFor, Styled, toned } from "../colour.js";
import { lockTimeoutMs, nowOf } from "../env-settings.js";
import { type Io, printJson, printLines, println, tildify } from "../io.js";
import { outputMode } from "../output-mode.js";
import { type ProbeFlags, probeSettings } from "../probe-options.js";
import type { StatusJson } from "../schemas.js";
import { loadConfig, type PathOptions, resolveAgent, resolveStatePaths } from "../state-paths.js";
import { authJson, authLines, buildAuthSection } from "../status/auth-section.js";
import type { UsageView } from "../status/usage-section.js";
import { warnAboutStore } from "../store-warning.js";

export interface StatusOptions extends PathOptions, ProbeFlags {
  readonly json?: boolean;
  readonly plain?: boolean;
  readonly agent?: string;
  /** Exit 1 when a credential in use is expired or missing, 2 when one is expiring; output unchanged. */
  readonly check?: boolean;
  /** Fetch the usage of subscription logins (and cache it); without it, the cached snapshots are shown. */
  readonly usage?: boolean;
}

function describeResolution(view: ModelSelectionView): string {
  switch (view.resolution.via) {
    case "built-in":
      return " (built-in default)";
    case "first-configured-provider":
      return " (first model of the first configured provider)";
    case "alias":
      return ` (from ${view.defaultModel})`;
    case "default-provider":
      return ` (from ${view.defaultModel}, default provider)`;
    case "configured-provider":
      return ` (from ${view.defaultModel}, the one configured provider with that model)`;
    case "explicit":
      return view.defaultModel === view.resolvedDefault ? "" : ` (from ${view.defaultModel})`;
  }
}

/**
 * OpenClaw's warning for a primary without a provider that no alias and no single configured provider claims,
 * with the config key to change and, when several configured providers have the model, which ones.
 */
function warnBarePrimary(io: Io, view: ModelSelectionView, agentId: string | undefined): void {
  if (view.resolution.via !== "default-provider") return;
  const where =
    view.defaultSource === "agent" && agentId !== undefined
      ? `agents.list[${agentId}].model`
      : "agents.defaults.model";
  const written = (provider: string) => `"${formatModelRef({ ...view.defaultRef, provider })}"`;
  const candidates = view.resolution.ambiguousProviders ?? [];
  const why = candidates.length > 0 ? ` (configured providers ${candidates.join(", ")} all have it)` : "";
  const use =
    candidates.length > 0
      ? `one of ${candidates.map(written).join(", ")}`
      : written(view.defaultRef.provider);
  println(
    io.stderr,
    `Warning: Model "${view.defaultModel}" specified without provider${why}. Falling back to ${written(view.defaultRef.provider)}. Please use ${use} in your config (${where}).`,
  );
}

/** The usage to show: fetched (`--usage`, `--probe`) or from the agent's usage cache. */
async function usageOf(
  io: Io,
  input: { store: AuthStore; config: ModelsConfig; fetch: boolean; now: number },
): Promise<UsageView> {
  const section = await import("../status/usage-section.js");
  const providers = section.subscriptionProviders(input.store);
  const shown = input.fetch
    ? await section.fetchUsage(io, { ...input, providers })
    : await section.cachedUsage(io, input.store.paths.agentDir, providers);
  return section.usageView(shown, input.now);
}

/** OpenClaw's label column: padded to 14, and with `--agent` the source in brackets (`Default (agent)`). */
const label = (text: string, source?: string) => (source ? `${text} (${source})` : text).padEnd(14);

const list = (items: readonly string[]) => (items.length === 0 ? "-" : items.join(", "));

export async function statusCommand(io: Io, options: StatusOptions): Promise<number> {
  const mode = outputMode(options);
  const probe = probeSettings(options, mode);
  const paths = resolveStatePaths(io, options);
  const config = await loadConfig(paths);
  const agent = await resolveAgent(io, paths, config, options.agent);
  const view = describeModelSelection(config, agent.agentId === undefined ? {} : { agentId: agent.agentId });
  warnBarePrimary(io, view, agent.agentId);
  // Where the models come from is said (as OpenClaw says it with --agent) whenever an agent's own model could apply.
  const sources =
    (options.agent !== undefined && agent.agentId !== undefined) ||
    view.defaultSource === "agent" ||
    view.fallbacksSource === "agent"
      ? {
          default: view.defaultSource === "agent" ? ("agent" as const) : ("defaults" as const),
          fallbacks: view.fallbacksSource,
        }
      : undefined;
  const load = { mainAgentDir: agent.mainAgentDir };
  let store = await loadAuthStore(agent.agentDir, load);
  warnAboutStore(io, store);
  const timeoutMs = lockTimeoutMs(io);
  // --probe-refresh refreshes before anything is judged or sent, so that the section and the probes see the new tokens.
  const refreshed =
    probe?.refresh === true
      ? await (await import("../status/probe-refresh.js")).refreshForProbes(io, store, probe)
      : undefined;
  if (refreshed && refreshed.length > 0) store = await loadAuthStore(agent.agentDir, load);
  const auth = buildAuthSection(io, store, config, view, nowOf(io));
  // Usage needs OAuth or token profiles: without any, plain status loads no usage code at all.
  const usage = store.profiles.some((profile) => profile.type === "oauth" || profile.type === "token")
    ? await usageOf(io, {
        store,
        config,
        fetch: options.usage === true || probe !== undefined,
        now: nowOf(io),
      })
    : undefined;
  // Probes never change the exit code (as in the reference): --check judges the stored credentials.
  const exitCode = options.check ? auth.overview.check.exitCode : 0;
  // Loaded only with --probe: plain status starts without HTTP or probe code.
  const probes =
    probe &&
    (await (
      await import("../status/probe-run.js")
    ).runProbes(io, {
      store,
      config,
      view,
      settings: probe,
      now: nowOf(io),
      lock: timeoutMs === undefined ? {} : { timeoutMs },
    }));

  if (mode === "plain") {
    println(io.stdout, view.resolvedDefault);
    return exitCode;
  }
  if (mode === "json") {
    const doc: StatusJson = {
      configPath: paths.configPath,
      ...(options.agent !== undefined && agent.agentId !== undefined ? { agentId: agent.agentId } : {}),
      agentDir: agent.agentDir,
      defaultModel: view.defaultModel,
      resolvedDefault: view.resolvedDefault,
      fallbacks: view.fallbacks,
      imageModel: view.imageModel,
      imageFallbacks: view.imageFallbacks,
      ...(sources
        ? { modelConfig: { defaultSource: sources.default, fallbacksSource: sources.fallbacks } }
        : {}),
      aliases: view.aliases,
      allowed: view.allowed,
      defaultResolution: {
        provider: view.defaultRef.provider,
        model: view.defaultRef.model,
        ...view.resolution,
      },
      auth: {
        ...authJson(auth, io.homedir),
        ...(usage && usage.json.length > 0 ? { usage: [...usage.json] } : {}),
        ...(probes ? { probes: refreshed ? { ...probes, refreshed } : probes } : {}),
      },
    };
    printJson(io, doc);
    return exitCode;
  }

  const home = io.homedir;
  const aliases = Object.entries(view.aliases).map(([alias, key]) => `${alias} -> ${key}`);
  const lines: Line[] = [
    `Config        : ${tildify(paths.configPath, home)}`,
    `Agent dir     : ${tildify(agent.agentDir, home)}`,
    `${label("Default", sources?.default)}: ${view.resolvedDefault}${describeResolution(view)}`,
    `${label(`Fallbacks (${view.fallbacks.length})`, sources?.fallbacks)}: ${list(view.fallbacks)}`,
    // An agent's own model never changes the image model: it always comes from the defaults.
    `${label("Image model", sources && "defaults")}: ${view.imageModel ?? "-"}`,
    `${label(`Image fallbacks (${view.imageFallbacks.length})`, sources && "defaults")}: ${list(view.imageFallbacks)}`,
    `Aliases (${aliases.length})   : ${list(aliases)}`,
    `Configured models (${view.allowed.length}): ${view.allowed.length === 0 ? "all" : view.allowed.join(", ")}`,
  ];
  lines.push(...authLines(io, auth, usage?.lines));
  if (probes) {
    const { probeLines } = await import("../status/probe-run.js");
    lines.push(...probeLines(probes, io.stdout.columns ?? 120));
  }
  printLines(io.stdout, lines, painterFor(io, io.stdout));
  if (options.check && auth.overview.check.problems.length > 0) {
    const paint = painterFor(io, io.stderr);
    for (const problem of auth.overview.check.problems)
      println(
        io.stderr,
        new Styled([
          "check: ",
          problem.level === 1 ? toned("bad", "fail") : toned("warn", "warn"),
          `: ${problem.message}`,
        ]),
        paint,
      );
  }
  return exitCode;
}
