// Opens a sign-in URL in the user's browser with the platform's own opener, detached: fire and forget.
//
// No package: `open` would add five more (default-browser, wsl-utils, …) for one spawn whose failure changes nothing
// (the URL is always printed, and the sign-in waits for the callback either way).

/** The opener command of `platform`, with the URL as one argument no shell reads (`&` in a URL stays literal). */
export function openerFor(platform: NodeJS.Platform, url: string): [string, string[]] {
  if (platform === "darwin") return ["open", [url]];
  // Not `cmd /c start`: cmd would read the `&` between query parameters.
  if (platform === "win32") return ["rundll32", ["url.dll,FileProtocolHandler", url]];
  return ["xdg-open", [url]];
}

/**
 * Starts the browser on `url` (http or https only: the URL comes from a provider's endpoints, which a file may
 * override) and resolves once the opener runs; rejects when it cannot start, e.g. no `xdg-open` on a server.
 */
export async function openUrl(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  if (!/^https?:\/\//i.test(url)) throw new Error("not an http(s) URL");
  const { spawn } = await import("node:child_process");
  const [command, args] = openerFor(platform, url);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: "ignore",
      detached: true,
      env: { ...env } as NodeJS.ProcessEnv,
    });
    child.once("error", reject);
    child.once("spawn", () => {
      child.unref();
      resolve();
    });
  });
}
