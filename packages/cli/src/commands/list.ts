// `models list`: the configured models, or with --all every model of the offline catalog and of models.providers,
// with OpenClaw's table, JSON and plain forms. No network unless --refresh asks for it.
import { hasUsableCredential, loadAuthStore } from "@modelctl/auth-profiles";
import { listModels, type ModelListRow, normalizeProviderId, parseProviderFilter } from "@modelctl/model-ref";
import { type Line, painterFor, Styled, toned } from "../colour.js";
import { truncateDisplay } from "../display-width.js";
import { nowOf } from "../env-settings.js";
import { usageError } from "../errors.js";
import { type Io, printJson, printLines } from "../io.js";
import { outputMode } from "../output-mode.js";
import type { ListJson } from "../schemas.js";
import { loadConfig, type PathOptions, resolveAgent, resolveStatePaths } from "../state-paths.js";
import { warnAboutStore } from "../store-warning.js";
import { columnsLine } from "../table.js";
import { visible } from "../terminal-text.js";

export interface ListOptions extends PathOptions {
  readonly json?: boolean;
  readonly plain?: boolean;
  readonly all?: boolean;
  readonly provider?: string;
  readonly local?: boolean;
  readonly agent?: string;
  readonly refresh?: boolean;
}

// OpenClaw's column widths (list.table.ts): a longer key is cut with `...`.
const MODEL_PAD = 42;
const INPUT_PAD = 10;
const CTX_PAD = 11;
const FLAG_PAD = 5;

/** OpenClaw's `formatTokenK`: tokens below 1024 as they are, else in units of 1024, rounded: 200000 → 195k. */
export function formatTokenK(tokens: number | null): string {
  if (tokens === null || !Number.isFinite(tokens) || tokens <= 0) return "-";
  return tokens < 1024 ? String(tokens) : `${Math.round(tokens / 1024)}k`;
}

const yesNo = (value: boolean | null) => (value === null ? "-" : value ? "yes" : "no");

/** The Auth column in its tone: a usable credential green, none red. */
const authCell = (value: boolean | null): Line =>
  value === null ? "-" : new Styled([toned(value ? "ok" : "bad", yesNo(value))]);

/** The tags, a model of a provider nobody knows (`missing`) in red. */
const tagsCell = (tags: readonly string[]): Line =>
  tags.includes("missing")
    ? new Styled(
        tags.flatMap((tag, index) => [
          ...(index > 0 ? [","] : []),
          tag === "missing" ? toned("bad", tag) : tag,
        ]),
      )
    : tags.join(",");

/**
 * The table as OpenClaw prints it: `Model  Input  Ctx  Local  Auth  Tags`, padded columns, one space apart. Widths are
 * terminal columns, and a key is escaped before it is measured, so a wide or hostile key keeps the columns straight.
 */
export function tableLines(rows: readonly ModelListRow[]): Line[] {
  const line = (cells: readonly Line[]) =>
    columnsLine(cells, [MODEL_PAD, INPUT_PAD, CTX_PAD, FLAG_PAD, FLAG_PAD]);
  return [
    line(["Model", "Input", "Ctx", "Local", "Auth", "Tags"]),
    ...rows.map((row) =>
      line([
        truncateDisplay(visible(row.key), MODEL_PAD),
        row.input,
        formatTokenK(row.contextWindow),
        yesNo(row.local),
        authCell(row.available),
        tagsCell(row.tags),
      ]),
    ),
  ];
}

export async function listCommand(io: Io, options: ListOptions): Promise<number> {
  const mode = outputMode(options);
  let provider: string | undefined;
  try {
    provider = options.provider === undefined ? undefined : parseProviderFilter(String(options.provider));
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const paths = resolveStatePaths(io, options);
  const config = await loadConfig(paths);
  const agent = await resolveAgent(io, paths, config, options.agent);
  const store = await loadAuthStore(agent.agentDir, { mainAgentDir: agent.mainAgentDir });
  warnAboutStore(io, store);
  const now = nowOf(io);
  const { cachedLists, refreshLists } = await import("../live-lists.js");
  const refresh = options.refresh
    ? await refreshLists(io, { store, config, agentDir: agent.agentDir, now })
    : undefined;
  const live = await cachedLists(io, agent.agentDir);
  const { catalogModels } = await import("@modelctl/model-ref/catalog");
  const catalog = catalogModels();

  // Asked once per provider a row can name: the catalog's, the listed and the configured ones.
  const providers = new Set([
    ...catalog.map((entry) => entry.provider),
    ...Object.keys(live),
    ...Object.keys(config.models?.providers ?? {}).map(normalizeProviderId),
  ]);
  const usable = new Set<string>();
  for (const id of providers)
    if (await hasUsableCredential(id, { store, config, env: io.env, now })) usable.add(id);

  const rows = listModels({
    config,
    ...(agent.agentId === undefined || options.agent === undefined ? {} : { agentId: agent.agentId }),
    catalog,
    all: options.all === true,
    ...(provider === undefined ? {} : { provider }),
    local: options.local === true,
    available: (id) => usable.has(id),
    live,
  });

  // OpenClaw prints "No models found." in every form; a script reading --json or --plain gets an empty list instead.
  if (mode === "json") {
    const doc: ListJson = { count: rows.length, models: rows, ...(refresh ? { refresh } : {}) };
    printJson(io, doc);
  } else if (mode === "plain")
    printLines(
      io.stdout,
      rows.map((row) => row.key),
    );
  else
    printLines(
      io.stdout,
      rows.length === 0 ? ["No models found."] : tableLines(rows),
      painterFor(io, io.stdout),
    );
  return 0;
}
