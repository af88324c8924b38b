// Anthropic: no subscription OAuth (OpenClaw 2026.4.27 dropped it by Anthropic's policy). A setup token, an API key,
// or the Claude Code CLI's own login adopted read-only.
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { AuthLoginError } from "../../errors.js";
import type { AuthPlugin, LoginContext } from "../plugin.js";

const PROVIDER = "anthropic";

async function secretFrom(context: LoginContext, message: string): Promise<string> {
  if (!context.ui.promptSecret)
    throw new AuthLoginError("NOT_CONFIGURED", "This method needs a secret and no prompt was given.", {
      provider: PROVIDER,
    });
  const value = (await context.ui.promptSecret(message)).trim();
  if (!value)
    throw new AuthLoginError("NOT_CONFIGURED", "Nothing was entered; sign-in cancelled.", {
      provider: PROVIDER,
    });
  return value;
}

/** Where Claude Code keeps its login on Linux and Windows: `$CLAUDE_CONFIG_DIR` or `~/.claude`, `.credentials.json`. */
export function claudeCodeCredentialsPath(context: Pick<LoginContext, "env" | "homeDir">): string {
  const dir = context.env.CLAUDE_CONFIG_DIR?.trim() || join(context.homeDir ?? homedir(), ".claude");
  return join(dir, ".credentials.json");
}

export const anthropicPlugin: AuthPlugin = {
  provider: PROVIDER,
  label: "Anthropic",
  // pi's `defaultModelPerProvider` for anthropic; listed in the bundled catalog.
  defaultModel: "anthropic/claude-opus-4-8",
  methods: [
    {
      id: "setup-token",
      kind: "token",
      label: "Paste a setup token (claude setup-token)",
      async run(context) {
        return {
          type: "token" as const,
          provider: PROVIDER,
          token: await secretFrom(context, "Setup token:"),
        };
      },
    },
    {
      id: "api-key",
      kind: "api-key",
      label: "Enter an API key",
      async run(context) {
        return {
          type: "api_key" as const,
          provider: PROVIDER,
          key: await secretFrom(context, "Anthropic API key:"),
        };
      },
    },
    {
      id: "import-claude-code",
      kind: "import",
      label: "Use the Claude Code CLI's login on this machine",
      // Adopted as a `token` with its expiry, never as `oauth`: refreshing it ourselves would spend Claude Code's
      // single-use refresh token and sign Claude Code out. When it expires, Claude Code renews it; import again.
      // (macOS keeps this login in the Keychain, which is not read.)
      async run(context) {
        const path = claudeCodeCredentialsPath(context);
        let text: string;
        try {
          text = await readFile(path, "utf8");
        } catch {
          throw new AuthLoginError(
            "NOTHING_TO_IMPORT",
            `No Claude Code login found at ${path}. Run \`claude\` and sign in first.`,
            {
              provider: PROVIDER,
            },
          );
        }
        let oauth: unknown;
        try {
          oauth = (JSON.parse(text) as { claudeAiOauth?: unknown }).claudeAiOauth;
        } catch {
          oauth = undefined;
        }
        const { accessToken, expiresAt } = (
          typeof oauth === "object" && oauth !== null ? oauth : {}
        ) as Record<string, unknown>;
        if (typeof accessToken !== "string" || !accessToken)
          throw new AuthLoginError("NOTHING_TO_IMPORT", `${path} holds no claudeAiOauth.accessToken.`, {
            provider: PROVIDER,
          });
        return {
          type: "token" as const,
          provider: PROVIDER,
          token: accessToken,
          ...(typeof expiresAt === "number" && expiresAt > 0 ? { expires: expiresAt } : {}),
        };
      },
    },
  ],
};
