/**
 * Loading a ceasefire scenario: the one pipeline every face uses.
 *   text -> YAML/JSON (lines) -> shape (zod) -> cross-field rules ->
 *   defence profiles -> [framework and levers -> resolve -> shape again]
 * Problems carry the JSON path and, for text, the line. The CLI reads a file,
 * the dashboard sends text; both end here and get the same checks, the same
 * messages and the same scenario hash.
 */
import { createHash } from 'node:crypto';
import { isMap, isSeq, type Document } from 'yaml';
import type { DefenseProfile } from '../core/engagement/schema.js';
import { buildModel, type Model } from '../core/engine/model.js';
import { ceasefireScenarioSchema, type CeasefireScenario } from '../core/scenario/ceasefire-schema.js';
import {
  checkCeasefireRules,
  defenseProfileFitsScenario,
  valuesOutsideDocumentedRanges,
} from '../core/scenario/ceasefire-rules.js';
import {
  checkLeverSettings,
  isParameterSetting,
  listLevers,
  parameterLeverOverlaps,
  resolveScenario,
  type Resolution,
} from '../core/scenario/levers.js';
import { getPath, setPath, splitPath } from '../core/scenario/paths.js';
import { checkShape, type Problem } from '../core/scenario/problems.js';
import { InputError, problemsError, type ProblemWithLine } from '../io/errors.js';
import { documentValue, parseTextDocument, readText } from '../io/documents.js';
import { DEFAULT_SCENARIO, displayPath } from '../io/paths.js';
import { expectedProfile, readDefenseProfile, type ProfileBase } from './profiles.js';
import { otherKindProblem } from './file-kind.js';

export { DEFAULT_SCENARIO };

export interface LoadedScenario {
  /** Where it came from, as messages name it: a file path, or `dashboard`. */
  file: string;
  /** Checked, defaults filled, before any framework or lever. */
  scenario: CeasefireScenario;
  /** Defence profiles by the name the scenario uses. */
  profiles: Record<string, DefenseProfile>;
  /** The document as written, for storage. */
  raw: unknown;
  /** The text, when read from text (for tagged assumptions). */
  text?: string;
  /**
   * What is allowed but worth saying, one message each (file, path, line): values outside their documented
   * range. The CLI prints them on stderr, `scenario validate` in its output.
   */
  warnings?: string[];
}

export type CheckedScenario =
  | { ok: true; loaded: LoadedScenario; problems: [] }
  /** `file` is the document the problems are in (the scenario, or a profile it names). */
  | { ok: false; file: string; problems: ProblemWithLine[] };

/** Line of a JSON path inside a YAML document. */
function lineOf(doc: Document, lineStarts: number[], path: string): number | undefined {
  const keys = splitPath(path.replace(/\[(\d+)\]/g, '.$1').replace(/\["([^"]+)"\]/g, '.$1'));
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const k of keys) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === k);
      if (!pair) break;
      offset = (pair.key as { range?: number[] })?.range?.[0];
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(k)] as { range?: number[] } | undefined;
      if (!item) break;
      offset = item.range?.[0];
      node = item;
    } else break;
  }
  if (offset === undefined) return undefined;
  let line = 0;
  while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
  return line + 1;
}

/**
 * Check scenario text and build a LoadedScenario, or return every problem
 * with its line. Never throws for a problem of the text itself; a malformed
 * defence profile it names is reported against that profile's file.
 */
export function checkScenarioText(text: string, source: string, base: ProfileBase): CheckedScenario {
  let doc: Document;
  try {
    doc = parseTextDocument(text, source);
  } catch (err) {
    return textProblem(err, source);
  }
  return checkScenarioDocument(text, doc, source, base);
}

/** A problem of the text itself (malformed, empty, beyond the bounds) as a refusal; any other error is a bug. */
function textProblem(err: unknown, source: string): CheckedScenario {
  if (!(err instanceof InputError)) throw err;
  return {
    ok: false,
    file: source,
    problems: err.problems ?? [{ path: '', expected: 'a scenario document', found: 'an empty document' }],
  };
}

