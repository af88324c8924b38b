// The `--probe-*` flags of `models status`, checked before anything is loaded or sent.
import { normalizeProviderId } from "@modelctl/model-ref";
import { usageError } from "./errors.js";

export interface ProbeFlags {
  readonly probe?: boolean;
  readonly probeProvider?: unknown;
  readonly probeProfile?: unknown;
  readonly probeTimeout?: unknown;
  readonly probeConcurrency?: unknown;
  readonly probeMaxTokens?: unknown;
  readonly probeModel?: unknown;
  readonly probeChain?: boolean;
  readonly probeRecord?: boolean;
  readonly probeRefresh?: boolean;
}

export interface ProbeSettings {
  readonly provider?: string;
  readonly profileIds: readonly string[];
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly maxTokens: number;
  /** `--probe-model` refs as typed (aliases allowed), in order. */
  readonly models: readonly string[];
  readonly chain: boolean;
  readonly record: boolean;
  /** `--probe-refresh`: refresh expired or expiring OAuth profiles before probing. */
  readonly refresh: boolean;
}

// The probe engine's defaults and limit, repeated: importing them from @modelctl/probe would load the engine on every
// status run. A test keeps the two in step.
export const PROBE_DEFAULTS = { timeoutMs: 8000, concurrency: 2, maxTokens: 8 } as const;
const MAX_TIMEOUT_MS = 2_147_483_647;
const EXAMPLES: Record<string, string> = {
  "--probe-provider": "anthropic",
  "--probe-profile": "anthropic:work",
  "--probe-model": "openai/gpt-5.2",
  "--probe-timeout": "3000",
};

/** A flag comes as the text typed (see restoreOptionTexts), `true` (no value) or an array (repeated). */
function values(flag: string, value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((item: unknown) => {
    if (typeof item === "boolean" || String(item).trim() === "")
      throw usageError(`${flag} needs a value, e.g. ${flag} ${EXAMPLES[flag] ?? "1"}.`);
    return String(item);
  });
}

function single(flag: string, value: unknown): string | undefined {
  const all = values(flag, value);
  if (all.length > 1) throw usageError(`${flag} was given ${all.length} times; give it once.`);
  return all[0];
}

// Plain decimal digits only: no sign, blank, exponent, hex, fraction or leading zero (`08` is a typo, not 8).
const DECIMAL = /^[1-9][0-9]*$/;

/** A whole number of at least 1 given as plain digits, else a usage error naming the flag, its limit and default. */
export function positiveInteger(
  flag: string,
  value: unknown,
  fallback: number,
  unit: string,
  max: number,
): number {
  const text = single(flag, value);
  if (text === undefined) return fallback;
  const number = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(number) || number > max)
    throw usageError(
      `${flag} must be a positive whole number${unit}, got ${JSON.stringify(text)} (plain digits, at most ${max}; default ${fallback}).`,
    );
  return number;
}

/** The probe settings, or undefined without `--probe`; a `--probe-*` flag without `--probe` is a usage error. */
export function probeSettings(
  flags: ProbeFlags,
  mode: "human" | "plain" | "json",
): ProbeSettings | undefined {
  if (!flags.probe) {
    const stray = (
      [
        ["--probe-provider", flags.probeProvider],
        ["--probe-profile", flags.probeProfile],
        ["--probe-timeout", flags.probeTimeout],
        ["--probe-concurrency", flags.probeConcurrency],
        ["--probe-max-tokens", flags.probeMaxTokens],
        ["--probe-model", flags.probeModel],
        ["--probe-chain", flags.probeChain || undefined],
        ["--probe-record", flags.probeRecord || undefined],
        ["--probe-refresh", flags.probeRefresh || undefined],
      ] as const
    ).find(([, value]) => value !== undefined);
    if (stray) throw usageError(`${stray[0]} only works with --probe. Add --probe to run live probes.`);
    return undefined;
  }
  if (mode === "plain")
    throw usageError(
      "--probe cannot be combined with --plain (one value per line); use --json for probe results.",
    );
  const provider = single("--probe-provider", flags.probeProvider);
  const profileIds = [
    ...new Set(
      values("--probe-profile", flags.probeProfile)
        .flatMap((item) => item.split(","))
        .map((item) => item.trim())
        .filter((item) => item !== ""),
    ),
  ];
  if (flags.probeProfile !== undefined && profileIds.length === 0)
    throw usageError(
      "--probe-profile needs profile ids, e.g. --probe-profile anthropic:work,openai:default.",
    );
  return {
    ...(provider === undefined ? {} : { provider: normalizeProviderId(provider) }),
    profileIds,
    timeoutMs: positiveInteger(
      "--probe-timeout",
      flags.probeTimeout,
      PROBE_DEFAULTS.timeoutMs,
      " of milliseconds",
      MAX_TIMEOUT_MS,
    ),
    concurrency: positiveInteger(
      "--probe-concurrency",
      flags.probeConcurrency,
      PROBE_DEFAULTS.concurrency,
      "",
      1000,
    ),
    maxTokens: positiveInteger(
      "--probe-max-tokens",
      flags.probeMaxTokens,
      PROBE_DEFAULTS.maxTokens,
      "",
      1_000_000,
    ),
    models: [...new Set(values("--probe-model", flags.probeModel).map((item) => item.trim()))],
    chain: flags.probeChain === true,
    record: flags.probeRecord === true,
    refresh: flags.probeRefresh === true,
  };
}
