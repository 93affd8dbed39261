/**
 * The ceasefire scenario format (docs/model/). Every parameter has
 * a description (with unit) and a default; bounds are in the schema. Where a
 * default comes from the world, the built-in scenario file cites its source.
 */
import { z } from 'zod';
import { count, nonNegative, probability, ratePerDay, text, unitInterval } from './fields.js';
import { salvoSchema, threatSpecSchema } from '../engagement/schema.js';

export const DOMAINS = ['buffer-zone', 'supply-route', 'rearmament', 'surveillance', 'kinetic', 'rhetoric'] as const;
export type Domain = (typeof DOMAINS)[number];
export const CLASSIFICATIONS = ['prohibited', 'permitted', 'ambiguous'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

const d = <T extends z.ZodType>(schema: T, description: string) => schema.describe(description);
const real = (what = 'a number') => z.number({ error: what }).refine(Number.isFinite, { error: what });

/** What an action does when it happens once. Signs and targets are fixed by the field. */
export const effectsSchema = z
  .object({
    interceptors: d(
      unitInterval('a fraction in [0, 1]'),
      'share of the base interceptor inventory restored (actor is a defender)',
    ).optional(),
    readiness: d(unitInterval('a fraction in [0, 1]'), 'air-defence readiness restored, toward 1').optional(),
    intelligence: d(
      unitInterval('a fraction in [0, 1]'),
      "temporary boost to the actor's own detection, decays over 30 days",
    ).optional(),
    proxyStrength: d(
      unitInterval('a fraction in [0, 1]'),
      "share of an adversary proxy's strength destroyed",
    ).optional(),
    supplyIntegrity: d(
      unitInterval('a fraction in [0, 1]'),
      "share of an adversary proxy's supply-line integrity destroyed",
    ).optional(),
    proxyTransfer: d(
      unitInterval('a fraction in [0, 1]'),
      "share of the gap to full strength restored to the actor's proxies, times supply integrity",
    ).optional(),
    rearmament: d(
      unitInterval('a fraction in [0, 1]'),
      'share of the gap to full military readiness rebuilt by the actor (times its procurement factor)',
    ).optional(),
  })
  .strict();

export const actionSchema = z
  .object({
    name: text().optional(),
    description: text().optional(),
    rung: d(
      z
        .number({ error: 'a rung 0-5' })
        .int({ error: 'a rung 0-5' })
        .min(0, { error: 'a rung 0-5' })
        .max(5, { error: 'a rung 0-5' }),
      'escalation rung of the action (0 compliance .. 5 sustained war)',
    ),
    domain: z.enum(DOMAINS, { error: `one of ${DOMAINS.join(', ')}` }),
    visibility: d(probability(), "base probability that an observer's own intelligence sees one occurrence"),
    effects: effectsSchema.optional(),
    salvoShare: d(
      unitInterval('a fraction in [0, 1]'),
      "kinetic actions: share of the actor's saturation salvo fired",
    ).optional(),
  })
  .strict();

const weightsSchema = z
  .object({
    pdr: nonNegative().optional(),
    rlp: nonNegative().optional(),
    pv: nonNegative().optional(),
    rearmament: nonNegative().optional(),
    preemption: nonNegative().optional(),
    burden: nonNegative().optional(),
    window: nonNegative().optional(),
    credibility: nonNegative().optional(),
    retaliation: nonNegative().optional(),
    economic: nonNegative().optional(),
    readiness: nonNegative().optional(),
    baseline: nonNegative().optional(),
  })
  .strict();

export const factionSchema = z
  .object({
    name: text().optional(),
    power: d(
      z.number({ error: 'a power share > 0' }).positive({ error: 'a power share > 0' }),
      'share of decision power; shares are normalised to sum to 1',
    ),
    hardliner: z.boolean({ error: 'true or false' }).optional(),
    weights: d(weightsSchema, "multipliers on the state's term weights for this faction").optional(),
  })
  .strict();

const economySchema = z
  .object({
    capital: d(nonNegative(), 'capital stock, index (1 = start)').default(1),
    income: d(nonNegative(), 'income per day before sanctions, share of capital').default(0.001),
    spending: d(nonNegative(), 'civil spending per day, share of initial capital').default(0.0009),
    sanctions: d(
      unitInterval('a sanctions level in [0, 1]'),
      'sanctions level: share of income lost (1 = maximum pressure)',
    ).default(0),
    militaryShare: d(unitInterval(), 'military share of spending at no security gap').default(0.05),
    militaryShareMax: d(unitInterval(), 'military share at an existential security gap').default(0.2),
    leadTimePerSanctions: d(
      nonNegative(),
      'procurement lead-time multiplier per unit of sanctions (slows, never caps)',
    ).default(2),
    sanctionsSeverity: d(nonNegative(), 'restraint per unit of sanctions still to come (marginal punishment)').default(
      1,
    ),
  })
  .strict();

const stateFields = {
  role: z.enum(['defender', 'revisionist'], { error: '"defender" or "revisionist"' }),
  adversaries: z.array(z.string(), { error: 'a list of actor ids' }).min(1, { error: 'at least one adversary' }),
  intelligence: d(probability(), "own intelligence: multiplies an action's visibility").default(0.6),
  retaliationPropensity: d(probability(), 'probability of answering a perceived violation itself at rung < 2').default(
    0.2,
  ),
  spuriousRate: d(ratePerDay(), 'false "violations" per day from ambiguous intelligence at zero verification').default(
    0.05,
  ),
  beliefDrift: d(nonNegative(), 'worst-case drift of log-odds belief per day at zero verification').default(0.02),
  beliefPrior: d(real(), 'prior log-odds that the adversary prepares to defect').default(-2),
  beliefDecay: d(unitInterval(), 'daily pull of belief back toward the prior').default(0.03),
  beliefStep: d(nonNegative(), 'log likelihood ratio per rung-weighted perceived violation').default(0.15),
  pvDecay: d(unitInterval(), 'daily decay of perceived violations').default(0.04),
  detectionLagDays: d(nonNegative(), 'detection lag at zero verification, days (L0)').default(3),
  rungThresholds: d(
    z.array(real(), { error: 'five EU thresholds' }).length(5, { error: 'five EU thresholds, one per rung 0-4' }),
    'EU needed to step up from rung r (r = 0..4)',
  ).default([0, 0.15, 0.3, 0.45, 0.6]),
  stepDownGap: d(nonNegative(), 'EU below the threshold of the rung below at which the state steps down').default(0.3),
  temperature: d(
    z.number({ error: 'a temperature > 0' }).positive({ error: 'a temperature > 0' }),
    'bounded rationality of the ordered-logit rule (tau)',
  ).default(0.08),
  weights: weightsSchema.prefault({}),
  activities: d(
    z.record(z.string(), ratePerDay()),
    'pause activities: action id -> occurrences per day at envelope 1, rung 0',
  ).default({}),
  redlines: d(z.record(z.string(), probability()), 'private probability of reading an action as casus belli').default(
    {},
  ),
  envelope: d(unitInterval(), 'operational envelope: scales ambiguous and prohibited activity').default(0.5),
  enforcementSeverity: d(nonNegative(), 'cost of enforcement by the mediator, per unit of credibility').default(1),
  retaliationCost: d(nonNegative(), "expected cost of the opponent's retaliation").default(1),
  readiness: d(
    unitInterval(),
    'military readiness for a state-on-state strike (revisionist: C2 and forces; defender: air defence)',
  ).default(1),
  readinessDecay: d(unitInterval(), 'daily decay of readiness without upkeep').default(0.002),
  factions: z.record(z.string(), factionSchema).optional(),
  hardlinerGrowth: d(nonNegative(), 'hardliner power growth per unit of visible retreat').default(0.5),
  reliefDampening: d(nonNegative(), 'hardliner power loss per unit of sanctions relief').default(5),
  legitimacyDecay: d(unitInterval(), 'daily decay of regime legitimacy pressure').default(0.02),
  hardshipWeight: d(nonNegative(), 'legitimacy pressure per day per unit of economic hardship').default(0.002),
  economy: economySchema.prefault({}),
  defense: z
    .object({
      profile: d(text(), 'defence profile for kinetic exchanges (scenarios/defense/)'),
      inventoryScale: d(nonNegative(), "multiplier on the profile's interceptor inventories").default(1),
      replenishPerDay: d(nonNegative(), 'share of base inventories produced per day').default(0.002),
      stocksAtSigning: d(
        unitInterval(),
        'share of base interceptor inventories on hand at signing, what the war before left (docs/model/preemption.md)',
      ).default(1),
    })
    .strict()
    .optional(),
  preemption: z
    .object({
      leakerTolerance: d(
        z.number({ error: 'a number of leakers > 0' }).positive({ error: 'a number of leakers > 0' }),
        "expected leakers of the adversary's next wave the defender accepts: fear = expected leakers / this (docs/model/preemption.md)",
      ).default(20),
      depletionWeight: d(
        nonNegative(),
        "fear per unit of depletion: the share of the defender's finite interceptor stocks the next wave would use (docs/model/preemption.md)",
      ).default(1),
      budgetUsdPerDay: d(
        z.number({ error: 'USD per day > 0' }).positive({ error: 'USD per day > 0' }),
        'interception spending per day the defender sustains without strain, USD (docs/model/preemption.md)',
      ).default(2000000),
      effectiveness: d(probability(), "share of the adversary's launch capacity a pre-emptive strike destroys").default(
        0.4,
      ),
    })
    .strict()
    .prefault({}),
  arsenal: z
    .object({
      stocks: d(z.record(z.string(), count()), 'missiles and drones by threat type'),
      launchers: d(count(), 'launchers for launcher-bound types (ballistic, cruise)'),
      launcherTypes: z.array(z.string()).optional(),
      productionPerDay: d(
        z.record(z.string(), nonNegative()),
        'production by type per day at procurement factor 1',
      ).default({}),
      saturationSalvo: d(salvoSchema, 'the salvo of a saturation strike'),
      campaignWaves: d(
        z.number({ error: 'waves > 0' }).positive({ error: 'waves > 0' }),
        'saturation salvos a war takes: stocks below this many salvos bound what can be fired, and so the readiness to start one (docs/model/escalation-utility.md)',
      ).default(3),
      threats: z.record(z.string(), threatSpecSchema).optional(),
    })
    .strict()
    .optional(),
};

export const actorSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({ kind: z.literal('state'), name: text().optional(), description: text().optional(), ...stateFields })
      .strict(),
    z
      .object({
        kind: z.literal('proxy'),
        name: text().optional(),
        description: text().optional(),
        patron: z.string({ error: 'the id of the patron state' }),
        target: z.string({ error: 'the id of the state it fights' }),
        strength: d(unitInterval(), 'network strength S (leadership, infrastructure, C2, supply)').default(0.5),
        value: d(nonNegative(), 'value of the network to its patron (weights PDR)').default(1),
        supplyIntegrity: d(unitInterval(), 'integrity of its supply lines').default(0.5),
        reconstitution: d(nonNegative(), 'daily reconstitution rate at full supply and procurement').default(0.004),
        supplyRecovery: d(nonNegative(), 'daily recovery of supply integrity').default(0.01),
        envelope: d(unitInterval(), 'operational envelope').default(0.5),
        activities: z.record(z.string(), ratePerDay()).default({}),
        attackSalvo: d(salvoSchema, 'salvo of one proxy attack against the target').default({}),
      })
      .strict(),
    z
      .object({
        kind: z.literal('mediator'),
        name: text().optional(),
        description: text().optional(),
        commitment: d(probability(), 'true commitment k: probability of enforcing an attributed violation'),
        domesticAversion: d(
          probability(),
          'domestic aversion delta: delays the answer, responseDays x (1 + aversionDelay x delta)',
        ),
        competingTheaters: d(
          probability(),
          'competing theaters: how many other theaters can flare; scales the rate of attention shocks',
        ),
        attentionShockRate: d(
          ratePerDay(),
          'attention shocks per day per unit of competing theaters (a competing theater flares)',
        ).default(0.033),
        attentionShockSize: d(unitInterval(), 'rise in chi during a shock').default(0.3),
        attentionShockScale: d(
          nonNegative(),
          'multiplier on shock size (credibility tied to one administration)',
        ).default(1),
        attentionShockDays: d(nonNegative(), 'duration of a shock, days').default(30),
        responseDays: d(
          nonNegative(),
          'R: days the mediator takes to answer a violation it enforces (before domestic aversion adds delay)',
        ).default(7),
        patienceDays: d(
          nonNegative(),
          'days the parties wait for an answer before a violation or threat counts as unanswered',
        ).default(7),
        timelinessDays: d(
          z.number({ error: 'days > 0' }).positive({ error: 'days > 0' }),
          'an answer D days late restores credibility gain x exp(-D / this)',
        ).default(14),
        threatTestShare: d(
          unitInterval(),
          'share of public threats that are a test the mediator must answer (docs/model/credibility.md)',
        ).default(0.1),
        publicVisibility: d(
          unitInterval(),
          'acts at least this visible are public: the mediator sees them without a monitor (docs/model/credibility.md)',
        ).default(0.9),
        credibilityGain: d(
          unitInterval(),
          'perceived credibility gain per enforcement (share of the gap to 1)',
        ).default(0.1),
        credibilityLoss: d(unitInterval(), 'perceived credibility loss per unanswered violation (share)').default(0.08),
        credibilityLearning: d(
          unitInterval(),
          'daily pull of perceived credibility toward true enforcement probability',
        ).default(0.01),
        sanctionsPerEnforcement: d(
          unitInterval(),
          'share of remaining sanctions room added by one enforcement on a revisionist',
        ).default(0.05),
        deescalation: d(
          unitInterval(),
          'p0: daily chance of brokering a step down at rung 0 with full credibility',
        ).default(0.15),
        deescalationDecay: d(nonNegative(), 'gamma: decay of the de-escalation window per rung').default(0.5),
      })
      .strict(),
    z.object({ kind: z.literal('guarantor'), name: text().optional(), description: text().optional() }).strict(),
  ],
  { error: 'an actor with kind state, proxy, mediator or guarantor' },
);

