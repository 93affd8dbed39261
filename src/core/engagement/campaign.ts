/**
 * A campaign: one salvo a day drawn from the attacker's launchers and stocks
 * against inventories that deplete and refill (docs/model/reference.md 3.9).
 *
 * Each day of each replicate: the plan asks for a salvo; launcher-bound types
 * (ballistic, cruise by default) share launch capacity launchers x rate, scaled
 * down pro rata when the plan asks for more; every type is capped by its stock.
 * The salvo is sampled against current inventories (salvo-sampler.ts); then
 * launchers are lost to counter-strikes (Binomial(launchers, lossRate)) and
 * inventories grow by production and allied resupply (fractional per-day rates
 * accumulate; only whole interceptors can be fired).
 *
 * Replicate r uses stream (seed, "campaign", r): results do not depend on how
 * replicates are split across workers.
 */
import { quantileSorted } from '../analysis/quantile.js';
import { binomial } from '../rng/binomial.js';
import { Stream } from '../rng/stream.js';
import { knownThreatTypes, layerNamesAreUnique, layersReferToKnownThreatTypes } from './rules.js';
import type { Problem } from '../scenario/problems.js';
import { doctrineOf } from './doctrine/index.js';
import { normalizeEngagement } from './normalize.js';
import { SalvoSampler } from './salvo-sampler.js';
import type { CampaignSpec } from './campaign-schema.js';
import type { DefenseProfile, EngagementSpec } from './schema.js';
import type { Engagement } from './types.js';
import { depletion, waveFear } from '../model/preemption.js';

export interface Campaign {
  days: number;
  /** Threat types in arrival order, with the largest salvo the plan asks for. */
  engagement: Engagement;
  stocks: number[];
  launcherBound: boolean[];
  launchers: number;
  launchesPerLauncherPerDay: number;
  launcherLossPerDay: number;
  /** plan[day - 1][type]: requested launches. */
  plan: number[][];
  production: number[];
  resupplyPerDay: number[];
  resupplyFromDay: number[];
  resupplyTotal: number[];
  /** The defender's test for switching to pre-emption (docs/model/engagement.md, "Campaigns"). */
  preemption: CampaignPreemption;
}

/**
 * The pre-emption test: `fear` is the ceasefire engine's measure (expected
 * leakers / leakerTolerance + depletionWeight x depletion, docs/model/preemption.md);
 * `share` is the earlier scale-free test (expected leakers against a share of
 * the day's launches), kept for files that set only zeroPenetrationTolerance.
 */
export type CampaignPreemption =
  | { measure: 'fear'; leakerTolerance: number; depletionWeight: number }
  | { measure: 'share'; zeroPenetrationTolerance: number };

export interface CampaignDay {
  day: number;
  launched: Record<string, number>;
  leakersMean: number;
  /** Share of replicates with at least one leaker this day. */
  pLeak: number;
  interceptorsLeft: Record<string, { mean: number; p05: number; p95: number }>;
  interceptorsUsed: Record<string, number>;
  launchersLeft: number;
  costUsd: { attacker: number; defender: number };
  /** Threats that fly this day (launched x reliability), mean over replicates. */
  flyingMean: number;
  /** Finite interceptor stocks on hand before this day's salvo, mean over replicates. */
  finiteStocksMean: number;
  /** The day's pre-emption test value (the campaign's measure); pre-emption pressure starts when it exceeds 1. */
  fear: number;
}

export interface CampaignReport {
  replicates: number;
  seed: number;
  days: CampaignDay[];
  /** Per layer: how many replicates ran dry on each day (index 0 = day 1), and never. */
  dryDay: Record<string, { byDay: number[]; never: number; median: number | null; pDryByEnd: number }>;
  totals: { leakersMean: number; attackerUsd: number; defenderUsd: number; exchangeRatio: number };
  /** First day on which the day's fear exceeds 1 (the campaign's pre-emption test), or null. */
  preemptionDay: number | null;
  /** The test applied, with its tolerances. */
  preemption: CampaignPreemption;
  /** The share tolerance when the test is the earlier `share` one, else null. */
  zeroPenetrationTolerance: number | null;
}

