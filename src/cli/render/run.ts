/** One run as a story: the timeline that mattered, the escalation utility by term, why it held or broke. */
import { TERM_NAMES } from '../../core/model/escalation-utility.js';
import type { RunResult } from '../../core/engine/run.js';
import type { RunEvent } from '../../core/engine/events.js';
import { THREAT_LABELS, threatNote } from '../../charts/format.js';
import { fmt, pct, table, usd } from './format.js';

/** The events worth a line in the story. */
function mattered(e: RunEvent): boolean {
  if (e.kind === 'action') return e.perceivedAsViolationBy.length > 0 || e.attributed === true || (e.leakers ?? 0) > 0;
  return e.kind !== 'answered';
}

function describe(e: RunEvent): string {
  switch (e.kind) {
    case 'action': {
      const seen = e.perceivedAsViolationBy.length
        ? `; read as a violation by ${e.perceivedAsViolationBy.join(', ')}`
        : '';
      const attributed = e.attributed ? '; attributed by the monitor' : '';
      const kinetic =
        e.leakers === undefined
          ? ''
          : `; ${e.leakers} leaked, ${e.unintercepted ? `unintercepted (${e.target} has no air defence)` : `${e.interceptorsUsed} interceptors`}`;
      return `${e.actor}: ${e.action}${e.target ? ` against ${e.target}` : ''}${seen}${attributed}${kinetic}`;
    }
    case 'spurious':
      return `${e.detectedBy?.[0]}: false report of a violation by ${e.actor}${e.perceivedAsViolationBy.length ? ', believed' : ''}`;
    case 'enforcement':
      return `${e.actor} enforces (${e.note})`;
    case 'no-response':
      return `${e.actor}: ${e.note}; credibility falls`;
    case 'rung':
      return `${e.actor} ${e.action === 'step-up' ? 'escalates' : 'steps down'}: ${e.note}`;
    case 'mediated-step-down':
      return `${e.actor} steps down to rung ${e.rung}: ${e.note}`;
    case 'attention-shock':
      return `${e.actor}: a competing theater flares; attention drops`;
    case 'collapse':
      return `COLLAPSE: ${e.actor} reaches the collapse rung (${e.note})`;
    case 'kinetic': {
      // The opening exchange (docs/model/preemption.md): a pre-emptive strike on launchers (with the striker's
      // own salvo if it has an arsenal), or a salvo.
      const parts: string[] = [];
      if (e.launchersDestroyed !== undefined && (e.launchersDestroyed > 0 || e.launched === undefined))
        parts.push(`${pct(e.launchersDestroyed, 0)} of ${e.target}'s launchers destroyed`);
      if (e.launched !== undefined || e.launchersDestroyed === undefined)
        parts.push(
          `${e.launched !== undefined ? `${e.launched} threats, ` : ''}${e.leakers} leakers, ${e.unintercepted ? `unintercepted (${e.target} has no air defence)` : `${e.interceptorsUsed} interceptors`}`,
        );
      return `${e.actor}: ${e.action} on ${e.target}: ${parts.join('; ')}`;
    }
    default:
      return `${e.actor}: ${e.action}`;
  }
}

