// The auth half of `models status`: which providers the configured models use, the overview, and its text form.
import {
  type AuthOverview,
  type AuthStore,
  describeAuth,
  formatRemainingShort,
  type InUseRef,
} from "@modelctl/auth-profiles";
import {
  getProvider,
  type ModelRef,
  type ModelSelectionView,
  type ModelsConfig,
  resolveContextOf,
  resolveModelRef,
} from "@modelctl/model-ref";
import { type Line, labelled, Styled, status as statusPart, toned } from "../colour.js";
import { type Io, tildify } from "../io.js";
import type { StatusJson } from "../schemas.js";
import { MAIN_MARK } from "../store-warning.js";

/**
 * The refs of the default model, its fallbacks, the image model and its fallbacks (and, with `allowlist`, the
 * configured models), resolved; an invalid one is the model half's problem to report and is skipped here.
 */
export function configuredRefs(
  config: ModelsConfig,
  view: ModelSelectionView,
  options: { allowlist?: boolean } = {},
): ModelRef[] {
  const context = resolveContextOf(config);
  // The default is taken as the model half resolved it: a bare primary follows the config's own rule there.
  const raw = [
    ...view.fallbacks,
    ...(view.imageModel ? [view.imageModel] : []),
    ...view.imageFallbacks,
    ...(options.allowlist ? view.allowed : []),
  ];
  return [
    view.defaultRef,
    ...raw.flatMap((input) => {
      try {
        return [resolveModelRef(input, context).ref];
      } catch {
        return [];
      }
    }),
  ];
}

/** Providers (and pinned profiles) the configured models use. */
export function refsInUse(config: ModelsConfig, view: ModelSelectionView): InUseRef[] {
  return configuredRefs(config, view).map((ref) =>
    ref.profileId === undefined
      ? { provider: ref.provider }
      : { provider: ref.provider, profileId: ref.profileId },
  );
}

export interface AuthSection {
  readonly store: AuthStore;
  readonly overview: AuthOverview;
  readonly shellEnv: boolean;
}

export function buildAuthSection(
  io: Io,
  store: AuthStore,
  config: ModelsConfig,
  view: ModelSelectionView,
  now: number,
): AuthSection {
  return {
    store,
    overview: describeAuth({ store, config, env: io.env, now, inUse: refsInUse(config, view) }),
    shellEnv: config.env?.shellEnv?.enabled === true,
  };
}

export function authJson(section: AuthSection, home: string): StatusJson["auth"] {
  const { overview, store } = section;
  return {
    storePath: store.paths.profilesPath,
    shellEnvFallback: { enabled: section.shellEnv, appliedKeys: [] },
    providersWithOAuth: [...overview.providersWithOAuth],
    missingProvidersInUse: [...overview.missingProvidersInUse],
    providers: overview.providers.map(({ labelIds: _labelIds, ...provider }) => ({
      ...provider,
      effective: {
        kind: provider.effective.kind,
        // As the reference prints it: the store path with `~` for the home folder.
        detail:
          provider.effective.kind === "profiles"
            ? tildify(provider.effective.detail, home)
            : provider.effective.detail,
      },
      profiles: { ...provider.profiles, labels: [...provider.profiles.labels] },
      order: [...provider.order],
      shadowed: [...provider.shadowed],
      inherited: [...provider.inherited],
    })),
    unusableProfiles: [...overview.unusableProfiles],
    oauth: {
      warnAfterMs: overview.oauth.warnAfterMs,
      profiles: [...overview.oauth.profiles],
      providers: overview.oauth.providers.map((provider) => ({
        ...provider,
        profiles: [...provider.profiles],
      })),
    },
    statePath: store.paths.statePath,
    ...(store.main
      ? { mainStorePath: store.main.paths.profilesPath, mainStatePath: store.main.paths.statePath }
      : {}),
    check: { exitCode: overview.check.exitCode, problems: [...overview.check.problems] },
  };
}

/** The provider's labels, an inherited profile's marked. */
function markInherited(provider: AuthOverview["providers"][number]): string[] {
  const inherited = new Set(provider.inherited);
  return provider.profiles.labels.map((label, index) =>
    inherited.has(provider.labelIds[index] ?? "") ? `${label}${MAIN_MARK}` : label,
  );
}