export function checkCampaignRules(spec: CampaignSpec, profile?: DefenseProfile): Problem[] {
  const known = knownThreatTypes(spec);
  const problems: Problem[] = [];
  if (spec.defense !== undefined && spec.layers !== undefined)
    problems.push({ path: 'layers', expected: 'either defense: NAME or layers, not both', found: 'both' });
  if (spec.defense === undefined && spec.layers === undefined)
    problems.push({ path: 'layers', expected: 'a list of layers, or defense: NAME', found: 'neither' });
  if (spec.layers)
    problems.push(...layersReferToKnownThreatTypes(spec.layers, known), ...layerNamesAreUnique(spec.layers));
  const layerNames = new Set((spec.layers ?? profile?.layers ?? []).map((l) => l.name));
  for (const t of Object.keys(spec.attacker.stocks))
    if (!known.has(t))
      problems.push({ path: `attacker.stocks.${t}`, expected: 'a known threat type', found: JSON.stringify(t) });
  (spec.attacker.launcherTypes ?? []).forEach((t, i) => {
    if (!known.has(t))
      problems.push({
        path: `attacker.launcherTypes[${i}]`,
        expected: 'a known threat type',
        found: JSON.stringify(t),
      });
  });
  spec.plan.forEach((entry, i) => {
    for (const t of Object.keys(entry.salvo))
      if (!known.has(t))
        problems.push({ path: `plan[${i}].salvo.${t}`, expected: 'a known threat type', found: JSON.stringify(t) });
    if (entry.toDay !== undefined && entry.toDay < entry.fromDay)
      problems.push({
        path: `plan[${i}].toDay`,
        expected: `a day >= fromDay (${entry.fromDay})`,
        found: String(entry.toDay),
      });
    if (entry.fromDay > spec.days)
      problems.push({
        path: `plan[${i}].fromDay`,
        expected: `a day within the campaign (1..${spec.days})`,
        found: String(entry.fromDay),
      });
  });
  for (const [section, map] of [
    ['production', spec.defender?.production],
    ['resupply', spec.defender?.resupply],
  ] as const) {
    for (const name of Object.keys(map ?? {})) {
      if (!layerNames.has(name))
        problems.push({
          path: `defender.${section}[${JSON.stringify(name)}]`,
          expected: `a layer name (${[...layerNames].join(', ')})`,
          found: JSON.stringify(name),
        });
    }
  }
  return problems;
}

export function normalizeCampaign(spec: CampaignSpec, profile?: DefenseProfile): Campaign {
  const days = spec.days;
  const maxSalvo: Record<string, number> = {};
  for (const entry of spec.plan)
    for (const [t, n] of Object.entries(entry.salvo)) maxSalvo[t] = Math.max(maxSalvo[t] ?? 0, n);
  const engSpec: EngagementSpec = {
    salvo: maxSalvo,
    threats: spec.threats,
    arrivalOrder: spec.arrivalOrder,
    warningMinutes: spec.warningMinutes,
    layers: spec.layers,
    trackCapacity: spec.trackCapacity,
    saturationPKillFactor: spec.saturationPKillFactor,
  };
  const engagement = normalizeEngagement(engSpec, profile);
  const types = engagement.threats.map((t) => t.type);
  const plan: number[][] = [];
  for (let d = 1; d <= days; d++) {
    // Later entries override earlier ones for the days they cover.
    let salvo: Record<string, number> = {};
    for (const entry of spec.plan) if (d >= entry.fromDay && d <= (entry.toDay ?? days)) salvo = entry.salvo;
    plan.push(types.map((t) => salvo[t] ?? 0));
  }
  const launcherTypes = new Set(spec.attacker.launcherTypes ?? ['ballistic', 'cruise']);
  const layerIndex = (name: string) => engagement.layers.findIndex((l) => l.name === name);
  const production = engagement.layers.map(() => 0);
  const resupplyPerDay = engagement.layers.map(() => 0);
  const resupplyFromDay = engagement.layers.map(() => 1);
  const resupplyTotal = engagement.layers.map(() => Infinity);
  for (const [name, rate] of Object.entries(spec.defender?.production ?? {})) production[layerIndex(name)] = rate;
  for (const [name, r] of Object.entries(spec.defender?.resupply ?? {})) {
    const i = layerIndex(name);
    resupplyPerDay[i] = r.perDay;
    resupplyFromDay[i] = r.fromDay ?? 1;
    resupplyTotal[i] = r.total ?? Infinity;
  }
  return {
    days,
    engagement,
    stocks: types.map((t) => spec.attacker.stocks[t] ?? 0),
    launcherBound: types.map((t) => launcherTypes.has(t)),
    launchers: spec.attacker.launchers,
    launchesPerLauncherPerDay: spec.attacker.launchesPerLauncherPerDay ?? 1,
    launcherLossPerDay: spec.attacker.launcherLossPerDay ?? 0,
    plan,
    production,
    resupplyPerDay,
    resupplyFromDay,
    resupplyTotal,
    preemption: preemptionTest(spec),
  };
}

