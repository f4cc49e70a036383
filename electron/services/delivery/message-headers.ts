/**
 * The header section of a raw message as a list of fields, in the order they appear
 * (trace fields such as Received are prepended in transit, so the newest comes first).
 */

export interface HeaderField {
  /** As written, e.g. "X-Spam-Flag". */
  name: string;
  /** Unfolded (CRLF + whitespace → one space), trimmed. */
  value: string;
}

/** Parses the header section (up to the first empty line) of an RFC 5322 message. */
export function parseHeaders(raw: string | Buffer): HeaderField[] {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  const head = end ? text.slice(0, end.index) : text;
  const fields: HeaderField[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line)) {
      const last = fields.at(-1);
      if (last) last.value = `${last.value} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // not a field (e.g. an mbox "From " line)
    fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return fields;
}

/** Values of every field called `name` (case-insensitive), in message order. */
export function headerValues(fields: readonly HeaderField[], name: string): string[] {
  const wanted = name.toLowerCase();
  return fields.filter((f) => f.name.toLowerCase() === wanted).map((f) => f.value);
}
