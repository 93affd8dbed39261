/**
 * The normalised Model as the WebAssembly kernel reads it (docs/kernel.md): a tape of doubles, per record its count
 * then its values, in the order kernel/day-loop.c's loadModel takes them. bench/day-loop-native/export.js writes the
 * same records as text for the native bench. kernelScope names what the kernel does not implement; such models run
 * in JavaScript.
 */
import { fluidTables } from '../../engagement/fluid.js';
import { SalvoSampler } from '../../engagement/salvo-sampler.js';
import type { Engagement } from '../../engagement/types.js';
import { keepsStrikeAccount } from '../kinetic.js';
import type { Model } from '../model.js';
import { STREAM_KEYS } from '../step.js';

/** The kernel's stream order (day-loop.c, enum S_*): the engine's must be this one. */
const KERNEL_STREAMS = [
  'attention',
  'activity',
  'perception',
  'decision',
  'kinetic',
  'enforcement',
  'attribution',
  'targeting',
  'signing',
  'relief',
];
/** day-loop.c's fixed sizes (MAX_STATES, MAX_TYPES). */
const MAX_STATES = 16;
const MAX_TYPES = 32;
/** The doctrines the kernel implements (day-loop.c, sample), by the code it reads. */
const KERNEL_DOCTRINE: Record<string, number> = { barrage: 0, 'shoot-look-shoot': 1 };

function engagementsOf(m: Model): Engagement[] {
  const out: Engagement[] = [];
  const add = (e: Engagement) => {
    if (!out.includes(e)) out.push(e);
  };
  for (const st of m.states) if (st.arsenal) for (const e of st.arsenal.against.values()) add(e);
  for (const p of m.proxies) if (p.attack) add(p.attack.engagement);
  return out;
}

/**
 * Why the kernel cannot run this model, or null when it can: the model uses something kernel/day-loop.c does not
 * implement (docs/kernel.md, "What it covers").
 */
export function kernelScope(m: Model): string | null {
  if (STREAM_KEYS.length !== KERNEL_STREAMS.length || STREAM_KEYS.some((k, i) => k !== KERNEL_STREAMS[i]))
    return "the engine's random streams are not the kernel's (kernel/day-loop.c is out of date)";
  if (m.states.length > MAX_STATES) return `${m.states.length} states (the kernel holds at most ${MAX_STATES})`;
  if (m.states.length === 0) return 'no states';
  if (!Number.isInteger(m.pdrWindowDays) || m.pdrWindowDays < 1)
    return `a proxy-degradation window of ${m.pdrWindowDays} days (the kernel keeps whole days)`;
  for (const st of m.states) {
    if (st.arsenal && st.arsenal.stocks.length > MAX_TYPES)
      return `state "${st.id}": ${st.arsenal.stocks.length} threat types (the kernel holds at most ${MAX_TYPES})`;
  }
  for (const e of engagementsOf(m)) {
    if (e.threats.length > MAX_TYPES)
      return `an engagement of ${e.threats.length} threat types (the kernel holds at most ${MAX_TYPES})`;
    for (const l of e.layers)
      if (KERNEL_DOCTRINE[l.doctrine] === undefined)
        return `layer "${l.name}": doctrine ${l.doctrine} (the kernel implements ${Object.keys(KERNEL_DOCTRINE).join(', ')})`;
  }
  return null;
}