export const agreementSchema = z
  .object({
    mediator: z.string({ error: 'the id of the mediator' }),
    guarantors: z.array(z.string()).default([]),
    guarantee: d(
      probability(),
      'g: probability that guarantors enforce an attributed violation independently of the mediator',
    ).default(0),
    specificity: d(probability(), 's: how far agreed readings replace private ones').default(0.2),
    faceSaving: d(probability(), 'f: face-saving provision').default(0),
    sanctionsRelief: d(
      probability(),
      'relief track: share of sanctions lifted per 100 verified compliant days (relief x verification a day; none within reliefWindowDays of an attributed violation, which snaps back the relief granted)',
    ).default(0),
    reliefWindowDays: d(nonNegative(), 'days after an attributed violation during which no relief is granted').default(
      30,
    ),
    reliefRearmamentLimit: d(
      probability(),
      "relief track's verified limit on rearmament: share of a sanctioned state's own rearmament acts (rebuilding, transfers to proxies) it forgoes while on the track (rung <= 1), at full relief and v = 1; the share forgone is limit x v x sanctionsRelief (docs/model/economy.md)",
    ).default(0.5),
    termsUnagreed: d(
      probability(),
      'probability that the terms were never agreed at signing: the parties start contested, at dynamics.unagreedRung, envelopes open (docs/model/early-failure.md)',
    ).default(0),
    warRungRestart: d(
      probability(),
      'probability that a truce whose terms were never agreed restarts one rung below the collapse rung (the fighting the truce halted, not yet major operations) rather than at dynamics.unagreedRung (docs/model/early-failure.md)',
    ).default(0),
    verification: z
      .object({
        capability: d(probability(), 'v: capability of a neutral monitor'),
        coverage: d(z.record(z.string(), probability()), 'kappa: monitor coverage by domain').default({}),
      })
      .strict(),
    terms: d(
      z.record(z.string(), z.enum(CLASSIFICATIONS, { error: 'prohibited, permitted or ambiguous' })),
      'classification of actions',
    ).default({}),
    agreedReadings: d(
      z.record(z.string(), probability()),
      'agreed casus-belli probability by action (default: prohibited 1, ambiguous 0.5, permitted 0)',
    ).default({}),
  })
  .strict();

