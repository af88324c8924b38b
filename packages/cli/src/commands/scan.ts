// `models scan`: OpenRouter's free models that call tools, filtered, probed (a tool call, and an image where the
// model takes images), ranked, and applied as fallbacks when the user says so. The engine is @modelctl/probe's scan.
import { loadAuthStore } from "@modelctl/auth-profiles";
import {
  describeModelSelection,
  getProvider,
  type ModelsConfig,
  replaceFallbacks,
  setPrimary,
} from "@modelctl/model-ref";
import type { ProbeCredential, ScanReport, ScanResult } from "@modelctl/probe";
import { type Line, painterFor, Styled, toned } from "../colour.js";
import { editConfig } from "../config-store.js";
import { truncateDisplay } from "../display-width.js";
import { nowOf } from "../env-settings.js";
import { CliError, dataError, usageError } from "../errors.js";
import { type Io, printJson, printLines, println, tildify } from "../io.js";
import { positiveInteger } from "../probe-options.js";
import { progressLine } from "../progress.js";
import type { ScanJson } from "../schemas.js";
import { loadConfig, type PathOptions, resolveAgent, resolveStatePaths } from "../state-paths.js";
import { warnAboutStore } from "../store-warning.js";
import { columnsLine } from "../table.js";
import { visible } from "../terminal-text.js";

export interface ScanOptions extends PathOptions {
  readonly json?: boolean;
  readonly provider?: unknown;
  readonly minParams?: unknown;
  readonly maxAgeDays?: unknown;
  readonly maxCandidates?: unknown;
  readonly timeout?: unknown;
  readonly concurrency?: unknown;
  /** False with --no-probe. */
  readonly probe?: boolean;
  readonly setDefault?: boolean;
  readonly setImage?: boolean;
  readonly yes?: boolean;
  /** False with --no-input. */
  readonly input?: boolean;
  readonly agent?: string;
}

const DEFAULTS = { timeoutMs: 12_000, concurrency: 3, maxCandidates: 6 } as const;
const MAX_TIMEOUT_MS = 2_147_483_647;

/** `--min-params`: billions, a plain non-negative decimal (`70`, `1.5`). */
function billions(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(text))
    throw usageError(
      `--min-params must be a number of billions such as 70 or 1.5, got ${JSON.stringify(text)}.`,
    );
  return Number(text);
}

/** `--max-age-days`: plain digits, 0 for any age. */
function days(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^(0|[1-9][0-9]*)$/.test(text))
    throw usageError(
      `--max-age-days must be a whole number of days (0: any age), got ${JSON.stringify(text)}.`,
    );
  return Number(text);
}

/** `--provider`: a maker's id as OpenRouter writes it before the first `/` (`meta-llama`, `qwen`). */
function maker(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  if (text === "" || /[\s/]/u.test(text))
    throw usageError(
      `--provider takes the part of an OpenRouter model id before the first "/", such as meta-llama, got ${JSON.stringify(String(value))}.`,
    );
  return text;
}

/** The OpenRouter endpoint: `models.providers.openrouter.baseUrl`, else the provider table's. */
function baseUrlOf(config: ModelsConfig): string {
  const entry = Object.entries(config.models?.providers ?? {}).find(
    ([id]) => id.trim().toLowerCase() === "openrouter",
  );
  const configured = entry?.[1].baseUrl;
  if (configured === undefined) return getProvider("openrouter")?.baseUrl ?? "https://openrouter.ai/api/v1";
  if (!URL.canParse(configured) || !/^https?:$/.test(new URL(configured).protocol))
    throw dataError(
      `models.providers.${entry?.[0]}.baseUrl is not an http(s) URL (${JSON.stringify(configured)}); OpenRouter's is https://openrouter.ai/api/v1.`,
    );
  return configured;
}

