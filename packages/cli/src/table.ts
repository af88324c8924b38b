// A boxed text table with wrapped cells, as the reference draws its probe results.
import { visible } from "./terminal-text.js";

/** One line, or several lines stacked in the cell. Line breaks are only ever these: data cannot add one. */
export type Cell = string | readonly string[];

/** Splits text into lines of at most `width` characters, at spaces where possible. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      let rest = word;
      while (rest.length > 0) {
        const room = line === "" ? width : width - line.length - 1;
        if (rest.length <= room) {
          line = line === "" ? rest : `${line} ${rest}`;
          rest = "";
        } else if (line !== "" && rest.length <= width) {
          lines.push(line);
          line = "";
        } else {
          // A word longer than the cell (a long model id) is cut where the line ends.
          const take = Math.max(1, room);
          lines.push(line === "" ? rest.slice(0, take) : `${line} ${rest.slice(0, take)}`);
          rest = rest.slice(take);
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

/**
 * Draws `rows` under `header`, no wider than `maxWidth` where it can. Cells are made visible (escapes for control
 * characters) before they are measured, so a hostile cell can neither drive the terminal nor break the frame.
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  maxWidth: number,
): string[] {
  const text = (cell: Cell | undefined) =>
    (cell === undefined ? [""] : typeof cell === "string" ? [cell] : cell).map(visible).join("\n");
  const cells = rows.map((row) => row.map(text));
  const natural = header.map((title, column) =>
    Math.max(
      title.length,
      ...cells.flatMap((row) => (row[column] ?? "").split("\n").map((line) => line.length)),
    ),
  );
  const widths = fitWidths(natural, maxWidth);
  const rule = (left: string, middle: string, right: string) =>
    `${left}${widths.map((width) => "─".repeat(width + 2)).join(middle)}${right}`;
  const draw = (row: readonly string[]) => {
    const wrapped = widths.map((width, column) => wrap(row[column] ?? "", width));
    const height = Math.max(...wrapped.map((lines) => lines.length));
    return Array.from(
      { length: height },
      (_, line) =>
        `│ ${wrapped.map((lines, column) => (lines[line] ?? "").padEnd(widths[column] ?? 0)).join(" │ ")} │`,
    );
  };
  return [
    rule("┌", "┬", "┐"),
    ...draw(header),
    rule("├", "┼", "┤"),
    ...cells.flatMap((row) => draw(row)),
    rule("└", "┴", "┘"),
  ];
}