/**
 * Mechanism constants that hold for every actor (docs/model/*.md name each).
 * Each is a parameter, so sensitivity analysis and `truce ablate` reach it.
 */
export const dynamicsSchema = z
  .object({
    envelopeWiden: d(
      unitInterval(),
      "eta_up: share of the gap to 1 by which an unanswered probe widens the violator's envelope (docs/model/redlines.md)",
    ).default(0.05),
    envelopeNarrow: d(
      unitInterval(),
      "eta_down: share by which a punished probe narrows the violator's envelope (docs/model/redlines.md)",
    ).default(0.15),
    rungActivityGain: d(
      nonNegative(),
      "rise of a state's pause-activity rate per rung of escalation, per rung (docs/model/activity.md)",
    ).default(0.25),
    proxyKineticBase: d(
      nonNegative(),
      'proxy kinetic activity (rung >= 3) at patron rung 0, multiplier (docs/model/activity.md)',
    ).default(0.25),
    proxyKineticPerRung: d(
      nonNegative(),
      'added proxy kinetic activity per rung of the patron, multiplier (docs/model/activity.md)',
    ).default(0.5),
    compressionPerRung: d(
      nonNegative(),
      'decision-cycle compression: extra decisions and spurious readings per day per rung above 2 (docs/model/activity.md)',
    ).default(1),
    intelBoostDays: d(
      z.number().positive({ error: 'days > 0' }),
      'days over which an intelligence boost decays linearly to 0 (docs/model/perception.md)',
    ).default(30),
    rearmDriftScale: d(
      nonNegative(),
      "worst-case drift of the defender's rearmament estimate per unit of belief drift, at zero verification (docs/model/perception.md)",
    ).default(0.1),
    legitimacyPerRetreat: d(
      nonNegative(),
      'legitimacy pressure per unit of rung-weighted visible retreat (docs/model/factions.md)',
    ).default(0.01),
    hardlinerRetreatScale: d(
      nonNegative(),
      'visible retreat (rung-weighted count) per unit that drives hardliner growth (docs/model/factions.md)',
    ).default(0.01),
    factionPull: d(
      unitInterval(),
      'daily pull of faction power back toward its initial share (docs/model/factions.md)',
    ).default(0.01),
    exhaustedProcurement: d(
      unitInterval(),
      'procurement factor multiplier when capital is exhausted (docs/model/economy.md)',
    ).default(0.5),
    nextWaveBase: d(
      unitInterval(),
      'share of the saturation salvo the defender expects at adversary readiness 0; the rest scales with readiness (docs/model/preemption.md)',
    ).default(0.5),
    burdenMemoryDays: d(
      z.number({ error: 'days > 0' }).positive({ error: 'days > 0' }),
      "memory of the defender's interception spending (exponential average), days (docs/model/preemption.md)",
    ).default(30),
    staleHalfDays: d(
      z.number({ error: 'days > 0' }).positive({ error: 'days > 0' }),
      'detection lag at which half the worst-case shift applies: staleness = lag / (lag + this) (docs/model/perception.md)',
    ).default(14),
    staleWorstCase: d(
      unitInterval(),
      'shift of a stale reading toward casus belli at full staleness, share of the gap to 1 (docs/model/perception.md)',
    ).default(0.1),
    staleGapFill: d(
      unitInterval(),
      'share of the days an observer cannot yet see (its detection lag) that it fills with the worst-case drift of its belief and rearmament estimate (docs/model/perception.md)',
    ).default(1),
    aversionDelay: d(
      nonNegative(),
      "multiplier of the mediator's answer time per unit of domestic aversion (docs/model/credibility.md)",
    ).default(2),
    spoilerSurge: d(
      nonNegative(),
      'extra proxy (spoiler) activity at signing, multiplier decaying as exp(-day / spoilerSurgeDays) (docs/model/early-failure.md)',
    ).default(2),
    spoilerSurgeDays: d(
      z.number({ error: 'days > 0' }).positive({ error: 'days > 0' }),
      'decay time of the spoiler surge, days (docs/model/early-failure.md)',
    ).default(10),
    incidentCycles: d(
      nonNegative(),
      'extra decisions on a day the state perceives a kinetic violation (rung jumps under compressed decision cycles; docs/model/early-failure.md)',
    ).default(1),
    unagreedRung: d(
      z.number().int().min(0).max(3),
      'rung at which the parties start when the terms were never agreed (docs/model/early-failure.md)',
    ).default(2),
  })
  .strict();

