// A boxed text table with wrapped cells, as the reference draws its probe results. Widths are terminal columns
// (display-width.ts), so wide characters keep the frame straight.
import { type Line, plainText, Styled } from "./colour.js";
import { displayWidth, padDisplay, splitDisplay } from "./display-width.js";
import { visible } from "./terminal-text.js";

/**
 * One line, or several lines stacked in the cell. Line breaks are only ever these: data cannot add one. A line with
 * tones keeps them when it fits its column; one that must be wrapped is wrapped as plain text.
 */
export type Cell = Line | readonly Line[];

/** Splits text into lines of at most `width` columns, at spaces where possible. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      let rest = word;
      while (rest.length > 0) {
        const room = line === "" ? width : width - displayWidth(line) - 1;
        const size = displayWidth(rest);
        if (size <= room) {
          line = line === "" ? rest : `${line} ${rest}`;
          rest = "";
        } else if (line !== "" && size <= width) {
          lines.push(line);
          line = "";
        } else {
          // A word longer than the cell (a long model id, a sentence in a script without spaces) is cut where the
          // line ends, never inside a wide character.
          const [head, tail] = splitDisplay(rest, Math.max(1, room));
          lines.push(line === "" ? head : `${line} ${head}`);
          rest = tail;
          line = "";
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Column widths that fit `total` characters: every column but the last keeps its natural width up to `maxLead`, and
 * the last (the widest content: status and error) takes the rest, never less than `minLast`.
 */
function fitWidths(natural: readonly number[], total: number, maxLead = 32, minLast = 24): number[] {
  const lead = natural.slice(0, -1).map((width) => Math.min(width, maxLead));
  const frame = natural.length * 3 + 1;
  const room = total - frame - lead.reduce((sum, width) => sum + width, 0);
  return [...lead, Math.max(minLast, Math.min(natural.at(-1) ?? 0, room))];
}

/** A cell's line made visible (escapes for control characters), each part on its own so its tone survives. */
function visibleLine(line: Line): Line {
  return typeof line === "string"
    ? visible(line)
    : new Styled(
        line.parts.map((part) =>
          typeof part === "string" ? visible(part) : { tone: part.tone, text: visible(part.text) },
        ),
      );
}

const linesOf = (cell: Cell | undefined): readonly Line[] =>
  cell === undefined ? [""] : typeof cell === "string" || cell instanceof Styled ? [cell] : cell;

/**
 * Draws `rows` under `header`, no wider than `maxWidth` columns where it can. Cells are made visible (escapes for
 * control characters) before they are measured, so a hostile cell can neither drive the terminal nor break the
 * frame. A row with toned cells comes back as a `Styled` line; the others as strings.
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  maxWidth: number,
): Line[] {
  // Each cell as its lines, made visible; a plain line may still hold a break (`x\ny` made visible has none).
  const cells = rows.map((row) => header.map((_, column) => linesOf(row[column]).map(visibleLine)));
  const natural = header.map((title, column) =>
    Math.max(
      displayWidth(title),
      ...cells.flatMap((row) => (row[column] ?? []).map((line) => displayWidth(plainText(line)))),
    ),
  );
  const widths = fitWidths(natural, maxWidth);
  const rule = (left: string, middle: string, right: string) =>
    `${left}${widths.map((width) => "─".repeat(width + 2)).join(middle)}${right}`;
  // A line that fits stays as it is (with its tones); a longer one is wrapped as text.
  const layout = (lines: readonly Line[], width: number): Line[] =>
    lines.flatMap((line): Line[] =>
      typeof line !== "string" && displayWidth(plainText(line)) <= width
        ? [line]
        : wrap(plainText(line), width),
    );
  const draw = (row: readonly (readonly Line[])[]): Line[] => {
    const wrapped = widths.map((width, column) => layout(row[column] ?? [""], width));
    const height = Math.max(...wrapped.map((lines) => lines.length));
    return Array.from({ length: height }, (_, index) => {
      const parts = wrapped.flatMap((lines, column) => {
        const line = lines[index] ?? "";
        const width = widths[column] ?? 0;
        const text = plainText(line);
        const padding = " ".repeat(Math.max(0, width - displayWidth(text)));
        return [
          column === 0 ? "│ " : " │ ",
          ...(typeof line === "string" ? [padDisplay(line, width)] : [...line.parts, padding]),
        ];
      });
      parts.push(" │");
      return parts.every((part) => typeof part === "string") ? parts.join("") : new Styled(parts);
    });
  };
  return [
    rule("┌", "┬", "┐"),
    ...draw(header.map((title) => [title])),
    rule("├", "┼", "┤"),
    ...cells.flatMap((row) => draw(row)),
    rule("└", "┴", "┘"),
  ];
}

/**
 * One line of fixed-width columns one space apart (OpenClaw's list and scan tables): each cell but the last padded
 * to its width in terminal columns, tones kept.
 */
export function columnsLine(cells: readonly Line[], widths: readonly number[]): Line {
  const parts = cells.flatMap((cell, index) => {
    const width = index < cells.length - 1 ? (widths[index] ?? 0) : 0;
    const padding = " ".repeat(Math.max(0, width - displayWidth(plainText(cell))));
    return [...(index > 0 ? [" "] : []), ...(typeof cell === "string" ? [cell] : cell.parts), padding];
  });
  return parts.every((part) => typeof part === "string") ? parts.join("") : new Styled(parts);
}