/**
 * The ceasefire engine's measure unless the file sets only the earlier share
 * tolerance (a file written for it keeps its meaning, and says so in the report).
 */
function preemptionTest(spec: CampaignSpec): CampaignPreemption {
  const d = spec.defender;
  if (d?.zeroPenetrationTolerance !== undefined && d.leakerTolerance === undefined && d.depletionWeight === undefined)
    return { measure: 'share', zeroPenetrationTolerance: d.zeroPenetrationTolerance };
  return { measure: 'fear', leakerTolerance: d?.leakerTolerance ?? 20, depletionWeight: d?.depletionWeight ?? 1 };
}

/** The day's pre-emption test value: above 1, the defender's tolerance is exceeded. */
export function campaignFear(p: CampaignPreemption, leakers: number, launched: number, flying: number, finite: number) {
  if (p.measure === 'share') return launched > 0 ? leakers / (p.zeroPenetrationTolerance * launched) : 0;
  return waveFear(leakers, p.leakerTolerance, flying > 0 ? depletion(flying, finite) : 0, p.depletionWeight);
}

/** The salvo a day's plan can actually launch, given stocks and launchers. */
export function feasibleSalvo(
  requested: readonly number[],
  stocks: readonly number[],
  launcherBound: readonly boolean[],
  launchCapacity: number,
): number[] {
  const bound = requested.reduce((s, n, t) => s + (launcherBound[t] ? Math.min(n, stocks[t]) : 0), 0);
  const scale = bound > launchCapacity ? launchCapacity / bound : 1;
  return requested.map((n, t) => {
    const wanted = Math.min(n, stocks[t]);
    return launcherBound[t] ? Math.floor(wanted * scale) : wanted;
  });
}

