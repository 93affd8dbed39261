/**
 * Why a layer killed none of a type it engages: it had spent its channels on the threats that reached it first.
 * Layers take threats in arrival order with no priority by type (docs/model/engagement.md), which a designer
 * does not expect of a long-range layer; the note says so and what changes it.
 */
import type { EngageReport } from './engage.js';
import type { Engagement } from './types.js';

/** One sentence per layer whose channels were used up before a type it engages (and that leaked) reached it. */
export function channelsSpentEarly(e: Engagement, r: EngageReport): string[] {
  const order = e.threats.map((t) => t.type);
  const notes: string[] = [];
  for (const l of e.layers) {
    if (!Number.isFinite(l.channels) || l.channels <= 0) continue;
    // Channels used up in (almost) every salvo: the mean engaged is at the limit.
    if ((r.engagedByLayer[l.name] ?? 0) < 0.99 * l.channels) continue;
    const killed = r.killedByLayer[l.name] ?? {};
    const engaged = order.filter((t) => l.pKill[t] !== undefined);
    const first = engaged.find((t) => (killed[t] ?? 0) >= 0.5);
    if (first === undefined) continue;
    const starved = engaged.filter(
      (t) => order.indexOf(t) > order.indexOf(first) && (killed[t] ?? 0) < 0.5 && (r.leakers.byType[t] ?? 0) >= 0.5,
    );
    if (!starved.length) continue;
    notes.push(
      `${l.name} spent its ${l.channels} channels on the threats that reached it first and killed almost no ${starved.join(', ')}: ` +
        `a layer engages in arrival order (${order.join(', ')}) with no priority by type; ` +
        `change \`arrivalOrder\`, or leave ${first} out of its \`engages\`, to let it reserve them (docs/model/engagement.md)`,
    );
  }
  return notes;
}