export const leverSchema = z
  .object({
    description: text(),
    unit: text().optional(),
    min: real(),
    max: real(),
    default: real().optional(),
    mode: z.enum(['set', 'scale'], { error: '"set" or "scale"' }).default('set'),
    paths: z.array(z.string(), { error: 'a list of scenario paths' }).min(1, { error: 'at least one path' }),
    source: text().optional(),
    essay: d(
      z.enum(['raises', 'lowers'], { error: 'raises or lowers' }),
      'what the essay says raising the lever does to P(collapse); `truce ablate` flags an effect of the other sign',
    ).optional(),
  })
  .strict();

/** The documented range and basis of a scenario parameter (what `truce ablate` moves it across). */
export const parameterRangeSchema = z
  .object({
    min: real(),
    max: real(),
    source: z.enum(['sourced', 'judged', 'fitted'], { error: 'sourced, judged or fitted' }),
    essay: d(
      z.enum(['raises', 'lowers'], { error: 'raises or lowers' }),
      'what the essay says raising it does to P(collapse); `truce ablate` flags an effect of the other sign',
    ).optional(),
    note: text().optional(),
  })
  .strict();

export const frameworkSchema = z
  .object({
    description: text().optional(),
    levers: z.record(z.string(), real()).default({}),
    set: d(z.record(z.string(), z.union([real(), z.string(), z.boolean()])), 'further scenario paths to set').default(
      {},
    ),
  })
  .strict();