/** checkScenarioText on the document already parsed from `text`. */
function checkScenarioDocument(text: string, doc: Document, source: string, base: ProfileBase): CheckedScenario {
  let raw: unknown;
  try {
    raw = documentValue(doc, source);
  } catch (err) {
    return textProblem(err, source);
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const withLines = (ps: readonly Problem[]): ProblemWithLine[] =>
    ps.map((p) => ({ ...p, line: lineOf(doc, lineStarts, p.path) }));
  // A campaign or engagement file given as a scenario is refused in one sentence, not field by field.
  const other = otherKindProblem(raw, 'ceasefire');
  if (other) return { ok: false, file: source, problems: [other] };
  const checked = checkShape(ceasefireScenarioSchema, raw);
  if (!checked.ok) return { ok: false, file: source, problems: withLines(checked.problems) };
  const scenario = checked.value;
  const rules = checkCeasefireRules(scenario);
  if (rules.length) return { ok: false, file: source, problems: withLines(rules) };
  const profiles: Record<string, DefenseProfile> = {};
  for (const [id, a] of Object.entries(scenario.actors)) {
    if (a.kind !== 'state' || !a.defense) continue;
    let found;
    try {
      found = readDefenseProfile(a.defense.profile, base);
    } catch (err) {
      if (err instanceof InputError)
        return {
          ok: false,
          file: source,
          problems: withLines([
            { path: `actors.${id}.defense.profile`, expected: 'a well-formed defence profile', found: err.message },
          ]),
        };
      throw err;
    }
    if (!found)
      return {
        ok: false,
        file: source,
        problems: withLines([
          {
            path: `actors.${id}.defense.profile`,
            expected: expectedProfile(base, a.defense.profile),
            found: JSON.stringify(a.defense.profile),
          },
        ]),
      };
    const fits = defenseProfileFitsScenario(found.profile, scenario);
    if (fits.length) return { ok: false, file: found.label, problems: fits };
    profiles[a.defense.profile] = found.profile;
  }
  const warnings = valuesOutsideDocumentedRanges(scenario).map((w) => {
    const line = lineOf(doc, lineStarts, w.path);
    return `${source}${line !== undefined ? `:${line}` : ''}: ${w.path}: ${w.message}`;
  });
  return {
    ok: true,
    problems: [],
    loaded: { file: source, scenario, profiles, raw, text, ...(warnings.length ? { warnings } : {}) },
  };
}

/**
 * The scenario's warnings as results carry them (`scenarioWarnings` of compare, report, ablate, sweep and facts,
 * and of the stored experiment): one sentence each, an empty list when none, so a saved result made from a
 * scenario with a value outside its documented range says so.
 */
export function scenarioWarningsOf(loaded: Pick<LoadedScenario, 'warnings'>): string[] {
  return [...(loaded.warnings ?? [])];
}

/** Scenario text (from the dashboard, or a file's content) or an InputError listing every problem. */
export function loadScenarioText(text: string, source: string, base: ProfileBase): LoadedScenario {
  return loaded(checkScenarioText(text, source, base));
}

function loaded(c: CheckedScenario): LoadedScenario {
  if (!c.ok) throw problemsError(c.file, c.problems);
  return c.loaded;
}

/** A scenario file (default: the shipped iran-israel scenario). */
export function loadScenario(file: string = DEFAULT_SCENARIO): LoadedScenario {
  const label = displayPath(file);
  // Malformed YAML is reported as file:line:col (parseTextDocument) before any shape check.
  const text = readText(file, label);
  // Parsed once: the document that passed is the one checked.
  const doc = parseTextDocument(text, label);
  return loaded(checkScenarioDocument(text, doc, label, { kind: 'file', referringFile: file }));
}

/**
 * The scenario's identity for the store: SHA-256 of the checked scenario
 * (defaults filled, before framework and levers) and the profiles it uses,
 * with keys in sorted order. Comments, layout and key order do not change it,
 * so the same scenario stored from the CLI and from the dashboard has one hash.
 */
export function scenarioHash(loaded: Pick<LoadedScenario, 'scenario' | 'profiles'>): string {
  return createHash('sha256')
    .update(canonicalJson({ scenario: loaded.scenario, profiles: loaded.profiles }))
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** How a face names the inputs in messages: the CLI its flags, the API its request fields. */
export interface InputNames {
  framework: string;
  frameworks: string;
  /** Prefix of one lever setting: `--set ` or `set.`. */
  set: string;
  /** Prefix of the varied lever: `--vary ` or `vary.`. */
  vary: string;
  /** Prefix of one range or analysed lever: `--ranges ` or `ranges.`; `--levers ` or `levers.`. */
  ranges: string;
  levers: string;
}
export const FLAG_NAMES: InputNames = {
  framework: '--framework',
  frameworks: '--frameworks',
  set: '--set ',
  vary: '--vary ',
  ranges: '--ranges ',
  levers: '--levers ',
};
export const FIELD_NAMES: InputNames = {
  framework: 'framework',
  frameworks: 'frameworks',
  set: 'set.',
  vary: 'vary.',
  ranges: 'ranges.',
  levers: 'levers.',
};

/** The framework a run uses: the one asked for (null: none), else the scenario's default. */
export function frameworkOrDefault(
  loaded: LoadedScenario,
  framework: string | null | undefined,
  names: InputNames = FLAG_NAMES,
): string | null {
  if (framework === null) return null;
  const s = loaded.scenario;
  const name =
    framework ?? s.defaultFramework ?? (s.frameworks['transactional-freeze'] ? 'transactional-freeze' : null);
  if (name !== null && !s.frameworks[name]) {
    throw new InputError(
      `${names.framework}: expected a framework of ${loaded.file} (${Object.keys(s.frameworks).join(', ') || 'none defined'}), got ${JSON.stringify(name)}`,
    );
  }
  return name;
}

/** Lever-setting problems with the face's name of the setting. */
export function leverProblems(
  loaded: LoadedScenario,
  settings: Record<string, number>,
  names: InputNames = FLAG_NAMES,
  framework: string | null = null,
): Problem[] {
  return checkLeverSettings(loaded.scenario, settings, framework).map((p) => ({
    ...p,
    path: p.path.replace(/^--set /, names.set),
  }));
}

/** How an analysis that moves levers at every point (or a comparison, in every arm) names them in its refusals. */
const ANALYSES = {
  ranges: {
    setting: 'a lever',
    lever: 'a swept lever',
    by: 'swept by',
    overrides: "the sweep there while its points report the lever's values (sweep the lever or set the path, not both)",
  },
  levers: {
    setting: 'a lever',
    lever: 'a lever to analyse',
    by: 'analysed by',
    overrides:
      "the lever there at every design point while its indices are reported as the lever's effect (analyse the lever or set the path, not both)",
  },
  vary: {
    setting: 'a lever or parameter',
    lever: 'a varied lever',
    by: 'varied by',
    overrides:
      'the lever there in every arm while the arms are labelled with its values (vary the lever or set the path, not both)',
  },
} as const;

/**
 * Levers an analysis moves at every point (a sweep's `--ranges`, sensitivity's `--levers`, compare's `--vary` in
 * every arm) against the settings it holds fixed (`--set`): a lever (or, for `--vary`, a parameter path) in both, or
 * a lever that writes a documented parameter's path that a `--set PATH=V` also sets (parameterLeverOverlaps), is
 * refused naming the analysis's flag or field, the entry the user asked to study, with the `--set` it collides with. Other overlaps (a fixed lever, the framework's, a default) are left to
 * resolveArm, which names `--set`. `label` prefixes the message (a stored sweep on --resume names itself).
 */
export function refuseAnalysedLeverOverlaps(
  loaded: LoadedScenario,
  analysis: keyof typeof ANALYSES,
  analysed: readonly string[],
  fixed: Record<string, number>,
  names: InputNames = FLAG_NAMES,
  label = loaded.file,
): void {
  const a = ANALYSES[analysis];
  const flag = names[analysis];
  const setFlag = names.set.replace(/[ .]$/, '');
  const both = analysed.find((k) => Object.hasOwn(fixed, k));
  if (both !== undefined)
    throw new InputError(
      `${label}: ${flag}${both}: expected ${a.setting} either ${a.by} ${flag.trim().replace(/\.$/, '')} or fixed by ${setFlag}, found it in both`,
    );
  for (const o of parameterLeverOverlaps(loaded.scenario, fixed, null, analysed)) {
    const w = o.writers.find((x) => x.by === 'moved' && analysed.includes(x.lever));
    if (w)
      throw new InputError(
        `${label}: ${flag}${w.lever}: expected ${a.lever} that writes no path set by ${names.set}PATH: it writes ${o.path}, which ${names.set}${o.path}=${o.value} sets too, and the value set by path would override ${a.overrides}`,
      );
  }
  // The other way round: an analysed parameter path that a lever fixed by --set writes. Its values, applied last,
  // would override the lever there while results report the lever's fixed value. The same function decides; the
  // analysed path is the entry named, with the --set that collides with it.
  const paths = analysed.filter((k) => isParameterSetting(loaded.scenario, k));
  if (!paths.length) return;
  const asSet = { ...fixed, ...Object.fromEntries(paths.map((p) => [p, 0])) };
  for (const o of parameterLeverOverlaps(loaded.scenario, asSet).filter((x) => paths.includes(x.path))) {
    const w = o.writers.find((x) => x.by === 'moved' && Object.hasOwn(fixed, x.lever));
    if (w)
      throw new InputError(
        `${label}: ${flag}${o.path}: expected a parameter path no lever fixed by ${setFlag} writes: lever ${w.lever}, which ${names.set}${w.lever}=${fixed[w.lever]} fixes, writes ${o.path} too, and the values ${a.by} ${flag.trim().replace(/\.$/, '')} would override the lever there while results report its fixed value (move the lever or the path, not both)`,
      );
  }
}

/** Apply a framework and lever settings to a copy, and check the result again. Never mutates `loaded`. */
export function resolveArm(
  loaded: LoadedScenario,
  framework: string | null | undefined,
  settings: Record<string, number>,
  names: InputNames = FLAG_NAMES,
): Resolution {
  const name = frameworkOrDefault(loaded, framework, names);
  const problems = leverProblems(loaded, settings, names, name);
  if (problems.length) throw problemsError(loaded.file, problems);
  const resolution = resolveScenario(loaded.scenario, name, settings);
  // A framework's `set` may write any value: check the result again.
  const again = checkShape(ceasefireScenarioSchema, resolution.scenario);
  if (!again.ok) throw problemsError(`${loaded.file} (framework ${resolution.framework})`, again.problems);
  return resolution;
}

export function modelFor(loaded: LoadedScenario, resolution: Resolution): Model {
  return buildModel(resolution.scenario, loaded.profiles);
}

/** The scenario's revisionist and defender states (by role, else the first two states). */
export function statesByRole(scenario: CeasefireScenario): { revisionist: string; defender: string } {
  const states = Object.entries(scenario.actors).filter(([, a]) => a.kind === 'state');
  const revisionist = states.find(([, a]) => a.kind === 'state' && a.role === 'revisionist')?.[0] ?? states[0][0];
  const defender =
    states.find(([, a]) => a.kind === 'state' && a.role === 'defender')?.[0] ?? states[1]?.[0] ?? states[0][0];
  return { revisionist, defender };
}

/**
 * `truce scenario show`: the scenario as a file that can be saved and used
 * again, giving the same results.
 *  - Without a framework or lever settings: the checked scenario with every
 *    default filled, frameworks and levers as written (the same scenario hash).
 *  - With them: that arm alone, resolved. Frameworks are overlays on the
 *    original scenario, so they are dropped (applying one again would apply
 *    it twice); each moved lever keeps its value as its `default`, and the
 *    paths of a `scale` lever hold the values before scaling, so that
 *    resolving the file again gives the same scenario.
 */
export function showScenario(
  loaded: LoadedScenario,
  framework: string | undefined,
  settings: Record<string, number>,
): { document: CeasefireScenario; framework: string | null; levers: Record<string, number>; resolved: boolean } {
  if (framework === undefined && Object.keys(settings).length === 0) {
    const levers = Object.fromEntries(listLevers(loaded.scenario).map((l) => [l.name, l.default]));
    return { document: loaded.scenario, framework: null, levers, resolved: false };
  }
  const r = resolveArm(loaded, framework, settings);
  const f = r.framework ? loaded.scenario.frameworks[r.framework] : undefined;
  const beforeLevers = structuredClone(loaded.scenario);
  for (const [p, v] of Object.entries(f?.set ?? {})) setPath(beforeLevers, p, v);
  const document = structuredClone(r.scenario);
  for (const [name, l] of Object.entries(document.levers)) {
    const moved = settings[name] ?? f?.levers[name] ?? l.default;
    if (moved === undefined) continue;
    l.default = moved;
    if (l.mode === 'scale') for (const p of l.paths) setPath(document, p, getPath(beforeLevers, p));
  }
  document.frameworks = {};
  delete document.defaultFramework;
  return { document, framework: r.framework, levers: r.levers, resolved: true };
}
