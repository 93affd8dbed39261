// Exporter for the native day-loop reference (bench/day-loop-native.js): writes
// one arm's normalised Model, flattened to the numbers and arrays the day loop
// reads, as a text file of `key count values...` lines (numbers as JavaScript
// prints them: the shortest text that reads back to the same double), and the
// xoroshiro128+ states of every stream of every replicate as a binary file of
// little-endian 32-bit words. Model building and stream derivation stay in
// JavaScript (dist/): the C program reads their results, it does not port them.
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const DOCTRINE = { barrage: 0, 'shoot-look-shoot': 1 };

/**
 * The paths check's variant of a model (bench/day-loop-native.js --paths), changed in place before any run:
 * every layer the day loop fires through or plans against follows shoot-look-shoot with two shots, and the
 * mediator's attention shocks come at 30 a day, so the two paths the built-in arms never reach (shoot-look-shoot
 * engagements, the Poisson draw's gamma split above 30) are taken. Not a scenario anyone runs: a test of the port.
 */
export function pathsVariant(model) {
  const layers = new Set();
  for (const st of model.states)
    if (st.arsenal) for (const e of st.arsenal.against.values()) e.layers.forEach((l) => layers.add(l));
  for (const p of model.proxies) if (p.attack) p.attack.engagement.layers.forEach((l) => layers.add(l));
  for (const l of layers) {
    l.doctrine = 'shoot-look-shoot';
    l.shots = 2;
  }
  const med = model.mediator.spec;
  model.mediator.spec = { ...med, attentionShockRate: 30 / med.competingTheaters };
  return model;
}

/** Load the JavaScript side of one arm from a build: the model, runCeasefire and the stream derivation. */
export async function loadArm(dist, fw, { variant = false } = {}) {
  const at = (p) => pathToFileURL(path.resolve(dist, p)).href;
  const app = await import(at('app/scenario.js'));
  const { runCeasefire, makeStreams } = await import(at('core/engine/run.js'));
  const { deriveStreamStates } = await import(at('core/rng/stream.js'));
  const { STREAM_KEYS } = await import(at('core/engine/step.js'));
  const { fluidTables } = await import(at('core/engagement/fluid.js'));
  const { SalvoSampler } = await import(at('core/engagement/salvo-sampler.js'));
  const { keepsStrikeAccount } = await import(at('core/engine/kinetic.js'));
  const loaded = app.loadScenario();
  const model = app.modelFor(loaded, app.resolveArm(loaded, fw, {}));
  // Before any run: the engagements' tables (fluid pass, sampler) are built at first use and kept.
  if (variant) pathsVariant(model);
  return {
    model,
    runCeasefire,
    makeStreams,
    deriveStreamStates,
    STREAM_KEYS,
    fluidTables,
    SalvoSampler,
    keepsStrikeAccount,
  };
}

