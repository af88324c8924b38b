// `models status --probe`: plan the probes, run them with live progress on a terminal, record them when asked,
// and show them as the reference does (a table, or `auth.probes` in --json).
import {
  type AuthStore,
  type FailureReason,
  isCooldownExempt,
  recordOutcome,
  stopRefCommands,
  updateAuthStore,
} from "@modelctl/auth-profiles";
import type { ModelSelectionView, ModelsConfig } from "@modelctl/model-ref";
import type { InsecureTarget, ProbeResult } from "@modelctl/probe";
import { type Line, Styled, type Tone, toned } from "../colour.js";
import { type Io, println } from "../io.js";
import type { ProbeSettings } from "../probe-options.js";
import { countingProgress } from "../progress.js";
import type { ProbeRunJson } from "../schemas.js";
import { renderTable } from "../table.js";
import { type PlannedProbe, planProbes } from "./probe-targets.js";

export interface ProbeRunInput {
  readonly store: AuthStore;
  readonly config: ModelsConfig;
  readonly view: ModelSelectionView;
  readonly settings: ProbeSettings;
  readonly now: number;
  readonly lock: { readonly timeoutMs?: number };
}

// Only results of a request carry a latency; pre-flight ones (and endpoints we cannot speak to) do not.
const wasSent = (result: ProbeResult) => result.latencyMs !== undefined;