function fixHint(io: Io, provider: string): string {
  const command = `\`${io.programName} models auth paste-api-key --provider ${provider}\``;
  const envVar = getProvider(provider)?.envVars[0];
  return envVar ? `Run ${command} or set ${envVar}.` : `Run ${command}.`;
}

/**
 * The "Auth overview", "Missing auth" and "OAuth/token status" sections, as the reference lays them out; `usage`
 * holds the usage line of a provider that has one (`formatUsageLine`), shown in place of its heading.
 */
export function authLines(io: Io, section: AuthSection, usage?: ReadonlyMap<string, string>): Line[] {
  const { overview, store } = section;
  const home = io.homedir;
  const lines: Line[] = [
    "",
    "Auth overview",
    `Auth store    : ${tildify(store.paths.profilesPath, home)}`,
    ...(store.main
      ? [
          `Main store    : ${tildify(store.main.paths.profilesPath, home)} (inherited profiles marked ${MAIN_MARK.trim()})`,
        ]
      : []),
    `Shell env     : ${section.shellEnv ? "on (not imported by modelctl)" : "off"}`,
    `Providers w/ OAuth/tokens (${overview.providersWithOAuth.length}): ${overview.providersWithOAuth.join(", ") || "-"}`,
  ];
  for (const provider of overview.providers) {
    const { effective, profiles } = provider;
    const detail = effective.kind === "profiles" ? tildify(effective.detail, home) : effective.detail;
    const parts = [
      `- ${provider.provider} effective=${effective.kind}:${detail}`,
      // As OpenClaw prints it: the profile counts only for a provider that has profiles.
      ...(profiles.count > 0
        ? [
            `profiles=${profiles.count} (oauth=${profiles.oauth}, token=${profiles.token}, api_key=${profiles.apiKey})`,
            ...(profiles.labels.length > 0 ? [markInherited(provider).join(", ")] : []),
          ]
        : []),
      ...(provider.env ? [`env=${provider.env.value}`, `source=${provider.env.source}`] : []),
      ...(provider.modelsJson
        ? [`models.json=${provider.modelsJson.value}`, `source=${provider.modelsJson.source}`]
        : []),
      ...(provider.syntheticAuth
        ? [`synthetic=${provider.syntheticAuth.value}`, `source=${provider.syntheticAuth.source}`]
        : []),
      ...(provider.shadowed.length > 0
        ? [`shadowed: ${provider.shadowed.map((source) => `${source.kind}:${source.detail}`).join(", ")}`]
        : []),
    ];
    lines.push(labelled(parts.join(" | ")));
  }
  if (overview.missingProvidersInUse.length > 0) {
    lines.push("", "Missing auth");
    for (const provider of overview.missingProvidersInUse)
      lines.push(new Styled(["- ", toned("bad", provider), ` ${fixHint(io, provider)}`]));
  }
  lines.push("", "OAuth/token status");
  const withTokens = overview.oauth.providers.filter((provider) =>
    provider.profiles.some((profile) => profile.type === "oauth" || profile.type === "token"),
  );
  if (withTokens.length === 0) lines.push("- none");
  for (const provider of withTokens) {
    // With a usage snapshot, OpenClaw's heading carries it: `- openai-codex usage: 5h 80% left ⏱2h · …`.
    lines.push(`- ${usage?.get(provider.provider) ?? provider.provider}`);
    for (const profile of provider.profiles) {
      if (profile.type !== "oauth" && profile.type !== "token") continue;
      // As OpenClaw prints it: a credential whose expiry cannot be known is `unknown expires unknown`.
      const status = profile.status === "missing" ? "unknown" : profile.status;
      const expires =
        profile.status === "static"
          ? ""
          : profile.remainingMs === undefined
            ? " expires unknown"
            : ` expires in ${formatRemainingShort(profile.remainingMs)}`;
      lines.push(
        new Styled([
          `  - ${profile.label} `,
          statusPart(status),
          `${expires}${profile.store === "main" ? MAIN_MARK : ""}`,
        ]),
      );
    }
  }
  return lines;
}
