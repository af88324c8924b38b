// A progress line for long work (probes, model lists, a scan): drawn and redrawn in place on stderr when stderr is a
// terminal, erased at the end; nothing at all anywhere else, so pipes, files and logs never see it.
import type { Io } from "./io.js";

export interface Progress {
  /** Replaces the line with `text` (ours: never text from a file or a server). */
  show(text: string): void;
  /** `<label> <done>/<total>…`, for work counted in parts. */
  count(done: number, total: number): void;
  /** Erases the line; nothing is drawn after it. */
  done(): void;
}

const SILENT: Progress = { show: () => {}, count: () => {}, done: () => {} };

/** A progress line labelled `label` (`Probing`), or one that draws nothing when stderr is not a terminal. */
export function progressLine(io: Io, label: string): Progress {
  if (!io.stderr.isTTY) return SILENT;
  let drawn = false;
  let finished = false;
  const show = (text: string) => {
    if (finished) return;
    drawn = true;
    io.stderr.write(`\r\x1b[2K${text}`);
  };
  return {
    show,
    count: (done, total) => show(`${label} ${done}/${total}…`),
    done: () => {
      if (drawn && !finished) io.stderr.write("\r\x1b[2K");
      finished = true;
    },
  };
}

/** A counter over `total` parts: drawn at 0 at once, one more at each `update()`. Silent for no parts. */
export function countingProgress(io: Io, label: string, total: number): { update(): void; done(): void } {
  const line = total === 0 ? SILENT : progressLine(io, label);
  let finished = 0;
  line.count(finished, total);
  return {
    update: () => {
      finished += 1;
      line.count(finished, total);
    },
    done: () => line.done(),
  };
}
