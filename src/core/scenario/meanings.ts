/**
 * Meanings of the fields whose schema carries no description (names, lists,
 * maps, the sections, the escalation-utility weights, the engagement family),
 * for docs/scenario-reference.md. An entry here replaces a field's own
 * `.describe()` (where that is too terse for the reference); a test
 * checks that every field of every schema gets a meaning from one or the other.
 */
import { DEFAULT_WEIGHTS } from '../engine/build/states.js';
import type { TermWeights } from '../engine/model.js';
import type { SchemaName } from './reference.js';

/** What each escalation-utility weight scales (docs/model/escalation-utility.md), and its default when unset. */
const WEIGHTS: Record<keyof TermWeights, { term: string; range: string }> = {
  pdr: {
    term: "pressure: the proxy degradation rate of the state's network (revisionist); pillar proxy degradation",
    range: 'Iran 8, fitted in 4-12',
  },
  rlp: {
    term: 'pressure: regime legitimacy pressure (hardship, visible retreat); pillar legitimacy',
    range: 'Iran 1.2, fitted in 0.6-2; Israel 0.5',
  },
  pv: {
    term: 'pressure: perceived violations (agreed-reading, redline-excess and spurious parts); pillars asymmetric objectives, redline misalignment, verification',
    range: 'Israel 0.03, fitted in 0.01-0.1; Iran 0.03',
  },
  rearmament: {
    term: "pressure: the adversary's rearmament seen through detections and its worst-case drift (defender)",
    range: 'Israel 0.6, fitted in 0.2-1.2',
  },
  preemption: {
    term: 'pressure: P(the adversary prepares) x fear of its next wave (defender) or what a first strike would destroy (revisionist); pillar pre-emption',
    range: 'Israel 0.2, fitted in 0-1; Iran 0.1, fitted in 0-0.5',
  },
  burden: {
    term: 'pressure: interception spending against the sustainable budget (defender); pillar pre-emption',
    range: 'Israel 0.3, judged 0-1',
  },
  window: {
    term: "pressure: restored stocks x the adversary's rebuilt readiness, the window of opportunity (defender)",
    range: 'Israel 0.2, judged 0-0.6',
  },
  credibility: {
    term: 'restraint: perceived mediator credibility x enforcement severity; pillar external retaliation',
    range: 'Israel 0.4, fitted in 0.2-0.8; Iran 1, fitted in 0.5-1.5',
  },
  retaliation: {
    term: "restraint: retaliation cost x the opponent's readiness",
    range: 'Israel 0.3; Iran 0.4',
  },
  economic: {
    term: 'restraint: marginal economic punishment still to come, (1 - sanctions) x severity: largest for a state under no sanctions (the default weight gives an unsanctioned state a standing -0.3)',
    range: 'both 0.05',
  },
  readiness: {
    term: 'restraint: 1 - own readiness (revisionist: not yet able to strike)',
    range: 'Iran 3, fitted in 0.5-5',
  },
  baseline: { term: 'restraint: 1, the standing cost of war', range: 'Israel 0.5, fitted in 0.3-0.8; Iran 0' },
};

const STATE = 'actors.<id> (kind "state")';

function weightMeanings(): Record<string, string> {
  const out: Record<string, string> = {
    [`${STATE}.weights`]:
      'weights of the escalation-utility terms: EU = sum of weight x term, pressure minus restraint; dimensionless exchange rates between terms (docs/model/escalation-utility.md). A weight left out takes the default named on its row, calibrated to no scenario (see "Before you trust a new scenario" above); ranges in the built-in scenario\'s `parameters`',
    [`${STATE}.factions.<key>.weights`]: "multipliers on the state's term weights for this faction",
  };
  for (const [k, w] of Object.entries(WEIGHTS) as [keyof TermWeights, (typeof WEIGHTS)[keyof TermWeights]][]) {
    out[`${STATE}.weights.${k}`] =
      `weight of the ${k} term, ${w.term}. Unset: ${DEFAULT_WEIGHTS[k]}. Range: >= 0; built-in scenario: ${w.range}`;
    out[`${STATE}.factions.<key>.weights.${k}`] =
      `multiplier on the state's ${k} weight for this faction (the state uses the power-weighted mean of its factions' multipliers). Unset: 1. Range: >= 0; built-in scenario 0.4-1.8`;
  }
  return out;
}

