// Runtime state read leniently: a value of the wrong type or range is left out of the loaded state and reported,
// never fatal. State is rebuilt by use and a bad value in it must not stop every command (the reference ignores such
// values silently); credentials are not, so auth-profiles.json's own keys stay strict.
import { exposeProtoKeys } from "@modelctl/model-ref";
import { describeAt, type Segment } from "@modelctl/safe-file";
import { isRecord, own } from "./record.js";
import {
  authStateSchema,
  countSchema,
  stateProfileIdSchema,
  type UsageStats,
  usageStatsSchema,
} from "./schema.js";

/** A state value a loaded store left out. It stays in its file as it is until a write replaces it. */
export interface IgnoredStateField {
  /** The file that holds it: auth-state.json, or an older auth-profiles.json that keeps state inline. */
  readonly path: string;
  /** Where in the file, e.g. `usageStats["openai:default"].cooldownUntil`; "" for the whole file. */
  readonly field: string;
  /** What is wrong, without the value's text: `a string, not a time (epoch milliseconds, a number ≥ 0)`. */
  readonly problem: string;
}

export const STATE_KEYS = ["order", "lastGood", "usageStats"] as const;
export type StateKey = (typeof STATE_KEYS)[number];

/** The well-formed state maps of one file, keyed as written; each map has no prototype. */
export interface StateMaps {
  readonly order: Record<string, string[]> | undefined;
  readonly lastGood: Record<string, string> | undefined;
  readonly usageStats: Record<string, UsageStats> | undefined;
}

const TIME = "a time (epoch milliseconds, a number ≥ 0)";
const COUNT = "a count (a whole number ≥ 0)";
const TEXT = "a string";
const PROFILE_ID = "a profile id (a string that is not blank)";

const EXPECTED: Readonly<Record<keyof ReturnType<typeof usageStatsSchema>["shape"], string>> = {
  lastUsed: TIME,
  cooldownUntil: TIME,
  cooldownReason: TEXT,
  cooldownModel: TEXT,
  disabledUntil: TIME,
  disabledReason: TEXT,
  errorCount: COUNT,
  failureCounts: "an object of failure reasons to counts",
  lastFailureAt: TIME,
};

/**
 * What a value is, for a warning: its type, and a number's value. A string's text is never shown: whatever was
 * typed there could be a secret.
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "object":
      return "an object";
    case "string":
      return "a string";
    case "number":
    case "boolean":
      return String(value);
    default:
      return typeof value;
  }
}

/** A map without a prototype, so that any id is a plain key. */
const emptyMap = <T>(): Record<string, T> => Object.create(null);

/**
 * The state keys of a parsed document (auth-state.json, or an older auth-profiles.json) with every malformed value
 * left out and listed. Values are judged as parsed (`judged`) and taken from `exact`, the same document read for a
 * rewrite (numbers a double cannot hold kept exact): both have the same shape.
 *
 * Malformed: a map that is not an object; an `order` entry that is not a list (an element that is not a profile id is
 * left out of its list, and a list left with none is left out whole: it would exclude every profile); a `lastGood`
 * entry that is not a profile id; a `usageStats` entry that is not an object, and in one a time that is not a finite
 * number ≥ 0, a count that is not a whole number ≥ 0, a reason or model that is not a string. Fields of usage stats
 * modelctl does not know are kept unchecked.
 */
