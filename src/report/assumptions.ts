/** Tagged assumptions of a scenario: `key: value  # ... [A|B|C|J|F] ...` lines, with their dotted path. */
export interface TaggedAssumption {
  parameter: string;
  value: string;
  basis: string;
}

export function taggedAssumptions(text: string): TaggedAssumption[] {
  const out: TaggedAssumption[] = [];
  const stack: { indent: number; key: string }[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\s*)(?:-\s+)?([\w-]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const indent = m[1].length;
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    const rest = m[3];
    const hash = rest.search(/\s#\s/);
    const value = (hash >= 0 ? rest.slice(0, hash) : rest).trim();
    const comment = hash >= 0 ? rest.slice(hash).replace(/^\s*#\s*/, '') : '';
    if (!value) stack.push({ indent, key: m[2] });
    if (comment && /\[(A|B|C|J|F)[^\]]*\]/.test(comment))
      out.push({ parameter: [...stack.map((s) => s.key), m[2]].join('.'), value, basis: comment });
  }
  return out;
}