export function renderRun(
  head: {
    seed: number;
    scenario: string;
    framework: string | null;
    levers: Record<string, number>;
    horizonDays: number;
    misalignment: number;
  },
  r: Pick<RunResult, 'outcome' | 'trajectory' | 'events'> & {
    causalAttribution?: { shares: Record<string, number>; explained: boolean } | null;
  },
  maxEvents: number,
): string {
  const o = r.outcome;
  const out: string[] = [];
  out.push(
    `Scenario ${head.scenario}, framework ${head.framework ?? 'none'}, seed ${head.seed}, horizon ${head.horizonDays} days`,
  );
  out.push(
    `Levers: ${Object.entries(head.levers)
      .map(([k, v]) => `${k}=${+v.toFixed(3)}`)
      .join(', ')}`,
  );
  // compare and report draw global parameters from a posterior by default; one run never does (docs/calibration-record.md).
  out.push(
    'Global parameters: as written in the scenario (a single run draws nothing from the posterior; compare and report do by default)',
  );
  out.push(`Redline misalignment index: ${fmt(head.misalignment, 3)}`);
  out.push('');
  out.push(
    o.collapsed
      ? `The ceasefire COLLAPSED on day ${o.day}: ${o.firstCrosser} crossed first.`
      : `The ceasefire HELD for ${head.horizonDays} days (censored).`,
  );
  out.push('');
  const events = r.events.filter(mattered);
  out.push(
    `Timeline (${events.length} events that mattered${events.length > maxEvents ? `; the last ${maxEvents}` : ''}):`,
  );
  for (const e of events.slice(-maxEvents)) out.push(`  day ${String(e.day).padStart(3)}  ${describe(e)}`);
  out.push('');
  const last = r.trajectory[r.trajectory.length - 1];
  const first = r.trajectory[0];
  const ids = Object.keys(last.actors);
  out.push(
    `Escalation utility (EU = pressure - restraint) ${o.collapsed ? 'at collapse' : 'at the horizon'}, and change since day 0:`,
  );
  out.push(
    table(
      ['term', ...ids.flatMap((id) => [id, 'change'])],
      [
        ...TERM_NAMES.filter((t) =>
          ids.some((id) => Math.abs(last.actors[id].terms[t]) > 1e-9 || Math.abs(first.actors[id].terms[t]) > 1e-9),
        ).map((t) => [
          t,
          ...ids.flatMap((id) => [
            fmt(last.actors[id].terms[t], 3),
            fmt(last.actors[id].terms[t] - first.actors[id].terms[t], 3),
          ]),
        ]),
        ['EU', ...ids.flatMap((id) => [fmt(last.actors[id].eu, 3), fmt(last.actors[id].eu - first.actors[id].eu, 3)])],
        ['rung', ...ids.flatMap((id) => [String(last.actors[id].rung), ''])],
        ['credibility', ...ids.flatMap((id) => [fmt(last.actors[id].credibility, 2), ''])],
        ['hardliner power', ...ids.flatMap((id) => [fmt(last.actors[id].hardlinerPower, 2), ''])],
        // With three or more states one may have several adversaries: name the one its threat rows are of.
        ...(ids.length > 2 ? [['threat from', ...ids.flatMap((id) => [last.actors[id].threatFrom ?? '-', ''])]] : []),
        ...(['threatBelief', 'threatReading'] as const).map((key) => [
          THREAT_LABELS[key],
          // A change only against the same adversary's belief on day 0 (with several, the one acted on may differ).
          ...ids.flatMap((id) => [
            fmt(last.actors[id][key], 3),
            first.actors[id].threatFrom === last.actors[id].threatFrom
              ? fmt(last.actors[id][key] - first.actors[id][key], 3)
              : '',
          ]),
        ]),
      ],
    ),
  );
  out.push(threatNote(ids.length > 2));
  out.push('');
  if (o.collapsed) {
    const shares = Object.entries(o.attribution)
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1]);
    const c = r.causalAttribution;
    if (c) {
      const causal = Object.entries(c.shares)
        .filter(([, v]) => Math.abs(v) > 1e-9)
        .sort((a, b) => b[1] - a[1]);
      out.push(
        c.explained
          ? `Why (causal): ${causal.map(([p, v]) => `${p} ${pct(v, 0)}`).join(', ') || 'no single pillar'} (Shapley share: the run replayed on the same streams with pillars' terms frozen at day 0; docs/model/attribution.md)`
          : 'Why (causal): unexplained (the run collapses by this day even with every pillar frozen: spoilers, noise and the standing terms)',
      );
    }
    out.push(
      `Why (descriptive): ${shares.map(([p, v]) => `${p} ${pct(v, 0)}`).join(', ')} (share of what moved ${o.firstCrosser}'s EU since day 0)`,
    );
    if (o.kinetic) out.push(openingExchange(o.kinetic, o.firstCrosser!));
  }
  return out.join('\n');
}

/**
 * The opening exchange in a sentence or two (docs/model/preemption.md, "Kinetic exchanges"): the salvo at the
 * defender's side with its costs, and an armed defender's own strike apart, with its own.
 */
function openingExchange(k: NonNullable<RunResult['outcome']['kinetic']>, crosser: string): string {
  const unintercepted = (id: string) => k.undefended?.includes(id) ?? false;
  const s = k.strike;
  const salvo = `${k.launched} threats at ${k.defender}: ${k.leakers} leak, ${unintercepted(k.defender) ? `unintercepted (${k.defender} has no air defence)` : `${k.interceptorsUsed} interceptors used`}`;
  const fired = `${k.attacker} fires ${salvo}`;
  const cost = `cost ${usd(k.defenderCostUsd)} to the defender, ${usd(k.attackerCostUsd)} to the attacker`;
  if (!k.preemptive) return `Opening exchange: ${fired}; ${cost}.`;
  const first = [
    `${crosser} strikes first (pre-emption)`,
    k.launchersDestroyed > 0 ? `destroying ${pct(k.launchersDestroyed, 0)} of ${k.attacker}'s launchers` : '',
    s
      ? `firing ${s.launched} threats at ${k.attacker}: ${s.leakers} land, ${unintercepted(k.attacker) ? `unintercepted (${k.attacker} has no air defence)` : `${s.interceptorsUsed} interceptors used`}`
      : '',
  ]
    .filter(Boolean)
    .join(', ');
  const retaliation = `${k.attacker} retaliates with ${salvo}`;
  if (!s) return `Opening exchange: ${first}; ${retaliation}; ${cost}.`;
  const strikeCost = `${crosser}'s strike: ${usd(s.attackerCostUsd)} in munitions fired${unintercepted(k.attacker) ? '' : `, ${usd(s.defenderCostUsd)} to ${k.attacker} in interceptors`}`;
  if (k.launched === 0)
    return `Opening exchange: ${first}; ${k.attacker} has no salvo to retaliate with. ${strikeCost}.`;
  return `Opening exchange: ${first}; ${retaliation}; ${cost}. ${strikeCost}.`;
}