export function runCampaign(c: Campaign, replicates: number, seed: number): CampaignReport {
  const e = c.engagement;
  const T = e.threats.length;
  const L = e.layers.length;
  const D = c.days;
  const sampler = new SalvoSampler(e);
  const invLeft = new Float64Array(replicates * D * L);
  const usedSum = new Float64Array(D * L);
  const leakSum = new Float64Array(D);
  const leakAny = new Float64Array(D);
  const launchedSum = new Float64Array(D * T);
  const launchersSum = new Float64Array(D);
  const attackerUsd = new Float64Array(D);
  const defenderUsd = new Float64Array(D);
  const flyingSum = new Float64Array(D);
  const finiteSum = new Float64Array(D);
  const dryCounts = e.layers.map(() => new Array<number>(D).fill(0));
  const minPerEngagement = e.layers.map((l) => doctrineOf(l).minInventory(l.shots));
  const inventory = new Float64Array(L);
  const delivered = new Float64Array(L);
  const dry = new Uint8Array(L);
  for (let r = 0; r < replicates; r++) {
    const rng = Stream.derive(seed, 'campaign', r);
    const stocks = c.stocks.slice();
    let launchers = c.launchers;
    for (let l = 0; l < L; l++) {
      inventory[l] = e.layers[l].inventory;
      delivered[l] = 0;
      dry[l] = 0;
    }
    for (let d = 0; d < D; d++) {
      const salvo = feasibleSalvo(c.plan[d], stocks, c.launcherBound, launchers * c.launchesPerLauncherPerDay);
      const whole = Array.from(inventory, (x) => Math.floor(x));
      for (let l = 0; l < L; l++) if (Number.isFinite(inventory[l])) finiteSum[d] += inventory[l];
      for (let t = 0; t < T; t++) flyingSum[d] += salvo[t] * e.threats[t].reliability;
      sampler.sample(rng, whole, salvo);
      let leak = 0;
      for (let t = 0; t < T; t++) {
        stocks[t] -= salvo[t];
        leak += sampler.leaked[t];
        launchedSum[d * T + t] += salvo[t];
        attackerUsd[d] += salvo[t] * e.threats[t].unitCostUsd;
      }
      leakSum[d] += leak;
      if (leak > 0) leakAny[d]++;
      launchers -= binomial(rng, launchers, c.launcherLossPerDay);
      launchersSum[d] += launchers;
      for (let l = 0; l < L; l++) {
        const used = sampler.used[l];
        inventory[l] -= used;
        usedSum[d * L + l] += used;
        defenderUsd[d] += used * e.layers[l].unitCostUsd;
        // Dry: cannot mount one more engagement before tonight's deliveries.
        if (!dry[l] && Number.isFinite(inventory[l]) && inventory[l] < minPerEngagement[l]) {
          dry[l] = 1;
          dryCounts[l][d]++;
        }
        let add = c.production[l];
        if (d + 1 >= c.resupplyFromDay[l] && delivered[l] < c.resupplyTotal[l]) {
          const r2 = Math.min(c.resupplyPerDay[l], c.resupplyTotal[l] - delivered[l]);
          delivered[l] += r2;
          add += r2;
        }
        inventory[l] += add;
        invLeft[(r * D + d) * L + l] = inventory[l];
      }
    }
  }
  const days: CampaignDay[] = [];
  const column = new Float64Array(replicates);
  for (let d = 0; d < D; d++) {
    const launched: Record<string, number> = {};
    e.threats.forEach((t, i) => (launched[t.type] = launchedSum[d * T + i] / replicates));
    const interceptorsLeft: CampaignDay['interceptorsLeft'] = {};
    const interceptorsUsed: Record<string, number> = {};
    e.layers.forEach((layer, l) => {
      for (let r = 0; r < replicates; r++) column[r] = invLeft[(r * D + d) * L + l];
      column.sort();
      let mean = 0;
      for (let r = 0; r < replicates; r++) mean += column[r];
      interceptorsLeft[layer.name] = {
        mean: mean / replicates,
        p05: quantileSorted(column, 0.05),
        p95: quantileSorted(column, 0.95),
      };
      interceptorsUsed[layer.name] = usedSum[d * L + l] / replicates;
    });
    const leakersMean = leakSum[d] / replicates;
    const flyingMean = flyingSum[d] / replicates;
    const finiteStocksMean = finiteSum[d] / replicates;
    const launchedTotal = Object.values(launched).reduce((a, x) => a + x, 0);
    days.push({
      day: d + 1,
      launched,
      leakersMean,
      pLeak: leakAny[d] / replicates,
      interceptorsLeft,
      interceptorsUsed,
      launchersLeft: launchersSum[d] / replicates,
      costUsd: { attacker: attackerUsd[d] / replicates, defender: defenderUsd[d] / replicates },
      flyingMean,
      finiteStocksMean,
      fear: campaignFear(c.preemption, leakersMean, launchedTotal, flyingMean, finiteStocksMean),
    });
  }
  const dryDay: CampaignReport['dryDay'] = {};
  e.layers.forEach((layer, l) => {
    const byDay = dryCounts[l];
    const dried = byDay.reduce((s, x) => s + x, 0);
    let median: number | null = null;
    let acc = 0;
    for (let d = 0; d < D; d++) {
      acc += byDay[d];
      if (acc * 2 >= replicates) {
        median = d + 1;
        break;
      }
    }
    dryDay[layer.name] = { byDay, never: replicates - dried, median, pDryByEnd: dried / replicates };
  });
  const attackerTotal = attackerUsd.reduce((s, x) => s + x, 0) / replicates;
  const defenderTotal = defenderUsd.reduce((s, x) => s + x, 0) / replicates;
  // Not P(at least one leaker), which is 1 for any large salvo whatever the stocks (docs/model/preemption.md).
  const pre = days.find((d) => d.fear > 1);
  return {
    replicates,
    seed,
    days,
    dryDay,
    totals: {
      leakersMean: leakSum.reduce((s, x) => s + x, 0) / replicates,
      attackerUsd: attackerTotal,
      defenderUsd: defenderTotal,
      // As for one salvo (engage.ts): unbounded when only the defender pays.
      exchangeRatio: attackerTotal > 0 ? defenderTotal / attackerTotal : defenderTotal > 0 ? Infinity : 0,
    },
    preemptionDay: pre ? pre.day : null,
    preemption: c.preemption,
    zeroPenetrationTolerance: c.preemption.measure === 'share' ? c.preemption.zeroPenetrationTolerance : null,
  };
}
