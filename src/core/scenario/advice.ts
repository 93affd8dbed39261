/**
 * Notes on a valid scenario: not errors, but what an author should know before trusting its results
 * (`truce scenario validate` prints them; docs/scenario-reference.md, "Before you trust a new scenario").
 *  - warning: the verification lever can only add perceived violations for a state (docs/model/perception.md);
 *  - info: the term weights a state leaves to the defaults (calibrated to the built-in scenario, not to it).
 */
import { DEFAULT_WEIGHTS } from '../engine/build/states.js';
import { proxyActivityRate, stateActivityRate } from '../model/activity.js';
import { ownDetection, rungWeight } from '../model/perception.js';
import { effectiveRedline } from '../model/redlines.js';
import type { CeasefireScenario, StateSpec } from './ceasefire-schema.js';
import { leverWrites } from './levers.js';

export interface ScenarioNote {
  level: 'warning' | 'info';
  /** The JSON path the note is about. */
  path: string;
  message: string;
}

/** How an observer reads one action its adversaries do at rung 0, in a domain the monitor covers. */
export interface VerifiedReading {
  /** Who does it (a state, or a proxy of one). */
  actor: string;
  action: string;
  /** The monitor's reading: agreement.agreedReadings, else prohibited 1, ambiguous 0.5, permitted 0. */
  agreed: number;
  /** The observer's effective private reading: s x agreed + (1 - s) x (its redline, else the agreed reading). */
  own: number;
  /** Whether the observer lists a redline for the action (else it reads it at the agreed reading). */
  listed: boolean;
  /** Its own chance of seeing one occurrence without the monitor: intelligence x visibility. */
  ownDetection: number;
  /**
   * What one more unit of verification adds to the rung-weighted violations the observer perceives a day from this
   * action: rate x coverage x (1 + rung) x (agreed - ownDetection x own). Negative when the monitor's reading is
   * enough below the observer's own to outweigh the occurrences it reveals (docs/model/perception.md).
   */
  perUnitVerification: number;
}

/** The agreed reading of an action (as src/core/engine/build/actions.ts builds it). */
export function agreedReadingOf(s: CeasefireScenario, action: string): number {
  const term = s.agreement.terms[action];
  return s.agreement.agreedReadings[action] ?? (term === 'prohibited' ? 1 : term === 'permitted' ? 0 : 0.5);
}

/**
 * For each state, the actions the monitor can report to it at rung 0 (pause activities of its adversaries, and
 * their proxies' activities, in a domain the monitor covers), and what raising verification does to what it
 * perceives of each. Perceived violations a day from an action done at rate r, seen by the monitor with probability
 * v kappa (read at the agreed reading) or else by the observer's intelligence d0 (read at its own):
 *   r (1 + rung) [v kappa agreed + (1 - v kappa) d0 own],  so  d/dv = r kappa (1 + rung) (agreed - d0 own).
 * Spurious reports fall by spuriousRate x (1 + 1) per unit of verification. Detection lags and the stale lean
 * (which a monitor shortens) are left out: they only favour verification.
 */
export function verifiedReadings(s: CeasefireScenario): Record<string, VerifiedReading[]> {
  const out: Record<string, VerifiedReading[]> = {};
  const spec = s.agreement.specificity;
  const dyn = s.dynamics;
  for (const [obsId, obs] of Object.entries(s.actors)) {
    if (obs.kind !== 'state') continue;
    const rows: VerifiedReading[] = [];
    for (const [doerId, doer] of Object.entries(s.actors)) {
      // An action by state i (or a proxy of i) is perceived by i's adversaries (src/core/engine/phases/activities.ts).
      const patron = doer.kind === 'state' ? doer : doer.kind === 'proxy' ? s.actors[doer.patron] : undefined;
      if (patron?.kind !== 'state' || !patron.adversaries.includes(obsId)) continue;
      if (doer.kind !== 'state' && doer.kind !== 'proxy') continue;
      for (const [action, base] of Object.entries(doer.activities)) {
        const a = s.actions[action];
        const kappa = a ? (s.agreement.verification.coverage[a.domain] ?? 0) : 0;
        if (!a || !(base > 0) || !(kappa > 0)) continue;
        const permitted = s.agreement.terms[action] === 'permitted';
        const kinetic = a.rung >= 3;
        // A state's kinetic actions wait for its rung; a proxy's run at the patron's rung 0 (docs/model/activity.md).
        if (doer.kind === 'state' && kinetic) continue;
        const rate =
          doer.kind === 'state'
            ? stateActivityRate(base, permitted, doer.envelope, 0, dyn.rungActivityGain)
            : proxyActivityRate(
                base,
                doer.strength,
                permitted,
                doer.envelope,
                kinetic,
                0,
                dyn.proxyKineticBase,
                dyn.proxyKineticPerRung,
              );
        const agreed = agreedReadingOf(s, action);
        const listed = Object.hasOwn(obs.redlines, action);
        const own = effectiveRedline(spec, agreed, listed ? obs.redlines[action] : agreed);
        const d0 = ownDetection(obs.intelligence, a.visibility);
        rows.push({
          actor: doerId,
          action,
          agreed,
          own,
          listed,
          ownDetection: d0,
          perUnitVerification: rate * kappa * rungWeight(a.rung) * (agreed - d0 * own),
        });
      }
    }
    out[obsId] = rows;
  }
  return out;
}

const fmt = (x: number) => String(Math.round(x * 1000) / 1000);

