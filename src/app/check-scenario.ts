/**
 * Check a scenario: text -> every problem with its path and line (the
 * dashboard's editor), or a file -> valid with a summary (truce scenario
 * validate). Every framework must resolve too.
 */
import { listLevers, type LeverInfo } from '../core/scenario/levers.js';
import { scenarioNotes, type ScenarioNote } from '../core/scenario/advice.js';
import { defenseProfileSchema } from '../core/engagement/schema.js';
import { layerNamesAreUnique } from '../core/engagement/rules.js';
import { InputError, problemsError, type ProblemWithLine } from '../io/errors.js';
import { readChecked, readDocument } from '../io/documents.js';
import { displayPath } from '../io/paths.js';
import { loadCampaign, loadEngagement } from './engagement.js';
import type { ProfileBase } from './profiles.js';
import { checkScenarioText, loadScenario, resolveArm, type LoadedScenario } from './scenario.js';
import { detectKind, KIND_MARKS, KIND_NAMES, type FileKind } from './file-kind.js';

export interface ScenarioSummary {
  name: string;
  actors: Record<string, number>;
  actions: number;
  levers: LeverInfo[];
  frameworks: Record<string, { description: string; levers: Record<string, number> }>;
  defaultFramework: string | null;
  horizonDays: number;
  /** What the author should know before trusting results (warnings, info): not problems; the file is valid. */
  notes: ScenarioNote[];
}

export type ScenarioCheck =
  ({ ok: true; problems: []; warnings?: string[] } & ScenarioSummary) | { ok: false; problems: ProblemWithLine[] };

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
    notes: scenarioNotes(s),
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
  return {
    ok: true,
    problems: [],
    ...summarizeScenario(c.loaded),
    ...(c.loaded.warnings ? { warnings: c.loaded.warnings } : {}),
  };
}

/** A scenario file: throws an InputError listing every problem, else its summary. */
export function validateScenarioFile(file: string): ScenarioSummary {
  return summarizeScenario(loadScenario(file));
}

export { detectKind, KIND_NAMES, type FileKind } from './file-kind.js';

export interface FileValidation {
  kind: FileKind;
  /** Why it was read as this kind: the top-level fields that mark it (empty when the kind was given). */
  because: string[];
  /** One line: what the file holds. */
  summary: string;
  /** The ceasefire summary, for a ceasefire scenario. */
  scenario?: ScenarioSummary;
  /** Allowed but worth saying (a value outside its documented range), one message each; absent when none. */
  warnings?: string[];
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
      const loaded = loadScenario(file);
      const s = summarizeScenario(loaded);
      const actors = Object.entries(s.actors)
        .map(([k, n]) => plural(n, k, k === 'proxy' ? 'proxies' : `${k}s`))
        .join(', ');
      return {
        kind,
        scenario: s,
        ...(loaded.warnings ? { warnings: loaded.warnings } : {}),
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

/** The kind a file is read as: the one given, or the one its top-level fields mark (else an InputError). */
function kindOf(file: string, label: string, given?: FileKind): { kind: FileKind; because: string[] } {
  if (given) return { kind: given, because: [] };
  const found = detectKind(readDocument(file, label));
  if (!found)
    throw new InputError(
      `${label}: expected one of the file kinds truce reads, told apart by their top-level fields: ` +
        KIND_MARKS.map(([k, marks]) => `${KIND_NAMES[k]} (${marks.join(', ')})`).join('; ') +
        `; found none of them (use --kind to name it)`,
    );
  return found;
}

/**
 * `truce scenario validate`: read the file, tell its kind (or take the one
 * given), validate it with that kind's schema and rules. A problem is
 * reported with the kind the file was taken for and why, so a file of one
 * kind is never judged silently against another kind's schema.
 */
export function validateFile(file: string, kind?: FileKind): FileValidation {
  const label = displayPath(file);
  const told = kindOf(file, label, kind);
  try {
    return { ...validateAs(file, told.kind), because: told.because };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const why = told.because.length
      ? `read as ${KIND_NAMES[told.kind]} because it has ${told.because.map((b) => `\`${b}\``).join(', ')}`
      : `read as ${KIND_NAMES[told.kind]} (--kind)`;
    throw new InputError(`${label}: ${why}; it is not valid as one:\n${err.message}`, {
      kind: err.kind,
      problems: err.problems,
      file: err.file,
    });
  }
}

/** One problem of a checked file, for machines (`truce scenario validate --json`). */
export interface FileProblem {
  /** The document the problem is in (the file, or a defence profile it names). */
  file: string;
  /** JSON path inside that document; `` for the whole document. */
  path: string;
  /** What was expected and what was found, in the words of the text output. */
  message: string;
  expected?: string;
  found?: string;
  /** 1-based line, when known. */
  line?: number;
}

export type FileCheck =
  | ({ valid: true } & FileValidation)
  | { valid: false; kind: FileKind | null; because: string[]; problems: FileProblem[] };

/** validateFile as a value: every problem with its file and path instead of an exception. */
export function checkFile(file: string, kind?: FileKind): FileCheck {
  const label = displayPath(file);
  let told: { kind: FileKind; because: string[] } | null = null;
  try {
    told = kindOf(file, label, kind);
    return { valid: true, ...validateAs(file, told.kind), because: told.because };
  } catch (err) {
    if (!(err instanceof InputError) || err.kind === 'interrupted') throw err;
    return { valid: false, kind: told?.kind ?? null, because: told?.because ?? [], problems: fileProblems(err, label) };
  }
}

function fileProblems(err: InputError, label: string): FileProblem[] {
  const file = err.file ?? label;
  if (err.problems?.length)
    return err.problems.map((p) => ({
      file,
      path: p.path,
      message: p.found === undefined ? `expected ${p.expected}` : `expected ${p.expected}, got ${p.found}`,
      expected: p.expected,
      ...(p.found !== undefined ? { found: p.found } : {}),
      ...(p.line !== undefined ? { line: p.line } : {}),
    }));
  // An error without a list (a missing file, no known kind): one problem for the whole document.
  return [
    {
      file,
      path: '',
      message: err.message.startsWith(`${label}: `) ? err.message.slice(label.length + 2) : err.message,
    },
  ];
}