/** Fields shared by the engagement family: threats, layers, sensors. */
const THREATS: Record<string, string> = {
  threats: 'properties of each threat type (built-in: rocket, drone, cruise, ballistic; others may be declared here)',
  'threats.<key>.description': 'free text',
  'threats.<key>.unitCostUsd': 'cost of one threat to the attacker, USD. Unset: 0',
  'threats.<key>.reliability':
    'probability that a launched threat flies and arrives; failures are neither engaged nor leakers. Unset: 1',
  'threats.<key>.wave': 'arrival wave; sensor track capacity applies per wave. Unset: 1',
};

const LAYERS: Record<string, string> = {
  'layers[].name':
    'name of the layer, unique in the profile; campaigns name layers in `defender.production` and `resupply`',
  'layers[].description': 'free text',
  'layers[].operator': 'who operates it (for example a navy or an allied air force); shown in reports',
  'layers[].engages':
    'threat type -> single-shot kill probability; a type not listed is not engaged by this layer (and uses none of its channels)',
  'layers[].channels':
    'most threats the layer can engage in one salvo (fire units x channels), taken in arrival order whatever their type. Unset: unlimited',
  'layers[].tracking':
    'probability that the layer can engage a threat it is asked to; an untracked threat uses no channel and no interceptor. Unset: 1',
  'layers[].doctrine':
    'barrage: `shots` interceptors at once; shoot-look-shoot: up to `shots` single shots, stopping at a kill. Unset: barrage',
  'layers[].shots': 'interceptors per engagement (barrage) or shot opportunities (shoot-look-shoot). Unset: 1',
  'layers[].inventory': 'interceptors in stock; the layer stops when they run out. Unset: unlimited',
  'layers[].unitCostUsd': 'cost of one interceptor, USD. Unset: 0',
  'layers[].minWarningMinutes':
    'warning the layer needs to be fully in position; with less, its tracking scales by warning / this. Unset: 0',
};

const SENSORS: Record<string, string> = {
  trackCapacity:
    'simultaneous tracks per wave; threats beyond it in a wave are engaged at a reduced kill probability. Unset: unlimited',
  saturationPKillFactor: 'multiplier on the kill probability of a threat beyond track capacity. Unset: 0.5',
};

const DOCUMENT: Record<string, string> = {
  name: 'name of the file, shown in outputs and the dashboard',
  description: 'free text: what the file describes',
  sources: 'the sources of the figures, each with its confidence tag ([A] .. [C], [J])',
};

const ENGAGEMENT_FAMILY: Record<string, string> = {
  ...DOCUMENT,
  ...THREATS,
  ...LAYERS,
  ...SENSORS,
  arrivalOrder:
    'threat types in the order they reach the defence (default: drone, cruise, rocket, ballistic, then types declared in `threats`); each layer engages threats in this order with no priority by type, so it is the way to let a layer spend its channels on a later type (docs/model/engagement.md)',
  warningMinutes:
    'warning time the attack gives, minutes; layers that need more are partly in position. Unset: unlimited',
  defense:
    'defence profile to use when the file gives no `layers`: a name under scenarios/defense/ or a path to a profile file',
  layers: 'the layered defence, outermost first (instead of a `defense` profile)',
};

