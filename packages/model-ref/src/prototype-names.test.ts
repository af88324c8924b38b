// Names that are also Object.prototype keys (`constructor`, `__proto__`, `toString`, …) are data like any other:
// they round-trip through every edit, or are refused with a ModelRefError; never dropped, never a crash.
import { describe, expect, it } from "vitest";
import { configuredModels, type ModelsConfig, validateModelsConfig } from "./config.js";
import { removeAlias, setAlias, setPrimary } from "./edit.js";
import { parseModelRef } from "./parse.js";
import { exposeProtoKeys } from "./proto-keys.js";
import { getProvider, normalizeProviderId, parseProviderId } from "./providers.js";
import { describeModelSelection } from "./selection.js";

const NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"];

/** A config as it comes from a file: JSON.parse makes `"__proto__"` an own key. */
const fromFile = (text: string) => validateModelsConfig(JSON.parse(text));
/** What a write puts on disk and the next command reads back. */
const roundTrip = (config: ModelsConfig) => fromFile(JSON.stringify(config));

describe("names that are Object.prototype keys", () => {
  it.each(NAMES)("round-trip as alias %s", (name) => {
    const config = roundTrip(setAlias({}, name, "openai/gpt-5.2"));
    expect(describeModelSelection(config).aliases).toEqual({ [name]: "openai/gpt-5.2" });
    expect(Object.keys(describeModelSelection(config).aliases)).toEqual([name]);
    expect(configuredModels(roundTrip(removeAlias(config, name)))).toEqual({ "openai/gpt-5.2": {} });
  });

  it.each(NAMES)("round-trip as model id %s under a real provider", (name) => {
    const config = roundTrip(setPrimary({}, "model", `openai/${name}`));
    expect(describeModelSelection(config).resolvedDefault).toBe(`openai/${name}`);
    expect(Object.keys(configuredModels(config))).toEqual([`openai/${name}`]);
  });

  it("keeps a hand-written __proto__ model key through alias edits", () => {
    const config = fromFile('{ "agents": { "defaults": { "models": { "__proto__": { "alias": "p" } } } } }');
    const edited = roundTrip(removeAlias(setAlias(config, "fast", "openai/gpt-5.2"), "fast"));
    expect(Object.keys(configuredModels(edited))).toEqual(["__proto__", "openai/gpt-5.2"]);
    expect(JSON.stringify(edited)).toContain('"__proto__":{"alias":"p"}');
  });

  it("finds no alias that is not stored", () => {
    expect(() => removeAlias({}, "toString")).toThrow(expect.objectContaining({ code: "ALIAS_NOT_FOUND" }));
    expect(describeModelSelection({}).aliases.constructor).toBeUndefined();
  });

  it("accepts constructor as a provider id, and refuses __proto__ as no ref could name it", () => {
    expect(getProvider("constructor")).toBeUndefined();
    expect(getProvider("__proto__")).toBeUndefined();
    expect(getProvider("toString")).toBeUndefined();
    expect(parseProviderId("constructor")).toBe("constructor");
    expect(parseProviderId("toString")).toBe("tostring");
    expect(() => parseProviderId("__proto__")).toThrow(
      expect.objectContaining({ code: "PROVIDER_INVALID", input: "__proto__" }),
    );
    const config = roundTrip(setPrimary({}, "model", "constructor/x"));
    expect(describeModelSelection(config).resolvedDefault).toBe("constructor/x");
  });

  it("takes a provider id exactly when a ref may have it as its provider", () => {
    for (const raw of [...NAMES, "Z.AI", "my provider", ".hidden", "-x", "a/b", "ok-1.2_3", "", "é"]) {
      const asRef = (() => {
        try {
          return parseModelRef(`${raw}/m`).provider;
        } catch {
          return undefined;
        }
      })();
      const asOption = (() => {
        try {
          return parseProviderId(raw);
        } catch {
          return undefined;
        }
      })();
      expect(asOption, raw).toBe(raw.includes("/") ? undefined : asRef);
    }
    expect(normalizeProviderId("__proto__")).toBe("__proto__");
  });
});

describe("validateModelsConfig under __proto__ keys", () => {
  it("checks what a __proto__ key holds, as for any other key", () => {
    expect(() =>
      fromFile('{ "agents": { "defaults": { "models": { "__proto__": { "alias": 5 } } } } }'),
    ).toThrow(
      expect.objectContaining({
        code: "CONFIG_INVALID",
        message: expect.stringContaining("[__proto__].alias"),
      }),
    );
    expect(() => fromFile('{ "models": { "providers": { "__proto__": { "baseUrl": [] } } } }')).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID" }),
    );
    expect(() => fromFile('{ "auth": { "order": { "__proto__": "x" } } }')).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID" }),
    );
  });

  it("returns the document itself, __proto__ key and all", () => {
    const document = JSON.parse(
      '{ "auth": { "order": { "__proto__": ["x"] } }, "extra": { "__proto__": 1 } }',
    );
    expect(validateModelsConfig(document)).toBe(document);
    expect(Object.hasOwn(document.auth.order, "__proto__")).toBe(true);
  });
});

describe("exposeProtoKeys", () => {
  it("returns the same document when nothing in it has a __proto__ key", () => {
    const document = { a: [{ b: { constructor: 1 } }] };
    expect(exposeProtoKeys(document)).toBe(document);
  });

  it("renames the key in a copy, leaving the document and its other keys as they are", () => {
    const document = JSON.parse('{ "list": [{ "__proto__": { "x": 1 }, "[__proto__]": 2 }], "n": null }');
    expect(exposeProtoKeys(document)).toEqual({
      list: [{ "[[__proto__]]": { x: 1 }, "[__proto__]": 2 }],
      n: null,
    });
    expect(Object.keys(document.list[0])).toEqual(["__proto__", "[__proto__]"]);
  });

  it("walks a document nested deeper than the call stack", () => {
    const depth = 100_000;
    const text = `${'{"a":'.repeat(depth)}{"__proto__":1}${"}".repeat(depth)}`;
    const copy = exposeProtoKeys(JSON.parse(text)) as Record<string, unknown>;
    let node: unknown = copy;
    for (let level = 0; level < depth; level += 1) node = (node as Record<string, unknown>).a;
    expect(node).toEqual({ "[__proto__]": 1 });
  });
});
