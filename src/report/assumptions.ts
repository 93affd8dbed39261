/**
 * Tagged assumptions of a scenario file: every value whose comment on its own
 * line carries a source tag ([A], [B], [C], [J], [F], or a combination such as
 * [A/J]), with its path. The path and the value come from the parsed YAML
 * (the `yaml` library keeps comments on nodes), so a key whose line holds only
 * a comment, a flow map or a list item keeps its full path
 * (`actors.israel.redlines.limited-strike`, `actions.limited-strike`).
 */
import { isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Node } from 'yaml';

export interface TaggedAssumption {
  /** Dot path in the document; list items by index (`sources.0`), as getPath reads it. */
  parameter: string;
  /** The value as written: a scalar, a short collection in flow style, or `N entries` for a long one. */
  value: string;
  /** The comment: tag and basis. */
  basis: string;
  /** 1-based line of the key (or list item) in the file. */
  line: number;
}

const TAG = /\[(A|B|C|J|F)[^\]]*\]/;
/** A collection longer than this (in flow style) is shown by its size: the table is for reading. */
const MAX_FLOW = 100;

function valueText(node: Node): string {
  if (isScalar(node)) return node.value === null ? 'null' : String(node.value);
  const value = node.toJSON() as unknown;
  const flow = stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();
  if (flow.length <= MAX_FLOW) return flow;
  const n = isCollection(node) ? node.items.length : 0;
  return `${n} entries`;
}

export function taggedAssumptions(text: string): TaggedAssumption[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length) return [];
  const out: TaggedAssumption[] = [];
  const lineOf = (offset: number) => lines.linePos(offset).line;
  // A comment belongs to a value when it sits on the line where that value's key (or list dash) is written.
  const visit = (node: unknown, path: string[], at: number | undefined) => {
    if (isScalar(node) || isCollection(node)) {
      const candidates = [node.comment, isCollection(node) && !node.flow ? node.commentBefore : undefined];
      for (const c of candidates) {
        if (!c || at === undefined || !TAG.test(c)) continue;
        const first = c.split('\n')[0];
        const lineText = text.split('\n')[lineOf(at) - 1] ?? '';
        const hash = lineText.indexOf('#');
        if (hash < 0 || !lineText.slice(hash + 1).includes(first.trim())) continue;
        out.push({ parameter: path.join('.'), value: valueText(node), basis: c.trim(), line: lineOf(at) });
        break;
      }
    }
    if (isMap(node))
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        visit(pair.value, [...path, key], isScalar(pair.key) ? pair.key.range?.[0] : undefined);
      }
    else if (isSeq(node))
      node.items.forEach((item, i) =>
        visit(item, [...path, String(i)], isScalar(item) || isCollection(item) ? item.range?.[0] : undefined),
      );
  };
  visit(doc.contents, [], undefined);
  return out.sort((a, b) => a.line - b.line);
}
