/**
 * Check a scenario: text -> every problem with its path and line (the
 * dashboard's editor), or a file -> valid with a summary (truce scenario
 * validate). Every framework must resolve too.
 */
import { listLevers, type LeverInfo } from '../core/scenario/levers.js';
import { defenseProfileSchema } from '../core/engagement/schema.js';
import { layerNamesAreUnique } from '../core/engagement/rules.js';
import { InputError, problemsError, type ProblemWithLine } from '../io/errors.js';
import { readChecked, readDocument } from '../io/documents.js';
import { displayPath } from '../io/paths.js';
import { loadCampaign, loadEngagement } from './engagement.js';
import type { ProfileBase } from './profiles.js';
import { checkScenarioText, loadScenario, resolveArm, type LoadedScenario } from './scenario.js';

export interface ScenarioSummary {
  name: string;
  actors: Record<string, number>;
  actions: number;
  levers: LeverInfo[];
  frameworks: Record<string, { description: string; levers: Record<string, number> }>;
  defaultFramework: string | null;
  horizonDays: number;
}

export type ScenarioCheck = ({ ok: true; problems: [] } & ScenarioSummary) | { ok: false; problems: ProblemWithLine[] };

export function summarizeScenario(loaded: LoadedScenario): ScenarioSummary {
  const s = loaded.scenario;
  for (const name of Object.keys(s.frameworks)) resolveArm(loaded, name, {});
  const actors = Object.values(s.actors).reduce<Record<string, number>>(
    (acc, a) => ((acc[a.kind] = (acc[a.kind] ?? 0) + 1), acc),
    {},
  );
  return {
    name: s.name,
    actors,
    actions: Object.keys(s.actions).length,
    levers: listLevers(s),
    frameworks: Object.fromEntries(
      Object.entries(s.frameworks).map(([k, f]) => [k, { description: f.description ?? '', levers: f.levers }]),
    ),
    defaultFramework: s.defaultFramework ?? null,
    horizonDays: s.horizonDays,
  };
}

/** Scenario text from the dashboard: shipped defence profiles, or the profile files uploaded with it. */
export function checkScenario(
  text: string,
  source = 'dashboard',
  base: ProfileBase = { kind: 'shipped' },
): ScenarioCheck {
  const c = checkScenarioText(text, source, base);
  if (!c.ok) return { ok: false, problems: c.problems };
  return { ok: true, problems: [], ...summarizeScenario(c.loaded) };
}

/** A scenario file: throws an InputError listing every problem, else its summary. */
export function validateScenarioFile(file: string): ScenarioSummary {
  return summarizeScenario(loadScenario(file));
}

/** The four file formats `truce scenario validate` knows (schema/*.schema.json, docs/scenario-reference.md). */
export type FileKind = 'ceasefire' | 'engagement' | 'campaign' | 'defense-profile';

export const KIND_NAMES: Record<FileKind, string> = {
  ceasefire: 'a ceasefire scenario',
  engagement: 'an engagement file',
  campaign: 'a campaign file',
  'defense-profile': 'a defence profile',
};

/** The top-level fields that mark each kind, in the order they are tried. */
const KIND_MARKS: [FileKind, string[]][] = [
  ['ceasefire', ['actors', 'agreement', 'actions', 'frameworks']],
  ['campaign', ['attacker', 'plan', 'days']],
  ['engagement', ['salvo']],
  ['defense-profile', ['layers']],
];

/**
 * The kind of a parsed document, from the top-level fields only it has, with
 * the fields that decided it; null when it has none of them.
 */
export function detectKind(doc: unknown): { kind: FileKind; because: string[] } | null {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return null;
  for (const [kind, marks] of KIND_MARKS) {
    const because = marks.filter((m) => Object.hasOwn(doc, m));
    if (because.length) return { kind, because };
  }
  return null;
}

export interface FileValidation {
  kind: FileKind;
  /** Why it was read as this kind: the top-level fields that mark it (empty when the kind was given). */
  because: string[];
  /** One line: what the file holds. */
  summary: string;
  /** The ceasefire summary, for a ceasefire scenario. */
  scenario?: ScenarioSummary;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function describeSalvo(salvo: Record<string, number>): string {
  return Object.entries(salvo)
    .map(([t, n]) => `${n} ${t}`)
    .join(', ');
}

/** Validate one file of the kind given, or of the kind its fields mark. */
function validateAs(file: string, kind: FileKind): Omit<FileValidation, 'because'> {
  const label = displayPath(file);
  switch (kind) {
    case 'ceasefire': {
      const s = validateScenarioFile(file);
      const actors = Object.entries(s.actors)
        .map(([k, n]) => plural(n, k, k === 'proxy' ? 'proxies' : `${k}s`))
        .join(', ');
      return {
        kind,
        scenario: s,
        summary: `ceasefire scenario: ${actors}; ${plural(s.actions, 'action')}; ${plural(s.levers.length, 'lever')}; frameworks: ${Object.keys(s.frameworks).join(', ') || 'none'}`,
      };
    }
    case 'engagement': {
      const e = loadEngagement(file);
      const salvo = Object.fromEntries(e.threats.map((t) => [t.type, t.launched]));
      return {
        kind,
        summary: `engagement: salvo of ${describeSalvo(salvo)}; ${plural(e.layers.length, 'layer')} (${e.layers.map((l) => l.name).join(', ')})`,
      };
    }
    case 'campaign': {
      const c = loadCampaign(file);
      return {
        kind,
        summary: `campaign: ${plural(c.days, 'day')}; ${plural(c.launchers, 'launcher')}; ${plural(c.engagement.layers.length, 'layer')} (${c.engagement.layers.map((l) => l.name).join(', ')})`,
      };
    }
    case 'defense-profile': {
      const p = readChecked(file, defenseProfileSchema, label);
      const problems = layerNamesAreUnique(p.layers);
      if (problems.length) throw problemsError(label, problems);
      return {
        kind,
        summary: `defence profile: ${plural(p.layers.length, 'layer')} (${p.layers.map((l) => l.name).join(', ')})`,
      };
    }
  }
}

/**
 * `truce scenario validate`: read the file, tell its kind (or take the one
 * given), validate it with that kind's schema and rules. A problem is
 * reported with the kind the file was taken for and why, so a file of one
 * kind is never judged silently against another kind's schema.
 */
export function validateFile(file: string, kind?: FileKind): FileValidation {
  const label = displayPath(file);
  let because: string[] = [];
  if (!kind) {
    const found = detectKind(readDocument(file, label));
    if (!found)
      throw new InputError(
        `${label}: expected one of the file kinds truce reads, told apart by their top-level fields: ` +
          KIND_MARKS.map(([k, marks]) => `${KIND_NAMES[k]} (${marks.join(', ')})`).join('; ') +
          `; found none of them (use --kind to name it)`,
      );
    kind = found.kind;
    because = found.because;
  }
  try {
    return { ...validateAs(file, kind), because };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const why = because.length
      ? `read as ${KIND_NAMES[kind]} because it has ${because.map((b) => `\`${b}\``).join(', ')}`
      : `read as ${KIND_NAMES[kind]} (--kind)`;
    throw new InputError(`${label}: ${why}; it is not valid as one:\n${err.message}`, {
      kind: err.kind,
      problems: err.problems,
    });
  }
}