export const ceasefireScenarioSchema = z
  .object({
    name: text(),
    description: text().optional(),
    sources: z.array(text()).optional(),
    horizonDays: d(
      z.number().int().min(1, { error: 'a horizon >= 1 day' }).max(3650, { error: 'a horizon <= 3650 days' }),
      'T, days',
    ).default(365),
    collapseRung: d(z.number().int().min(1).max(5), 'rung at which the ceasefire collapses').default(4),
    pdrWindowDays: d(z.number().int().min(1).max(365), 'window of the proxy degradation rate, days').default(30),
    dynamics: dynamicsSchema.prefault({}),
    actors: z.record(z.string(), actorSchema, { error: 'a map of actor id to actor' }),
    agreement: agreementSchema,
    actions: z.record(z.string(), actionSchema, { error: 'a map of action id to action' }),
    levers: z.record(z.string(), leverSchema).default({}),
    frameworks: z.record(z.string(), frameworkSchema).default({}),
    defaultFramework: text().optional(),
    parameters: d(
      z.record(z.string(), parameterRangeSchema),
      'documented range and basis of each behavioural parameter, by scenario path: the plausible values, what `truce ablate` explores and what `--set PATH=V` accepts; a value in the file outside its range is allowed with a warning (a range is not a validity bound; the bounds column is)',
    ).default({}),
  })
  .strict();

export type CeasefireScenario = z.output<typeof ceasefireScenarioSchema>;
export type ActorSpec = z.output<typeof actorSchema>;
export type StateSpec = Extract<ActorSpec, { kind: 'state' }>;
export type ProxySpec = Extract<ActorSpec, { kind: 'proxy' }>;
export type MediatorSpec = Extract<ActorSpec, { kind: 'mediator' }>;
export type ActionSpec = z.output<typeof actionSchema>;
export type LeverSpec = z.output<typeof leverSchema>;
export type FrameworkSpec = z.output<typeof frameworkSchema>;
export type Weights = z.output<typeof weightsSchema>;
export type Dynamics = z.output<typeof dynamicsSchema>;
export type ParameterRange = z.output<typeof parameterRangeSchema>;
