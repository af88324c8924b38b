// Gemini through a Gemini CLI sign-in: Google's Code Assist API (`POST …/v1internal:generateContent`), the one the
// Gemini CLI talks to, with the OAuth token as the bearer and the login's Code Assist project in the body.
import { type ApiAdapter, bearer, isRecord, joinUrl, PROBE_PROMPT } from "./family.js";
import { geminiGenerateContent, thinkingConfig } from "./gemini.js";

/**
 * The client headers OpenClaw sends Code Assist (through pi-mono's google-gemini-cli provider): who is calling, and the
 * client metadata the Gemini CLI describes itself with when it sets up Code Assist (`ideType`, `platform`,
 * `pluginType`).
 */
export const CODE_ASSIST_HEADERS: Readonly<Record<string, string>> = {
  "user-agent": "google-cloud-sdk vscode_cloudshelleditor/0.1",
  "x-goog-api-client": "gl-node/22.17.0",
  "client-metadata": JSON.stringify({
    ideType: "IDE_UNSPECIFIED",
    platform: "PLATFORM_UNSPECIFIED",
    pluginType: "GEMINI",
  }),
};

export const geminiCodeAssist: ApiAdapter = {
  id: "google-gemini-cli",
  minMaxTokens: 1,
  build({ baseUrl, model, maxTokens, secret, projectId }) {
    const id = model.replace(/^models\//, "");
    const thinking = thinkingConfig(id);
    return {
      // A base URL written with the API version (`…/v1internal`, as the sign-in's endpoints are) is taken as the host.
      url: joinUrl(baseUrl, "/v1internal:generateContent", "/v1internal"),
      headers: { ...bearer(secret), ...CODE_ASSIST_HEADERS, accept: "application/json" },
      // The Gemini CLI's request (code_assist/converter.ts) less what a one-turn probe has no use for: no
      // `user_prompt_id` or `session_id`, which only tie the turns of a session together.
      body: {
        model: id,
        project: projectId,
        request: {
          contents: [{ role: "user", parts: [{ text: PROBE_PROMPT }] }],
          generationConfig: {
            maxOutputTokens: maxTokens,
            ...(thinking === undefined ? {} : { thinkingConfig: thinking }),
          },
        },
      },
    };
  },
  // The reply is a generateContent reply wrapped in `response` (beside a `traceId`).
  readSuccess: (body) => (isRecord(body) ? geminiGenerateContent.readSuccess(body.response) : undefined),
  missing({ projectId }) {
    return projectId === undefined
      ? "Code Assist needs the login's Google Cloud project (the profile's projectId), and none was given; sign in again to record it"
      : undefined;
  },
};
