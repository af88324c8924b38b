// What the model list of every API family provides: where its pages are, how it takes a credential, and how to read a
// page. The request is always a GET without a body; the next page is asked for by a cursor we put in the query, never
// by a URL the server hands us, so every page goes to the same origin as the first.
import { type AuthScheme, isRecord } from "../families/family.js";
import type { LiveModel } from "../live-models-schema.js";

export interface ModelPage {
  readonly models: readonly LiveModel[];
  /** The cursor of the next page; absent on the last. */
  readonly next?: string | undefined;
}

export interface ModelListAdapter {
  /** The URL of the first page (`cursor` undefined), or of the page after `cursor`. */
  pageUrl(baseUrl: string, cursor: string | undefined): string;
  headers(secret: string | undefined, scheme: AuthScheme): Record<string, string>;
  /** The models of a page and the next cursor, or undefined when the body is not this family's list. */
  readPage(body: unknown): ModelPage | undefined;
}

export { isRecord };

/** A non-empty string, or undefined. */
export const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

/** The first of `values` that is a positive whole number (providers send `0` or `null` for "unknown"). */
export function positiveInt(...values: unknown[]): number | undefined {
  for (const value of values)
    if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return value;
  return undefined;
}

/** A model with only the fields that have a value. */
export function model(
  id: string,
  name: string | undefined,
  contextWindow: number | undefined,
  maxOutputTokens: number | undefined,
): LiveModel {
  return {
    id,
    ...(name === undefined ? {} : { name }),
    ...(contextWindow === undefined ? {} : { contextWindow }),
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
  };
}

/**
 * The models read from `items` by `read`, or undefined when there were items and none was a model: a page of
 * something else (an error object in a list, another API's records) is not an empty list.
 */
export function modelsOf(
  items: readonly unknown[],
  read: (item: Record<string, unknown>) => LiveModel | undefined,
): LiveModel[] | undefined {
  const models = items.flatMap((item) => {
    const found = isRecord(item) ? read(item) : undefined;
    return found ? [found] : [];
  });
  return items.length > 0 && models.length === 0 ? undefined : models;
}

/** `url` with `params` set in its query, the ones already there (`api-version`) kept. */
export function withQuery(url: string, params: Readonly<Record<string, string | undefined>>): string {
  const parsed = new URL(url);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) parsed.searchParams.set(name, value);
  return parsed.href;
}