export function readStateMaps(
  judged: Record<string, unknown>,
  exact: Record<string, unknown>,
  path: string,
): { maps: StateMaps; ignored: IgnoredStateField[] } {
  // Well-formed state, the usual case, is checked in one pass; only a document with a malformed value is walked.
  // Only the state keys: an older auth-profiles.json holds every profile beside them.
  const stateOnly = Object.fromEntries(
    STATE_KEYS.flatMap((key) => (Object.hasOwn(judged, key) ? [[key, judged[key]]] : [])),
  );
  // A file without state keys (today's auth-profiles.json) has nothing to check, and builds no schema for it.
  if (
    Object.keys(stateOnly).length === 0 ||
    authStateSchema().safeParse(exposeProtoKeys(stateOnly)).success
  ) {
    return {
      maps: {
        order: own(exact, "order") as StateMaps["order"],
        lastGood: own(exact, "lastGood") as StateMaps["lastGood"],
        usageStats: own(exact, "usageStats") as StateMaps["usageStats"],
      },
      ignored: [],
    };
  }
  const ignored: IgnoredStateField[] = [];
  const ignore = (at: readonly Segment[], value: unknown, expected: string) =>
    ignored.push({ path, field: describeAt(at), problem: `${describeValue(value)}, not ${expected}` });
  const mapOf = (key: StateKey, expected: string): Record<string, unknown> | undefined => {
    const value = own(judged, key);
    if (value === undefined) return undefined;
    if (isRecord(value)) return value;
    ignore([key], value, expected);
    return undefined;
  };

  const orderIn = mapOf("order", "an object of provider ids to lists of profile ids");
  let order: Record<string, string[]> | undefined;
  if (orderIn) {
    order = emptyMap();
    for (const [provider, list] of Object.entries(orderIn)) {
      if (!Array.isArray(list)) {
        ignore(["order", provider], list, "a list of profile ids");
        continue;
      }
      const kept = list.filter((id: unknown, index) => {
        if (stateProfileIdSchema().safeParse(id).success) return true;
        ignore(["order", provider, index], id, PROFILE_ID);
        return false;
      }) as string[];
      if (list.length > 0 && kept.length === 0) continue;
      order[provider] = kept;
    }
  }

  const lastGoodIn = mapOf("lastGood", "an object of provider ids to profile ids");
  let lastGood: Record<string, string> | undefined;
  if (lastGoodIn) {
    lastGood = emptyMap();
    for (const [provider, id] of Object.entries(lastGoodIn)) {
      if (stateProfileIdSchema().safeParse(id).success) lastGood[provider] = id as string;
      else ignore(["lastGood", provider], id, PROFILE_ID);
    }
  }

  const usageIn = mapOf("usageStats", "an object of profile ids to usage stats");
  let usageStats: Record<string, UsageStats> | undefined;
  if (usageIn) {
    usageStats = emptyMap();
    const exactUsage = own(exact, "usageStats") as Record<string, unknown>;
    for (const [id, stats] of Object.entries(usageIn)) {
      if (!isRecord(stats)) {
        ignore(["usageStats", id], stats, "an object of usage stats");
        continue;
      }
      usageStats[id] = cleanStats(stats, own(exactUsage, id) as Record<string, unknown>, (field, value) =>
        ignore(["usageStats", id, ...field], value, fieldExpectation(field)),
      ) as UsageStats;
    }
  }
  return { maps: { order, lastGood, usageStats }, ignored };
}

function fieldExpectation(field: readonly string[]): string {
  const [name] = field;
  if (field.length > 1) return COUNT;
  return EXPECTED[name as keyof typeof EXPECTED];
}

/** One profile's usage stats without their malformed fields (see `readStateMaps`); `{…}` as an own-keyed object. */
function cleanStats(
  judged: Record<string, unknown>,
  exact: Record<string, unknown>,
  ignore: (field: readonly string[], value: unknown) => void,
): Record<string, unknown> {
  const shape = usageStatsSchema().shape;
  const kept: [string, unknown][] = [];
  for (const [field, value] of Object.entries(judged)) {
    if (!Object.hasOwn(shape, field)) {
      kept.push([field, own(exact, field)]);
      continue;
    }
    if (field === "failureCounts") {
      if (!isRecord(value)) {
        ignore([field], value);
        continue;
      }
      const exactCounts = own(exact, field) as Record<string, unknown>;
      const counts: [string, unknown][] = [];
      for (const [reason, count] of Object.entries(value)) {
        if (countSchema().safeParse(count).success) counts.push([reason, own(exactCounts, reason)]);
        else ignore([field, reason], count);
      }
      kept.push([field, Object.fromEntries(counts)]);
      continue;
    }
    if (shape[field as keyof typeof shape].safeParse(value).success) kept.push([field, own(exact, field)]);
    else ignore([field], value);
  }
  // fromEntries defines own properties: a `__proto__` field stays a field.
  return Object.fromEntries(kept);
}
