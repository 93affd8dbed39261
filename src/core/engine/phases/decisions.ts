/**
 * Phases 8-9, decisions and collapse: ordered-logit rung steps (more per day
 * at rungs >= 3: decision-cycle compression), then the mediator's
 * de-escalation window; the first state at the collapse rung ends the
 * ceasefire (docs/model/decision.md, activity.md, redlines.md).
 */
import { decisionCycles } from '../../model/activity.js';
import { decideStep } from '../../model/decision.js';
import { incidentDecisions } from '../../model/early-failure.js';
import { deescalationProbability } from '../../model/redlines.js';
import type { Stream } from '../../rng/stream.js';
import type { Model } from '../model.js';
import type { World } from '../state.js';

export interface CollapseInfo {
  state: number;
  day: number;
}

export function decisions(m: Model, w: World, rng: Stream): CollapseInfo | null {
  const med = m.mediator.spec;
  let crosser = -1;
  let margin = -Infinity;
  for (const st of m.states) {
    const rt = w.states[st.index];
    const spec = st.spec;
    const cycles = incidentDecisions(
      decisionCycles(rt.rung, m.dynamics.compressionPerRung),
      rt.incidentToday,
      m.dynamics.incidentCycles,
    );
    for (let c = 0; c < cycles && rt.rung < m.collapseRung; c++) {
      const step = decideStep(rt.eu, rt.rung, spec.rungThresholds, spec.stepDownGap, spec.temperature, rng.uniform());
      if (step === 0) continue;
      const from = rt.rung;
      rt.rung = Math.max(0, rt.rung + step);
      w.events?.push({
        day: w.day,
        kind: 'rung',
        actor: st.id,
        action: step > 0 ? 'step-up' : 'step-down',
        rung: rt.rung,
        perceivedAsViolationBy: [],
        note: `rung ${from} -> ${rt.rung}, EU ${rt.eu.toFixed(3)}`,
      });
    }
    if (rt.rung >= m.collapseRung) {
      const mgn = rt.eu - spec.rungThresholds[Math.min(m.collapseRung - 1, spec.rungThresholds.length - 1)];
      if (mgn > margin) {
        margin = mgn;
        crosser = st.index;
      }
    } else if (
      rt.rung > 0 &&
      rng.uniform() < deescalationProbability(med.deescalation, rt.credibility, med.deescalationDecay, rt.rung)
    ) {
      rt.rung--;
      w.events?.push({
        day: w.day,
        kind: 'mediated-step-down',
        actor: st.id,
        action: 'mediated-step-down',
        rung: rt.rung,
        perceivedAsViolationBy: [],
        note: `${m.mediator.id} brokered a step down`,
      });
    }
  }
  if (crosser < 0) return null;
  return { state: crosser, day: w.day };
}
