// A usage snapshot as the one line `models status` shows under its provider:
// `openai-codex usage: 5h 80% left ⏱2h · Week 61% left ⏱3d (as of 12m ago)`. Pure: the clock is passed in.
import { escapeForTerminal } from "@modelctl/model-ref";
import type { UsageSnapshot, UsageWindow } from "./usage-schema.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span in its largest whole unit: `45m`, `2h`, `3d`; under a minute `<1m`. */
function span(ms: number): string {
  if (ms < MINUTE) return "<1m";
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h`;
  return `${Math.floor(ms / DAY)}d`;
}

/** Whole percent left, from either form a provider gives; undefined when it gave neither. */
function percentLeft(window: UsageWindow): number | undefined {
  if (window.remainingFraction !== undefined) return Math.round(window.remainingFraction * 100);
  if (window.usedPercent !== undefined) return Math.round(100 - window.usedPercent);
  return undefined;
}

function windowPart(window: UsageWindow, now: number): string {
  const label = escapeForTerminal(window.label);
  if (window.unlimited) return `${label} unlimited`;
  const left = percentLeft(window);
  const parts = [label, left === undefined ? "?" : `${left}% left`];
  const resets = window.resetsAt === undefined ? Number.NaN : Date.parse(window.resetsAt);
  if (Number.isFinite(resets)) parts.push(resets <= now ? "⏱now" : `⏱${span(resets - now)}`);
  return parts.join(" ");
}

function age(fetchedAt: string, now: number): string {
  const at = Date.parse(fetchedAt);
  if (!Number.isFinite(at)) return "at an unknown time";
  const ms = Math.max(0, now - at);
  return ms < MINUTE ? "just now" : `${span(ms)} ago`;
}

/**
 * The human line for a snapshot at `now` (epoch ms): each window's percent left and time to its reset, joined by
 * ` · `, then the snapshot's age. A failed snapshot says `unavailable` with its status and note. Every string from a
 * server or a file is shown with control characters escaped.
 */
export function formatUsageLine(snapshot: UsageSnapshot, now: number): string {
  const head = `${escapeForTerminal(snapshot.provider)} usage:`;
  const when = `(as of ${age(snapshot.fetchedAt, now)})`;
  if (snapshot.status !== "ok") {
    const note = snapshot.note === undefined ? "" : `: ${escapeForTerminal(snapshot.note)}`;
    return `${head} unavailable (${snapshot.status})${note} ${when}`;
  }
  if (snapshot.windows.length === 0) return `${head} no limits reported ${when}`;
  return `${head} ${snapshot.windows.map((window) => windowPart(window, now)).join(" · ")} ${when}`;
}