const formatMs = (ms: number | undefined) =>
  ms === undefined ? "-" : ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`;
const formatK = (tokens: number | null) =>
  tokens === null || tokens <= 0 ? "-" : tokens < 1024 ? String(tokens) : `${Math.round(tokens / 1024)}k`;
const probeCell = (probe: ScanResult["tool"]) =>
  probe === null ? "skip" : probe.status === "ok" ? formatMs(probe.latencyMs) : probe.status;
/** The probe cell in its tone: a latency (answered) green, a failure red, `skip` dim. */
const probeTone = (probe: ScanResult["tool"]): Line =>
  new Styled([toned(probe === null ? "dim" : probe.status === "ok" ? "ok" : "bad", probeCell(probe))]);

/** OpenClaw's scan table: `Model  Tool  Image  Ctx  Params  Notes`; widths in terminal columns. */
function tableLines(results: readonly ScanResult[]): Line[] {
  const row = (cells: readonly Line[]) => columnsLine(cells, [42, 10, 10, 11, 8]);
  return [
    row(["Model", "Tool", "Image", "Ctx", "Params", "Notes"]),
    ...results.map((result) =>
      row([
        // Escaped before it is measured: an escape takes more columns than the character it shows.
        truncateDisplay(visible(result.ref), 42),
        probeTone(result.tool),
        probeTone(result.image),
        formatK(result.contextLength),
        result.paramsB === null ? "-" : `${result.paramsB}b`,
        [
          result.inputModalities.includes("image") ? "image" : "",
          result.tool && result.tool.status !== "ok" ? (result.tool.reasonCode ?? "") : "",
        ]
          .filter(Boolean)
          .join(", "),
      ]),
    ),
  ];
}

/** `--json`: the scan report, and whether its picks were written (the published `models-scan` schema). */
const printReport = (io: Io, doc: ScanJson) => printJson(io, doc);

/** The picks the user applies: on a terminal without --yes, chosen from the ranked list; else all of them. */
async function choosePicks(
  io: Io,
  report: ScanReport,
): Promise<{ selected: string[]; selectedImages: string[] } | undefined> {
  const { loadPrompts } = await import("../secret-input.js");
  const prompts = await loadPrompts();
  const output = io.stderr as NodeJS.WriteStream;
  const label = (ref: string) => {
    const result = report.results.find((entry) => entry.ref === ref);
    return {
      value: ref,
      label: ref,
      hint: result ? `tool ${probeCell(result.tool)}, ctx ${formatK(result.contextLength)}` : "",
    };
  };
  const toolOk = report.results.filter((result) => result.tool?.status === "ok").map((result) => result.ref);
  const selected = await prompts.multiselect({
    message: "Fallback models to apply (in this order)",
    options: toolOk.map(label),
    initialValues: report.selected,
    required: false,
    output,
  });
  if (prompts.isCancel(selected)) return undefined;
  let selectedImages: string[] = [];
  const imageOk = report.results
    .filter((result) => result.image?.status === "ok")
    .map((result) => result.ref);
  if (imageOk.length > 0) {
    const images = await prompts.multiselect({
      message: "Image fallback models to apply",
      options: imageOk.map(label),
      initialValues: report.selectedImages,
      required: false,
      output,
    });
    if (prompts.isCancel(images)) return undefined;
    selectedImages = images;
  }
  return { selected, selectedImages };
}

export async function scanCommand(io: Io, options: ScanOptions): Promise<number> {
  const json = options.json === true;
  const wantsProbe = options.probe !== false;
  const apply = options.yes === true || options.input === false;
  const setDefault = options.setDefault === true;
  const setImage = options.setImage === true;
  if (!wantsProbe && (setDefault || setImage || options.yes))
    throw usageError(
      "A metadata-only scan (--no-probe) cannot be applied: its models were not tried. Drop --no-probe to probe them first.",
    );
  const filters = {
    provider: maker(options.provider),
    minParamsB: billions(options.minParams),
    maxAgeDays: days(options.maxAgeDays),
  };
  const maxCandidates = positiveInteger(
    "--max-candidates",
    options.maxCandidates,
    DEFAULTS.maxCandidates,
    "",
    1000,
  );
  const timeoutMs = positiveInteger(
    "--timeout",
    options.timeout,
    DEFAULTS.timeoutMs,
    " of ms",
    MAX_TIMEOUT_MS,
  );
  const concurrency = positiveInteger("--concurrency", options.concurrency, DEFAULTS.concurrency, "", 64);

  const paths = resolveStatePaths(io, options);
  const config = await loadConfig(paths);
  const baseUrl = baseUrlOf(config);
  const now = nowOf(io);

  // The credential the runtime would use for openrouter: a profile, OPENROUTER_API_KEY, or the config's key.
  let credential: ProbeCredential | undefined;
  if (wantsProbe) {
    const agent = await resolveAgent(io, paths, config, options.agent);
    const store = await loadAuthStore(agent.agentDir, { mainAgentDir: agent.mainAgentDir });
    warnAboutStore(io, store);
    const { runtimeTargets } = await import("../status/probe-targets.js");
    const [planned] = await runtimeTargets(
      {
        store,
        config,
        view: describeModelSelection(config),
        env: io.env,
        homedir: io.homedir,
        settings: {
          profileIds: [],
          timeoutMs,
          concurrency,
          maxTokens: 16,
          models: [],
          chain: false,
          record: false,
          refresh: false,
        },
        now,
      },
      ["openrouter"],
    );
    const found = planned?.target.credential as ProbeCredential | undefined;
    if (found && "secret" in found) credential = found;
  }
  if (wantsProbe && credential === undefined) {
    if (setDefault || setImage || options.yes)
      throw new CliError(
        "UNAVAILABLE",
        "No usable OpenRouter credential, so the models cannot be probed and nothing can be applied. Set OPENROUTER_API_KEY or run `models auth paste-api-key --provider openrouter`, then scan again.",
      );
    println(
      io.stderr,
      "No usable OpenRouter credential (OPENROUTER_API_KEY or a stored openrouter profile): listing metadata only, nothing probed.",
    );
  }

  const { scanOpenRouterModels } = await import("@modelctl/probe");
  // On a terminal's stderr (with --json too): the list is fetched first, then the candidates are probed.
  const progress = progressLine(io, "Probing OpenRouter models");
  progress.show("Listing OpenRouter's models…");
  let report: ScanReport;
  try {
    report = await scanOpenRouterModels({
      baseUrl,
      ...(credential === undefined ? { probe: false } : { credential, probe: true }),
      ...filters,
      maxCandidates,
      timeoutMs,
      concurrency,
      now,
      onProgress: ({ completed, total }) => progress.count(completed, total),
    });
  } finally {
    progress.done();
  }
  for (const warning of report.warnings) println(io.stderr, `Warning: ${warning}`);
  const probed = credential !== undefined;

  if (!json) {
    const toolOk = report.results.filter((result) => result.tool?.status === "ok").length;
    const imageOk = report.results.filter((result) => result.image?.status === "ok").length;
    printLines(
      io.stdout,
      [
        probed
          ? `Scan results: tested ${report.results.length}, tool ok ${toolOk}, image ok ${imageOk}`
          : `Found ${report.results.length} OpenRouter free models that take tools (metadata only).`,
        ...tableLines(report.results),
      ],
      painterFor(io, io.stdout),
    );
  }
  if (!probed) {
    if (json) printReport(io, { ...report, applied: false });
    return 0;
  }
  if (report.selected.length === 0) {
    if (json) printReport(io, { ...report, applied: false });
    println(io.stderr, "No free OpenRouter model answered the tool call: nothing to apply.");
    return 0;
  }

  let picks: { selected: string[]; selectedImages: string[] } | undefined = {
    selected: report.selected,
    selectedImages: report.selectedImages,
  };
  if (!apply) {
    const { isInteractive } = await import("../secret-input.js");
    if (json || !isInteractive(io)) {
      if (json) printReport(io, { ...report, applied: false });
      println(
        io.stderr,
        `Nothing was changed: pass --yes to apply the picks (${report.selected.join(", ")}).`,
      );
      return 0;
    }
    picks = await choosePicks(io, report);
    if (picks === undefined || picks.selected.length === 0) {
      println(io.stderr, "Nothing was changed.");
      return 0;
    }
  }
  if (setImage && picks.selectedImages.length === 0)
    throw dataError(
      "--set-image: no model answered the image probe, so there is no image model to set. Nothing was changed.",
    );

  const { selected, selectedImages } = picks;
  const { written } = await editConfig(io, paths, (current) => {
    let next = replaceFallbacks(current, "model", selected);
    if (selectedImages.length > 0) next = replaceFallbacks(next, "imageModel", selectedImages);
    if (setDefault) next = setPrimary(next, "model", selected[0] as string);
    if (setImage) next = setPrimary(next, "imageModel", selectedImages[0] as string);
    return next;
  });
  if (json) {
    printReport(io, { ...report, selected, selectedImages, setDefault, setImage, applied: true });
    return 0;
  }
  printLines(io.stdout, [
    `${written ? "Updated" : "No change to"} ${tildify(paths.configPath, io.homedir)}`,
    `Fallbacks: ${selected.join(", ")}`,
    ...(selectedImages.length > 0 ? [`Image fallbacks: ${selectedImages.join(", ")}`] : []),
    ...(setDefault ? [`Default model: ${selected[0]}`] : []),
    ...(setImage ? [`Image model: ${selectedImages[0]}`] : []),
  ]);
  return 0;
}
