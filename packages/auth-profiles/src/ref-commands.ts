// The exec ref commands still running. Each runs in a process group of its own, so that an overrun is killed with
// everything it started; that also keeps a terminal's Ctrl-C from reaching them, so a program that ends on a signal
// stops them itself with stopRefCommands(). Kept apart from refs.ts so that importing this costs nothing at start-up.

const groups = new Set<number>();

/** Kills the process group led by `pid` (the command and whatever it started); a group that is gone is no error. */
export function killGroup(pid: number): void {
  groups.delete(pid);
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // The group is gone already.
  }
}

export function trackGroup(pid: number): void {
  groups.add(pid);
}

export function untrackGroup(pid: number): void {
  groups.delete(pid);
}

/** Kills every exec ref command still running, with what it started (for a program that is stopping on a signal). */
export function stopRefCommands(): void {
  for (const pid of [...groups]) killGroup(pid);
}
