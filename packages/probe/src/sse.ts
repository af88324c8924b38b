// Reads a reply streamed as server-sent events, piece by piece, until one event decides the probe.
import { createParser } from "eventsource-parser";
import type { StreamEvent, StreamReading } from "./families/family.js";

const json = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export interface EventReader {
  /** Feeds the next decoded piece of the body; true once an event has decided, so the rest need not be read. */
  feed(text: string): boolean;
  /** The deciding event's reading, if one came. */
  readonly reading: StreamReading | undefined;
  /** How many events were read: none means the body was not an event stream at all. */
  readonly events: number;
}

/**
 * An incremental reader of one reply's events (line endings, multi-line `data:`, comments and a BOM as the SSE spec
 * has them, through eventsource-parser), each event's `data` read as JSON and given to `readEvent` until it returns
 * a reading. Memory stays within what the HTTP layer reads: the body is capped before it gets here.
 */
export function eventReader(readEvent: (event: StreamEvent) => StreamReading | undefined): EventReader {
  let reading: StreamReading | undefined;
  let events = 0;
  const parser = createParser({
    onEvent(message) {
      if (reading) return;
      events += 1;
      reading = readEvent({ event: message.event, data: json(message.data) });
    },
  });
  return {
    feed(text) {
      if (!reading) parser.feed(text);
      return reading !== undefined;
    },
    get reading() {
      return reading;
    },
    get events() {
      return events;
    },
  };
}