/** `412ms`, `3.0s`: the reference's `formatMs`. */
export const formatMs = (ms: number) => (ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`);

// Outcomes that are about the endpoint (a redirect, a server that does not speak the API) or our own limits.
const NOT_THE_CREDENTIAL = new Set([
  "redirect",
  "unsupported_api",
  "invalid_base_url",
  "unexpected_reply",
  "body_too_large",
]);

// What a probe outcome says about the profile, in the store's backoff vocabulary. Network failures and endpoint
// problems say nothing about the credential, so they are not recorded.
function failureReason(result: ProbeResult): FailureReason | undefined {
  if (result.reasonCode !== undefined && NOT_THE_CREDENTIAL.has(result.reasonCode)) return undefined;
  switch (result.status) {
    case "auth":
    case "billing":
    case "rate_limit":
    case "overloaded":
    case "timeout":
    case "format":
    case "unknown":
      return result.status;
    default:
      return undefined;
  }
}

/** Writes the outcome of every sent profile probe into auth-state.json usage stats; returns the profile ids written. */
async function record(
  input: ProbeRunInput,
  planned: readonly PlannedProbe[],
  results: readonly ProbeResult[],
): Promise<string[]> {
  type Outcome = { profileId: string; reason: FailureReason | "ok"; model: string | undefined };
  const providerOf = new Map(input.store.profiles.map((profile) => [profile.id, profile.provider]));
  const outcomes = results.flatMap((result, index): Outcome[] => {
    const profileId = planned[index]?.source === "profile" ? result.profileId : undefined;
    if (profileId === undefined || !wasSent(result)) return [];
    if (result.status === "ok") return [{ profileId, reason: "ok", model: result.model }];
    const reason = failureReason(result);
    // A router's failure (openrouter, kilocode) is not held against its key, as the runtime does not.
    if (isCooldownExempt(providerOf.get(profileId) ?? result.provider)) return [];
    return reason ? [{ profileId, reason, model: result.model }] : [];
  });
  if (outcomes.length === 0) return [];
  const now = Date.now();
  const mainAgentDir = input.store.main?.paths.agentDir;
  await updateAuthStore(
    input.store.paths.agentDir,
    (draft, store) => {
      // An inherited profile's outcome goes into the agent's own state too (as the runtime records it): the main
      // agent's store is never written, and the agent's own entry wins over the main agent's.
      for (const { profileId, reason, model } of outcomes)
        recordOutcome(draft, store, profileId, reason, model === undefined ? { now } : { now, model });
    },
    { ...input.lock, mainAgentDir },
  );
  return [...new Set(outcomes.map((outcome) => outcome.profileId))];
}

/**
 * One line on stderr per origin that a credential would reach over plain http:// (not loopback), before anything is
 * sent. A warning, not a refusal: local servers on a LAN are common.
 */
function warnInsecure(io: Io, planned: readonly PlannedProbe[], insecure: readonly InsecureTarget[]): void {
  for (const { origin, targets } of insecure) {
    const providers = [...new Set(targets.map((index) => planned[index]?.target.provider))];
    println(
      io.stderr,
      `Warning: probing ${providers.join(", ")} sends a credential to ${origin} over plain http://, readable by anyone on the network in between; use https:// in models.providers.<id>.baseUrl unless that network is trusted.`,
    );
  }
}

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Runs `work` so that a Ctrl-C (or SIGTERM, SIGHUP) meanwhile also stops the exec ref commands it started: they run
 * in process groups of their own, out of the terminal's reach. The signal is then raised again, so the process ends
 * as it would have (or a host program's own handler sees it).
 */
export async function stoppingRefCommandsOnSignal<T>(work: () => Promise<T>): Promise<T> {
  const onSignal = (signal: NodeJS.Signals) => {
    stopRefCommands();
    for (const each of STOP_SIGNALS) process.removeListener(each, onSignal);
    process.kill(process.pid, signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    return await work();
  } finally {
    for (const signal of STOP_SIGNALS) process.removeListener(signal, onSignal);
  }
}

export function runProbes(io: Io, input: ProbeRunInput): Promise<ProbeRunJson> {
  return stoppingRefCommandsOnSignal(() => planAndRun(io, input));
}

async function planAndRun(io: Io, input: ProbeRunInput): Promise<ProbeRunJson> {
  // The run is timed from before its secret refs are read: reading them is part of what it costs.
  const startedAt = Date.now();
  const started = performance.now();
  const planned = await planProbes({ ...input, env: io.env, homedir: io.homedir });
  const { insecureTargets, probeAll } = await import("@modelctl/probe");
  const { settings } = input;
  warnInsecure(
    io,
    planned,
    insecureTargets(
      planned.map((probe) => probe.target),
      { now: input.now },
    ),
  );
  const live = countingProgress(io, "Probing", planned.length);
  let results: ProbeResult[];
  try {
    results = await probeAll(
      planned.map((probe) => probe.target),
      {
        timeoutMs: settings.timeoutMs,
        concurrency: settings.concurrency,
        maxTokens: settings.maxTokens,
        now: input.now,
        onResult: live.update,
      },
    );
  } finally {
    live.done();
  }
  const durationMs = Math.round(performance.now() - started);
  const recorded = settings.record ? await record(input, planned, results) : undefined;
  return {
    startedAt,
    finishedAt: startedAt + durationMs,
    durationMs,
    totalTargets: results.filter(wasSent).length,
    options: {
      ...(settings.provider === undefined ? {} : { provider: settings.provider }),
      profileIds: [...settings.profileIds],
      timeoutMs: settings.timeoutMs,
      concurrency: settings.concurrency,
      maxTokens: settings.maxTokens,
      models: [...settings.models],
      chain: settings.chain,
      record: settings.record,
    },
    results: results.map((result, index) => {
      const plan = planned[index] as PlannedProbe;
      const { model, ...rest } = result;
      return {
        ...rest,
        ...(model === undefined ? {} : { model: `${result.provider}/${model}` }),
        label: plan.label,
        source: plan.source,
        mode: plan.mode,
        ...(plan.role === undefined ? {} : { role: plan.role }),
      };
    }),
    ...(recorded === undefined
      ? {}
      : { recorded: { statePath: input.store.paths.statePath, profileIds: recorded } }),
  };
}

/** A probe's status in its tone: `ok` green, a profile the auth order leaves out dim, any failure red. */
export const probeTone = (status: string): Tone =>
  status === "ok" ? "ok" : status === "excluded_by_auth_order" ? "dim" : "bad";

/** The "Auth probes" section: the table and the summary line. */
export function probeLines(run: ProbeRunJson, width: number): Line[] {
  const lines: Line[] = ["", "Auth probes"];
  if (run.results.length === 0) return [...lines, "No probe targets."];
  const rows = run.results.map((result) => [
    [
      result.model ?? `${result.provider}/-`,
      ...(result.role && result.role !== "model" ? [`(${result.role})`] : []),
    ],
    `${result.label} (${result.mode})`,
    [
      new Styled([
        toned(probeTone(result.status), result.status),
        ` · ${result.latencyMs === undefined ? "-" : formatMs(result.latencyMs)}`,
      ]),
      ...(result.error ? [`↳ ${result.error}`] : []),
    ],
  ]);
  lines.push(...renderTable(["Model", "Profile", "Status"], rows, width));
  const count = run.totalTargets;
  lines.push(`Probed ${count} target${count === 1 ? "" : "s"} in ${formatMs(run.durationMs)}`);
  if (run.recorded)
    lines.push(`Recorded ${run.recorded.profileIds.length} profile result(s) in ${run.recorded.statePath}`);
  return lines;
}
