// Stored values that are not secrets but say where one is (`OPENAI_API_KEY`, `ollama-local`, `secretref-managed`).
import { getProvider, knownProviderEnvVars, PROVIDERS } from "@modelctl/model-ref";

export interface Marker {
  readonly value: string;
  /** The env var that holds the secret, when the marker names one. */
  readonly envVar?: string;
}

const FIXED = new Set(["secretref-managed", "custom-local", "gcp-vertex-credentials"]);
const AWS_SDK = new Set(["AWS_BEARER_TOKEN_BEDROCK", "AWS_ACCESS_KEY_ID", "AWS_PROFILE"]);
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
const ENV_SECRET_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:API_KEY|TOKEN|KEY)$/;

let tableMarkers: ReadonlySet<string> | undefined;
let tableEnvVars: ReadonlySet<string> | undefined;

function providerMarkers(): ReadonlySet<string> {
  tableMarkers ??= new Set(PROVIDERS.flatMap((provider) => provider.markers));
  return tableMarkers;
}

/** True for a name that is an env var of the provider table or looks like one (`UPPER_SNAKE` ending in `_API_KEY`, `_TOKEN`, `_KEY`). */
export function isEnvVarName(value: string): boolean {
  tableEnvVars ??= knownProviderEnvVars();
  return tableEnvVars.has(value) || ENV_SECRET_NAME.test(value);
}

/**
 * The marker a stored value is, or undefined when it must be treated as a secret. `<provider>-oauth` and
 * `<provider>-local` count only for providers we know: a secret that happens to end in `-local` must stay masked.
 */
export function parseMarker(raw: string): Marker | undefined {
  const value = raw.trim();
  if (value === "") return undefined;
  if (FIXED.has(value) || AWS_SDK.has(value) || providerMarkers().has(value)) return { value };
  if (value.startsWith("secretref-env:")) {
    const envVar = value.slice("secretref-env:".length);
    return ENV_NAME.test(envVar) ? { value, envVar } : undefined;
  }
  if (/^oauth:[a-z0-9][a-z0-9._-]*$/i.test(value)) return { value };
  const suffixed = /^([a-z0-9][a-z0-9.-]*)-(oauth|local)$/.exec(value);
  if (suffixed?.[1] && getProvider(suffixed[1])) return { value };
  if (isEnvVarName(value)) return { value, envVar: value };
  return undefined;
}

export function isMarker(value: string): boolean {
  return parseMarker(value) !== undefined;
}