/** Whether a lever or a framework moves the monitor (a path under agreement.verification). */
function verificationMoves(s: CeasefireScenario): string | undefined {
  for (const [name, l] of Object.entries(s.levers))
    if (l.paths.some((p) => p.startsWith('agreement.verification.'))) return `lever ${name}`;
  for (const [name, f] of Object.entries(s.frameworks))
    if (Object.keys(f.set).some((p) => p.startsWith('agreement.verification.'))) return `framework ${name}`;
  return undefined;
}

/**
 * Warning: for a state, a better monitor adds more perceived violations (the occurrences it reveals, read at the
 * agreed reading) than it removes (spurious reports), so raising verification can raise collapse, against the essay.
 * Verification lowers what a state perceives where agreed readings are below its private ones
 * (docs/scenario-reference.md, "Before you trust a new scenario").
 */
export function verificationWarnings(s: CeasefireScenario): ScenarioNote[] {
  const mover = verificationMoves(s);
  if (!mover) return [];
  const notes: ScenarioNote[] = [];
  for (const [obs, rows] of Object.entries(verifiedReadings(s))) {
    const spec = s.actors[obs] as StateSpec;
    const added = rows.reduce((t, r) => t + r.perUnitVerification, 0);
    const spurious = spec.spuriousRate * rungWeight(1);
    if (!(added > spurious)) continue;
    const top = rows
      .filter((r) => r.perUnitVerification > 0)
      .sort((a, b) => b.perUnitVerification - a.perUnitVerification)
      .slice(0, 4)
      .map(
        (r) =>
          `${r.action} by ${r.actor}: agreed ${fmt(r.agreed)}, own ${fmt(r.own)}${r.listed ? '' : ' (no redline of its own: read at the agreed reading)'}, seen alone ${fmt(r.ownDetection)}`,
      );
    notes.push({
      level: 'warning',
      path: `actors.${obs}.redlines`,
      message:
        `raising verification (${mover}) adds ${fmt(added)} rung-weighted violations a day per unit to what ${obs} perceives` +
        ` (the occurrences the monitor reveals, read at the agreed reading) and removes ${fmt(spurious)} (spurious reports),` +
        ` so it may raise collapse; mostly ${top.join('; ')}. Verification lowers what a state perceives where` +
        ` agreement.agreedReadings are below its private redlines, and lowers collapse when the mediator also enforces` +
        ` (docs/scenario-reference.md, "Before you trust a new scenario")`,
    });
  }
  return notes;
}

/**
 * The weights whose term is not identically zero for a role (src/core/engine/phases/utility.ts): a defender has no
 * proxy-degradation or readiness term, a revisionist no rearmament, burden or window term.
 */
const ROLE_WEIGHTS: Record<'defender' | 'revisionist', (keyof typeof DEFAULT_WEIGHTS)[]> = {
  defender: [
    'rlp',
    'pv',
    'rearmament',
    'preemption',
    'burden',
    'window',
    'credibility',
    'retaliation',
    'economic',
    'baseline',
  ],
  revisionist: ['pdr', 'rlp', 'pv', 'preemption', 'credibility', 'retaliation', 'economic', 'readiness', 'baseline'],
};

/**
 * Info: the weights a state's role uses that it leaves to the defaults. The defaults are calibrated to nothing (the
 * built-in scenario sets every weight its states use), and a defender on defaults collapses at once
 * (docs/scenario-reference.md, "Before you trust a new scenario").
 */
export function defaultedWeightNotes(s: CeasefireScenario): ScenarioNote[] {
  const notes: ScenarioNote[] = [];
  for (const [id, a] of Object.entries(s.actors)) {
    if (a.kind !== 'state') continue;
    const left = ROLE_WEIGHTS[a.role].filter((k) => a.weights[k] === undefined);
    if (!left.length) continue;
    notes.push({
      level: 'info',
      path: `actors.${id}.weights`,
      message:
        `${id} (${a.role}) leaves ${left.length} of the ${ROLE_WEIGHTS[a.role].length} weights its role uses to the defaults` +
        ` (${left.map((k) => `${k} ${DEFAULT_WEIGHTS[k]}`).join(', ')}): the defaults are calibrated to no scenario` +
        ` (docs/scenario-reference.md, "Before you trust a new scenario")`,
    });
  }
  return notes;
}

/**
 * Warning: a documented parameter on a path a lever also writes. Parameters set by path are applied after the
 * levers, so `--set PATH=V` with that lever moved would make the lever a no-op there; the CLI refuses the pair
 * (parameterLeverOverlaps), and the parameter's range and the lever's range describe one value twice
 * (docs/scenario-reference.md, "Before you trust a new scenario").
 */
export function parameterLeverOverlapWarnings(s: CeasefireScenario): ScenarioNote[] {
  const notes: ScenarioNote[] = [];
  for (const p of Object.keys(s.parameters)) {
    // In an arm that moves every lever: every lever on the path (the same test the refusals use).
    const levers = leverWrites(s, p, Object.keys(s.levers)).map((w) => `${w.lever} (${s.levers[w.lever].mode})`);
    if (!levers.length) continue;
    notes.push({
      level: 'warning',
      path: `parameters[${JSON.stringify(p)}]`,
      message:
        `the documented parameter ${p} is also a path of lever ${levers.join(' and lever ')}: setting both in one arm` +
        ` (--set ${p}=V where the lever is moved by --set, --vary, a sweep's --ranges, sensitivity's --levers or the framework, or has a default) is refused, since the value set by path would override` +
        ` the lever there; document the lever's range or the parameter's, not both, or keep them to separate runs` +
        ` (docs/scenario-reference.md, "Before you trust a new scenario")`,
    });
  }
  return notes;
}

export function scenarioNotes(s: CeasefireScenario): ScenarioNote[] {
  return [...verificationWarnings(s), ...defaultedWeightNotes(s), ...parameterLeverOverlapWarnings(s)];
}
