// The editor headers GitHub's Copilot endpoints expect of a client (VS Code Copilot Chat's, as pi-mono sends them):
// one copy for the sign-in's token exchange (auth-profiles), the probes and the usage fetch (probe).

/** Header names in lower case, as HTTP/2 and Node's `fetch` send them. */
export const COPILOT_EDITOR_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "user-agent": "GitHubCopilotChat/0.35.0",
  "editor-version": "vscode/1.107.0",
  "editor-plugin-version": "copilot-chat/0.35.0",
  "copilot-integration-id": "vscode-chat",
});