export const MEANINGS: Record<SchemaName, Record<string, string>> = {
  ceasefire: {
    ...DOCUMENT,
    horizonDays: 'horizon T: days simulated per run, the last checkpoint of the headline tables, days',
    dynamics: 'model constants shared by all actors (docs/model/); every field has a default',
    actors:
      'the actors by id: states (kind state), proxy networks (proxy), the mediator (mediator) and guarantors (guarantor)',
    [`${STATE}.kind`]: 'a state: decides on the escalation ladder',
    [`${STATE}.name`]: 'a name for readers of the file; outputs, the report and the dashboard show the id',
    [`${STATE}.description`]: 'free text',
    [`${STATE}.role`]:
      'defender (holds the air defence, fears the next wave) or revisionist (wants to change the status quo, owns proxies)',
    [`${STATE}.redlines`]:
      'private probability of reading an action as casus belli; an action not listed is read at the agreed reading (`agreement.agreedReadings`, else prohibited 1, ambiguous 0.5, permitted 0; see "Before you trust a new scenario" above)',
    [`${STATE}.activities`]:
      'pause activities: action id -> occurrences per day at envelope 1, rung 0; an action of rung >= 3 (kinetic) happens only while the state is at that rung or above (docs/model/activity.md)',
    [`${STATE}.adversaries`]:
      "ids of the states it reads violations from and may strike. Order does not matter. With several, it acts on the one whose threat weighs most in its pre-emption term (a defender: the largest pressure of its next wave; a revisionist: the largest use-or-lose exposure; ties to the first in `actors` order): its strikes go there (docs/model/preemption.md, 'Several adversaries')",
    ...weightMeanings(),
    [`${STATE}.factions`]:
      'decision-making factions by id; their power-weighted weight multipliers shape EU (docs/model/factions.md)',
    [`${STATE}.factions.<key>.name`]:
      'a name for readers of the file; outputs, the report and the dashboard show the id',
    [`${STATE}.factions.<key>.hardliner`]:
      'whether visible retreat and relief move power toward (or away from) this faction',
    [`${STATE}.economy`]: 'capital, income, spending and sanctions of the state (docs/model/economy.md)',
    [`${STATE}.defense`]: "the state's air defence: a defence profile and how it is scaled and replenished",
    [`${STATE}.defense.profile`]:
      "defence profile for kinetic exchanges: the name of a shipped profile (scenarios/defense/, for example `israel-2024`), or a path to a profile file, relative to the scenario file or absolute (`profile: india-2025.yaml`). In the dashboard, upload the profile file together with the scenario and write its file name; the dashboard never reads the server's disk, so an absolute path works there only for an uploaded file of that name (docs/dashboard.md)",
    [`${STATE}.preemption`]:
      "the defender's fear of the next wave and the pre-emptive strike (docs/model/preemption.md)",
    [`${STATE}.arsenal`]:
      "missiles, drones and launchers for the state's strikes: a revisionist's saturation strike or retaliation, a defender's pre-emptive strike, and limited strikes (rung-3 acts); an adversary without a `defense` takes them unintercepted (docs/model/preemption.md)",
    [`${STATE}.arsenal.launcherTypes`]: 'threat types that need a launcher (launcher-bound). Unset: ballistic, cruise',
    ...Object.fromEntries(Object.entries(THREATS).map(([k, v]) => [`${STATE}.arsenal.${k}`, v])),
    'actors.<id> (kind "proxy").kind': 'a proxy network of a patron state',
    'actors.<id> (kind "proxy").name':
      'a name for readers of the file; outputs, the report and the dashboard show the id',
    'actors.<id> (kind "proxy").description': 'free text',
    'actors.<id> (kind "proxy").patron': 'id of the state that supplies and directs it',
    'actors.<id> (kind "proxy").target': 'id of the state it fights (not its patron)',
    'actors.<id> (kind "proxy").activities':
      'action id -> occurrences per day at full strength and envelope 1 (proxy attacks, rearmament)',
    'actors.<id> (kind "mediator").kind':
      'the external broker whose credibility holds the truce (docs/model/credibility.md)',
    'actors.<id> (kind "mediator").name':
      'a name for readers of the file; outputs, the report and the dashboard show the id',
    'actors.<id> (kind "mediator").description': 'free text',
    'actors.<id> (kind "guarantor").kind': 'a guarantor: enforces with probability `agreement.guarantee`',
    'actors.<id> (kind "guarantor").name':
      'a name for readers of the file; outputs, the report and the dashboard show the id',
    'actors.<id> (kind "guarantor").description': 'free text',
    agreement: 'the ceasefire agreement: mediator, guarantees, verification, terms and agreed readings',
    'agreement.mediator': 'id of the mediator actor',
    'agreement.guarantors': 'ids of the guarantor actors',
    'agreement.verification': 'the neutral monitor: capability and coverage by domain',
    'agreement.agreedReadings':
      'agreed casus-belli probability by action (default: prohibited 1, ambiguous 0.5, permitted 0): what the monitor\'s reports are read at, and the reading of a state that lists no redline for the action. Verification lowers collapse only where these are below the parties\' private redlines (see "Before you trust a new scenario" above; docs/model/perception.md)',
    [`${STATE}.preemption.budgetUsdPerDay`]:
      "interception spending per day the defender sustains without strain, USD (docs/model/preemption.md). The default, 2,000,000, is calibrated to no scenario; the built-in scenario's Israel: 500,000, judged 0.2-2 M",
    actions: 'the catalog of actions by id: rung, domain, visibility, effects (docs/model/redlines.md)',
    'actions.<key>.name': 'a name for readers of the file; outputs, the report and the dashboard show the id',
    'actions.<key>.description': 'free text',
    'actions.<key>.domain':
      'what the action touches; the monitor covers domains (`agreement.verification.coverage`) and detection lags by domain',
    'actions.<key>.effects': 'what one occurrence does; signs and targets are fixed by the field',
    levers: 'the named levers an analyst moves, each mapped to scenario paths (truce levers)',
    'levers.<key>.description': 'what the lever means, shown by truce levers, the report and the dashboard',
    'levers.<key>.unit': 'unit of the value (for example `x` for a multiplier)',
    'levers.<key>.min': 'lowest value a user may set',
    'levers.<key>.max': 'highest value a user may set',
    'levers.<key>.default':
      'value when no framework or --set moves it; unset: a set lever reads its first path, a scale lever is 1',
    'levers.<key>.mode': 'set: write the value at every path; scale: multiply the value the scenario holds there',
    'levers.<key>.paths': 'dot paths into the scenario the lever writes (for example `agreement.specificity`)',
    'levers.<key>.source': 'the literature or evidence behind the lever, shown beside it',
    frameworks: 'named policy frameworks: lever values plus further paths to set; `compare` runs one arm each',
    'frameworks.<key>.description': 'free text: what the framework stands for',
    'frameworks.<key>.levers': "lever name -> value, within the lever's min and max",
    defaultFramework: 'the framework `run` uses when none is named (else transactional-freeze, if defined)',
    'parameters.<key>.min': 'lowest value of the documented range (what `truce ablate` sets)',
    'parameters.<key>.max': 'highest value of the documented range',
    'parameters.<key>.source':
      'sourced (from the sources), judged (a judgement over the range) or fitted (to the stylized facts)',
    'parameters.<key>.note': 'free text: why this range',
  },
  engagement: {
    ...ENGAGEMENT_FAMILY,
    salvo: 'threat type -> number launched, for example { ballistic: 110, drone: 185 }',
  },
  campaign: {
    ...ENGAGEMENT_FAMILY,
    days: 'length of the campaign, days',
    attacker: "the attacker's stocks and launchers",
    'attacker.stocks': 'threat type -> missiles or drones in stock at day 1',
    'attacker.launchers': 'launchers at day 1, for launcher-bound types',
    'attacker.launcherTypes': 'threat types that need a launcher. Unset: ballistic, cruise',
    'attacker.launchesPerLauncherPerDay': 'launches one launcher can make a day (reload and dispersal). Unset: 1',
    'attacker.launcherLossPerDay': 'share of the remaining launchers destroyed each day. Unset: 0',
    plan: 'the salvos asked for: from day (to day) this salvo each day; later entries override earlier ones',
    'plan[].fromDay': 'first day of this entry',
    'plan[].toDay': 'last day of this entry. Unset: the last day of the campaign',
    'plan[].salvo': 'threat type -> launches asked for each day (capped by stocks and launchers)',
    defender: 'interceptor production and resupply, and the pre-emption threshold',
    'defender.production': 'layer name -> interceptors produced per day',
    'defender.resupply': 'layer name -> resupply from outside (allies)',
    'defender.resupply.<key>.perDay': 'interceptors delivered per day',
    'defender.resupply.<key>.fromDay': 'first day of deliveries. Unset: 1',
    'defender.resupply.<key>.total': 'most interceptors delivered in all. Unset: unlimited',
    'defender.leakerTolerance':
      "expected leakers of a day's wave the defender accepts: pre-emption pressure starts on the first day fear = expected leakers / this + depletionWeight x depletion exceeds 1 (the ceasefire engine's measure, docs/model/preemption.md). Unset: 20",
    'defender.depletionWeight':
      "fear per unit of depletion: the share of the defender's finite interceptor stocks the day's wave uses (docs/model/preemption.md). Unset: 1",
    'defender.zeroPenetrationTolerance':
      "the earlier, scale-free test: leakers the defender accepts as a share of the day's launches. Used only when neither leakerTolerance nor depletionWeight is set (a file written for it keeps its meaning); the ceasefire engine's measure replaced it (docs/model/preemption.md)",
  },
  'defense-profile': {
    ...DOCUMENT,
    ...LAYERS,
    ...SENSORS,
    layers: 'the layered defence, outermost first',
  },
};