/** The model as `key count values...` lines, in the order the C reader expects (day-loop.c, readModel). */
export function modelText(js) {
  const { model: m, fluidTables, SalvoSampler, STREAM_KEYS } = js;
  const lines = [];
  const put = (key, values) => {
    const xs = Array.from(values, (x) => (typeof x === 'boolean' ? (x ? 1 : 0) : x));
    for (const x of xs) if (typeof x !== 'number') throw new Error(`${key}: not a number: ${x}`);
    lines.push(`${key} ${xs.length} ${xs.map((x) => String(x)).join(' ')}`.trimEnd());
  };
  const one = (key, x) => put(key, [x]);
  one('streams', STREAM_KEYS.length);
  put('streamKeys', []);
  lines[lines.length - 1] = `streamKeys ${STREAM_KEYS.length} ${STREAM_KEYS.join(' ')}`;
  // Engagements fired through (each arsenal's against its adversaries, each proxy's attack), deduplicated.
  const engagements = [];
  const engIndex = (e) => {
    let i = engagements.indexOf(e);
    if (i < 0) i = engagements.push(e) - 1;
    return i;
  };
  for (const st of m.states) if (st.arsenal) for (const e of st.arsenal.against.values()) engIndex(e);
  for (const p of m.proxies) if (p.attack) engIndex(p.attack.engagement);

  one('states', m.states.length);
  one('proxies', m.proxies.length);
  one('actions', m.actions.length);
  one('engagements', engagements.length);
  one('collapseRung', m.collapseRung);
  one('pdrWindowDays', m.pdrWindowDays);
  const d = m.dynamics;
  const DYN = [
    'envelopeWiden',
    'envelopeNarrow',
    'rungActivityGain',
    'proxyKineticBase',
    'proxyKineticPerRung',
    'compressionPerRung',
    'intelBoostDays',
    'rearmDriftScale',
    'legitimacyPerRetreat',
    'hardlinerRetreatScale',
    'factionPull',
    'exhaustedProcurement',
    'nextWaveBase',
    'burdenMemoryDays',
    'staleHalfDays',
    'staleWorstCase',
    'staleGapFill',
    'aversionDelay',
    'spoilerSurge',
    'spoilerSurgeDays',
    'incidentCycles',
    'unagreedRung',
  ];
  put(
    'dynamics',
    DYN.map((k) => d[k]),
  );
  const ag = m.agreement;
  put('agreement', [
    ag.verification,
    ag.faceSaving,
    ag.sanctionsRelief,
    ag.reliefWindowDays,
    ag.reliefRearmamentLimit,
    ag.termsUnagreed,
    ag.warRungRestart,
    ag.guarantee,
  ]);
  put('coverage', ag.coverage);
  const md = m.mediator.spec;
  const MED = [
    'commitment',
    'domesticAversion',
    'competingTheaters',
    'attentionShockRate',
    'attentionShockSize',
    'attentionShockScale',
    'attentionShockDays',
    'responseDays',
    'patienceDays',
    'timelinessDays',
    'threatTestShare',
    'publicVisibility',
    'credibilityGain',
    'credibilityLoss',
    'credibilityLearning',
    'sanctionsPerEnforcement',
    'deescalation',
    'deescalationDecay',
  ];
  put(
    'mediator',
    MED.map((k) => md[k]),
  );
  for (const a of m.actions)
    put('action', [
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
    const T = e.threats.length;
    const L = e.layers.length;
    put('engagement', [T, L, e.trackCapacity, e.saturationPKillFactor]);
    put(
      'threats',
      e.threats.flatMap((t) => [t.reliability, t.wave, t.unitCostUsd]),
    );
    put(
      'layers',
      e.layers.flatMap((l) => [l.tracking, DOCTRINE[l.doctrine], l.shots, l.channels, l.unitCostUsd]),
    );
    for (const l of e.layers) if (DOCTRINE[l.doctrine] === undefined) throw new Error(`doctrine ${l.doctrine}`);
    const ft = fluidTables(e);
    put('fluidKill', ft.kill);
    put('fluidPerThreat', ft.perThreat);
    // The sampler's own tables (its private fields, read as they are: the same doubles it uses).
    const s = new SalvoSampler(e);
    put('classKill', s.classKill);
    put('classPShot', s.classPShot);
    put('minInventory', s.minInventory);
  }
  const SPEC = [
    'intelligence',
    'retaliationPropensity',
    'spuriousRate',
    'beliefDrift',
    'beliefPrior',
    'beliefDecay',
    'beliefStep',
    'pvDecay',
    'detectionLagDays',
    'stepDownGap',
    'temperature',
    'envelope',
    'enforcementSeverity',
    'retaliationCost',
    'readiness',
    'readinessDecay',
    'hardlinerGrowth',
    'reliefDampening',
    'legitimacyDecay',
    'hardshipWeight',
  ];
  const ECO = [
    'capital',
    'sanctions',
    'militaryShare',
    'militaryShareMax',
    'income',
    'spending',
    'leadTimePerSanctions',
    'sanctionsSeverity',
  ];
  for (const st of m.states) {
    one('state', st.role === 'defender' ? 0 : 1);
    put('adversaries', st.adversaries);
    put('ownProxies', st.proxies);
    put(
      'activities',
      st.activities.flatMap((a) => [a.action, a.ratePerDay]),
    );
    put('redline', st.redline);
    put('factionPower0', st.factionPower0);
    put('factionHardliner', st.factionHardliner);
    put('termWeights', st.termWeights);
    put(
      'spec',
      SPEC.map((k) => st.spec[k]),
    );
    put('rungThresholds', st.spec.rungThresholds);
    put(
      'economy',
      ECO.map((k) => st.spec.economy[k]),
    );
    const pre = st.preemption;
    put('preemption', [pre.leakerTolerance, pre.depletionWeight, pre.budgetUsdPerDay, pre.effectiveness]);
    if (st.defense) {
      put('defense', [st.defense.replenishPerDay, st.defense.stocksAtSigning]);
      put('baseInventory', st.defense.baseInventory);
    } else put('defense', []);
    if (st.arsenal) {
      const ars = st.arsenal;
      put('arsenal', [ars.launchers, ars.campaignWaves]);
      put('stocks', ars.stocks);
      put('launcherBound', ars.launcherBound);
      put('productionPerDay', ars.productionPerDay);
      put('saturationSalvo', ars.saturationSalvo);
      put(
        'against',
        [...ars.against.entries()].flatMap(([adv, e]) => [adv, engIndex(e)]),
      );
    } else put('arsenal', []);
  }
  for (const p of m.proxies) {
    const sp = p.spec;
    put('proxy', [
      p.patron,
      p.target,
      sp.strength,
      sp.supplyIntegrity,
      sp.envelope,
      sp.value,
      sp.reconstitution,
      sp.supplyRecovery,
    ]);
    put(
      'activities',
      p.activities.flatMap((a) => [a.action, a.ratePerDay]),
    );
    if (p.attack) put('attack', [engIndex(p.attack.engagement), ...p.attack.salvo]);
    else put('attack', []);
  }
  // Whether the outcome carries defenderStrikes (run.ts): some salvo can be fired at a revisionist.
  one('defenderStrikes', js.keepsStrikeAccount(m) ? 1 : 0);
  lines.push('end 0');
  return lines.join('\n') + '\n';
}

/**
 * The stream states of replicates [0, warm) of seed `warmSeed` then [0, runs) of seed `seed`: a header of two
 * words (warm, runs), then per replicate the four words of each stream in STREAM_KEYS order, as pure-rand's
 * xoroshiro128plusFromState takes them.
 */
export function streamWords(js, { seed, runs, warmSeed, warm }) {
  const K = js.STREAM_KEYS.length;
  const out = new Uint32Array(2 + (warm + runs) * K * 4);
  out[0] = warm;
  out[1] = runs;
  let o = 2;
  const add = (s, r) => {
    for (const words of js.deriveStreamStates(s, [r], js.STREAM_KEYS)) for (const w of words) out[o++] = w >>> 0;
  };
  for (let r = 0; r < warm; r++) add(warmSeed, r);
  for (let r = 0; r < runs; r++) add(seed, r);
  return out;
}

export function exportArm(js, dir, fw, opts) {
  const modelFile = path.join(dir, `${fw}.model`);
  const streamFile = path.join(dir, `${fw}.streams`);
  writeFileSync(modelFile, modelText(js));
  const words = streamWords(js, opts);
  // Little-endian on disk whatever the machine (the C reader assembles words from bytes).
  const bytes = Buffer.alloc(words.length * 4);
  for (let i = 0; i < words.length; i++) bytes.writeUInt32LE(words[i], 4 * i);
  writeFileSync(streamFile, bytes);
  return { modelFile, streamFile };
}
