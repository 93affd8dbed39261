/**
 * A strict RFC 4180 CSV reader: comma-separated, double-quoted fields may hold
 * commas, quotes ("" inside quotes) and line breaks; CRLF or LF line ends; a
 * UTF-8 byte-order mark is skipped. Anything else (a quote inside an unquoted
 * field, text after a closing quote, an unterminated quote, a row with the
 * wrong number of fields) is an error that names the line and the field.
 * Pure: the shell reads the file.
 */

export interface CsvTable {
  header: string[];
  /** Data rows, each with exactly header.length fields. */
  rows: string[][];
  /** 1-based line of the file on which each data row starts. */
  lines: number[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'CsvError';
  }
}

export function parseCsv(text: string): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  const starts: number[] = [];
  let line = 1;
  let i = 0;
  const n = src.length;
  while (i < n) {
    // A blank line (or the final line end) between records is skipped.
    if (src[i] === '\n' || (src[i] === '\r' && src[i + 1] === '\n')) {
      i += src[i] === '\r' ? 2 : 1;
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (src[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          if (i >= n) throw new CsvError(opened, `field ${fields.length + 1}: a quoted field is never closed`);
          const c = src[i];
          if (c === '"') {
            if (src[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          value += c;
          i++;
        }
        if (i < n && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r')
          throw new CsvError(
            line,
            `field ${fields.length + 1}: expected a comma or a line end after the closing quote, found ${JSON.stringify(src[i])}`,
          );
      } else {
        while (i < n && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
          if (src[i] === '"')
            throw new CsvError(
              line,
              `field ${fields.length + 1}: a quote inside an unquoted field (quote the whole field and double the quote)`,
            );
          value += src[i];
          i++;
        }
        if (src[i] === '\r' && src[i + 1] !== '\n')
          throw new CsvError(line, `field ${fields.length + 1}: a bare carriage return`);
      }
      fields.push(value);
      if (src[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (src[i] === '\r') i++;
    if (src[i] === '\n') {
      i++;
      line++;
    }
    records.push(fields);
    starts.push(start);
  }
  if (records.length === 0) throw new CsvError(1, 'expected a header row, found an empty file');
  const header = records[0].map((h) => h.trim());
  const seen = new Set<string>();
  header.forEach((h, k) => {
    if (h === '') throw new CsvError(starts[0], `header field ${k + 1} is empty`);
    if (seen.has(h)) throw new CsvError(starts[0], `header names column ${JSON.stringify(h)} twice`);
    seen.add(h);
  });
  const rows = records.slice(1);
  rows.forEach((r, k) => {
    if (r.length !== header.length)
      throw new CsvError(starts[k + 1], `expected ${header.length} fields as in the header, found ${r.length}`);
  });
  return { header, rows, lines: starts.slice(1) };
}