/** The model's tape (kernel/day-loop.c, loadModel). Call only on a model within kernelScope. */
export function flattenModel(m: Model): Float64Array {
  const out: number[] = [];
  const put = (values: ArrayLike<number | boolean>) => {
    out.push(values.length);
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      out.push(typeof x === 'boolean' ? (x ? 1 : 0) : x);
    }
  };
  const one = (x: number) => put([x]);
  one(STREAM_KEYS.length);
  put(STREAM_KEYS.map((_, i) => i));
  const engagements = engagementsOf(m);
  const engIndex = (e: Engagement) => engagements.indexOf(e);
  one(m.states.length);
  one(m.proxies.length);
  one(m.actions.length);
  one(engagements.length);
  one(m.collapseRung);
  one(m.pdrWindowDays);
  const d = m.dynamics;
  put([
    d.envelopeWiden,
    d.envelopeNarrow,
    d.rungActivityGain,
    d.proxyKineticBase,
    d.proxyKineticPerRung,
    d.compressionPerRung,
    d.intelBoostDays,
    d.rearmDriftScale,
    d.legitimacyPerRetreat,
    d.hardlinerRetreatScale,
    d.factionPull,
    d.exhaustedProcurement,
    d.nextWaveBase,
    d.burdenMemoryDays,
    d.staleHalfDays,
    d.staleWorstCase,
    d.staleGapFill,
    d.aversionDelay,
    d.spoilerSurge,
    d.spoilerSurgeDays,
    d.incidentCycles,
    d.unagreedRung,
  ]);
  const ag = m.agreement;
  put([
    ag.verification,
    ag.faceSaving,
    ag.sanctionsRelief,
    ag.reliefWindowDays,
    ag.reliefRearmamentLimit,
    ag.termsUnagreed,
    ag.warRungRestart,
    ag.guarantee,
  ]);
  put(ag.coverage);
  const md = m.mediator.spec;
  put([
    md.commitment,
    md.domesticAversion,
    md.competingTheaters,
    md.attentionShockRate,
    md.attentionShockSize,
    md.attentionShockScale,
    md.attentionShockDays,
    md.responseDays,
    md.patienceDays,
    md.timelinessDays,
    md.threatTestShare,
    md.publicVisibility,
    md.credibilityGain,
    md.credibilityLoss,
    md.credibilityLearning,
    md.sanctionsPerEnforcement,
    md.deescalation,
    md.deescalationDecay,
  ]);
  for (const a of m.actions)
    put([
      a.rung,
      a.domain,
      a.visibility,
      a.classification,
      a.agreedReading,
      a.interceptors,
      a.readiness,
      a.intelligence,
      a.proxyStrength,
      a.supplyIntegrity,
      a.proxyTransfer,
      a.rearmament,
      a.salvoShare,
      a.isThreat,
    ]);
  for (const e of engagements) {
    put([e.threats.length, e.layers.length, e.trackCapacity, e.saturationPKillFactor]);
    put(e.threats.flatMap((t) => [t.reliability, t.wave, t.unitCostUsd]));
    put(e.layers.flatMap((l) => [l.tracking, KERNEL_DOCTRINE[l.doctrine], l.shots, l.channels, l.unitCostUsd]));
    const ft = fluidTables(e);
    put(ft.kill);
    put(ft.perThreat);
    const s = new SalvoSampler(e).tables();
    put(s.classKill);
    put(s.classPShot);
    put(s.minInventory);
  }
  for (const st of m.states) {
    const sp = st.spec;
    one(st.role === 'defender' ? 0 : 1);
    put(st.adversaries);
    put(st.proxies);
    put(st.activities.flatMap((a) => [a.action, a.ratePerDay]));
    put(st.redline);
    put(st.factionPower0);
    put(st.factionHardliner);
    put(st.termWeights);
    put([
      sp.intelligence,
      sp.retaliationPropensity,
      sp.spuriousRate,
      sp.beliefDrift,
      sp.beliefPrior,
      sp.beliefDecay,
      sp.beliefStep,
      sp.pvDecay,
      sp.detectionLagDays,
      sp.stepDownGap,
      sp.temperature,
      sp.envelope,
      sp.enforcementSeverity,
      sp.retaliationCost,
      sp.readiness,
      sp.readinessDecay,
      sp.hardlinerGrowth,
      sp.reliefDampening,
      sp.legitimacyDecay,
      sp.hardshipWeight,
    ]);
    put(sp.rungThresholds);
    const eco = sp.economy;
    put([
      eco.capital,
      eco.sanctions,
      eco.militaryShare,
      eco.militaryShareMax,
      eco.income,
      eco.spending,
      eco.leadTimePerSanctions,
      eco.sanctionsSeverity,
    ]);
    const pre = st.preemption;
    put([pre.leakerTolerance, pre.depletionWeight, pre.budgetUsdPerDay, pre.effectiveness]);
    if (st.defense) {
      put([st.defense.replenishPerDay, st.defense.stocksAtSigning]);
      put(st.defense.baseInventory);
    } else put([]);
    if (st.arsenal) {
      const ars = st.arsenal;
      put([ars.launchers, ars.campaignWaves]);
      put(ars.stocks);
      put(ars.launcherBound);
      put(ars.productionPerDay);
      put(ars.saturationSalvo);
      put([...ars.against.entries()].flatMap(([adv, e]) => [adv, engIndex(e)]));
    } else put([]);
  }
  for (const p of m.proxies) {
    const sp = p.spec;
    put([
      p.patron,
      p.target,
      sp.strength,
      sp.supplyIntegrity,
      sp.envelope,
      sp.value,
      sp.reconstitution,
      sp.supplyRecovery,
    ]);
    put(p.activities.flatMap((a) => [a.action, a.ratePerDay]));
    put(p.attack ? [engIndex(p.attack.engagement), ...p.attack.salvo] : []);
  }
  one(keepsStrikeAccount(m) ? 1 : 0);
  put([]);
  return Float64Array.from(out);
}
