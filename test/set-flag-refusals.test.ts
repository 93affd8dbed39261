/**
 * `--set PATH=V` and `--vary PATH=V1,V2` on documented parameters: a value the scenario format refuses at that
 * path is the flag's fault, named as the flag (not the file under a framework); a parameter on a path a lever
 * moved in the same arm also writes is refused, naming both (the parameter, applied last, would make the lever a
 * no-op there), and `scenario validate` warns of such a path (docs/analysis.md, "Moving a documented parameter";
 * docs/scenario-reference.md, "Before you trust a new scenario").
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildArms } from '../src/app/arms.js';
import { FIELD_NAMES, loadScenario, resolveArm, scenarioHash, showScenario } from '../src/app/scenario.js';
import { planSensitivity } from '../src/app/sensitivity.js';
import { scenarioNotes } from '../src/core/scenario/advice.js';
import {
  checkLeverSettings,
  leverWrites,
  parameterLeverOverlaps,
  resolveScenario,
} from '../src/core/scenario/levers.js';
import { getPath } from '../src/core/scenario/paths.js';
import { InputError } from '../src/io/errors.js';
import { openStore } from '../src/store/db.js';
import { getExperiment, getSweepPoints, releaseExperiment, startExperiment } from '../src/store/experiments.js';
import { truce } from './helpers/cli.js';

const FILE = 'scenarios/iran-israel.yaml';
const LAUNCHERS = 'actors.iran.arsenal.launchers';
const loaded = loadScenario(FILE);
const dir = mkdtempSync(join(tmpdir(), 'truce-set-flag-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The message of the InputError `f` throws (fails the test if it throws nothing, or anything else). */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an InputError, got none');
}

describe('a documented parameter set to a value the format refuses at its path', () => {
  it('is refused before resolution, naming the flag and the value, not the framework', () => {
    // The documented range of launchers is [120, 240]; the format wants a whole number of launchers.
    expect(loaded.scenario.parameters[LAUNCHERS]).toMatchObject({ min: 120, max: 240 });
    const m = refusal(() => resolveArm(loaded, undefined, { [LAUNCHERS]: 150.5 }));
    expect(m).toBe(`${FILE}: --set ${LAUNCHERS}=150.5: expected a whole number >= 0`);
    expect(m).not.toMatch(/framework/);
    // --vary: the same, named as --vary, once per bad value; a good value among them is not named.
    const v = refusal(() =>
      buildArms(loaded, ['transactional-freeze'], {}, { lever: LAUNCHERS, values: [150.5, 200, 210.25] }),
    );
    expect(v.split('\n')).toEqual([
      `${FILE}: 2 problems`,
      `${FILE}: --vary ${LAUNCHERS}=150.5: expected a whole number >= 0`,
      `${FILE}: --vary ${LAUNCHERS}=210.25: expected a whole number >= 0`,
    ]);
    // The dashboard's names (its request fields) for the same two settings.
    expect(refusal(() => resolveArm(loaded, undefined, { [LAUNCHERS]: 150.5 }, FIELD_NAMES))).toBe(
      `${FILE}: set.${LAUNCHERS}=150.5: expected a whole number >= 0`,
    );
    expect(
      refusal(() =>
        buildArms(loaded, ['transactional-freeze'], {}, { lever: LAUNCHERS, values: [150.5] }, FIELD_NAMES),
      ),
    ).toBe(`${FILE}: vary.${LAUNCHERS}=150.5: expected a whole number >= 0`);
  });

  it('any fraction of a launcher inside the range is refused by the flag; any whole number inside it runs', () => {
    const s = loaded.scenario;
    fc.assert(
      fc.property(fc.integer({ min: 120, max: 239 }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), (n, f) => {
        const v = n + f;
        const problems = checkLeverSettings(s, { [LAUNCHERS]: v });
        expect(problems).toEqual([{ path: `--set ${LAUNCHERS}=${v}`, expected: 'a whole number >= 0' }]);
        expect(checkLeverSettings(s, { [LAUNCHERS]: n })).toEqual([]);
        expect(getPath(resolveArm(loaded, undefined, { [LAUNCHERS]: n }).scenario, LAUNCHERS)).toBe(n);
      }),
      { numRuns: 60 },
    );
  });

  it('the CLI: exit 2, the flag named, nothing printed on stdout, no report or store written', () => {
    const shown = truce(['scenario', 'show', FILE, '--set', `${LAUNCHERS}=150.5`]);
    expect(shown.code).toBe(2);
    expect(shown.stderr).toBe(`truce: ${FILE}: --set ${LAUNCHERS}=150.5: expected a whole number >= 0\n`);
    expect(shown.stdout).toBe('');
    const out = join(dir, 'report.html');
    const db = join(dir, 'store.db');
    const r = truce([
      'report',
      FILE,
      '--vary',
      `${LAUNCHERS}=150.5,200`,
      '--runs',
      '10',
      '--days',
      '30',
      '--posterior',
      'none',
      '--out',
      out,
      '--db',
      db,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--vary ${LAUNCHERS}=150.5: expected a whole number >= 0`);
    expect(r.stderr).not.toMatch(/framework transactional-freeze|at .*\.js:\d+/);
    expect(existsSync(out)).toBe(false);
    if (existsSync(db)) expect(truce(['runs', 'list', '--db', db]).stdout).toMatch(/^no experiments/);
  });
});

/** The built-in scenario, with `agreement.faceSaving` (the path of lever faceSaving) also documented as a parameter. */
function overlapping(): string {
  const text = readFileSync(FILE, 'utf8').replace(
    /^parameters:\n/m,
    'parameters:\n  agreement.faceSaving: { min: 0, max: 1, source: judged }\n',
  );
  const file = join(dir, 'overlap.yaml');
  writeFileSync(file, text);
  return file;
}

describe('a documented parameter on a path a lever also writes', () => {
  it('set with that lever moved in the same arm: refused, naming the parameter and the lever', () => {
    const o = loadScenario(overlapping());
    const s = o.scenario;
    expect(s.levers.faceSaving.paths).toEqual(['agreement.faceSaving']);
    // Resolved as before, the parameter (applied last) cancels the lever: the lever's 0.9 never reaches the path.
    const cancelled = resolveScenario(s, null, { faceSaving: 0.9, 'agreement.faceSaving': 0.1 });
    expect(cancelled.levers.faceSaving).toBe(0.9);
    expect(getPath(cancelled.scenario, 'agreement.faceSaving')).toBe(0.1);
    // So the pair is refused, whichever flag moves the lever.
    const problems = checkLeverSettings(s, { faceSaving: 0.9, 'agreement.faceSaving': 0.1 });
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('--set agreement.faceSaving=0.1');
    expect(problems[0].expected).toMatch(/lever faceSaving \(moved in the same arm\) writes agreement\.faceSaving too/);
    // Varying one of the pair: the --vary entry is named (what the user asked to study), with the --set it collides
    // with, whichever of the two is the lever (compare --vary below).
    const m = refusal(() =>
      buildArms(o, ['transactional-freeze'], { 'agreement.faceSaving': 0.1 }, { lever: 'faceSaving', values: [0, 1] }),
    );
    expect(m).toMatch(
      /: --vary faceSaving: expected a varied lever that writes no path set by --set PATH: it writes agreement\.faceSaving, which --set agreement\.faceSaving=0\.1 sets too/,
    );
    expect(m.split('\n')).toHaveLength(1);
    const n = refusal(() =>
      buildArms(o, ['transactional-freeze'], { faceSaving: 0.5 }, { lever: 'agreement.faceSaving', values: [0.2] }),
    );
    expect(n).toMatch(
      /: --vary agreement\.faceSaving: expected a parameter path no lever fixed by --set writes: lever faceSaving, which --set faceSaving=0\.5 fixes, writes agreement\.faceSaving too/,
    );
    // A framework that moves the lever moves it in the arm too (the arm's levers would report 0.7, the run 0.1).
    const f = s.frameworks['structural-architecture'].levers.faceSaving;
    expect(f).toBe(0.7);
    expect(refusal(() => resolveArm(o, 'structural-architecture', { 'agreement.faceSaving': 0.1 }))).toMatch(
      /--set agreement\.faceSaving=0\.1: expected .*lever faceSaving \(framework structural-architecture moves it to 0\.7\) writes agreement\.faceSaving too/,
    );
    expect(
      refusal(() =>
        buildArms(o, ['structural-architecture'], {}, { lever: 'agreement.faceSaving', values: [0.1, 0.2] }),
      ).split('\n'),
    ).toHaveLength(3);
    // So does a lever with an explicit default: resolution writes it in every arm.
    const withDefault = structuredClone(s);
    withDefault.levers.faceSaving.default = 0.2;
    expect(checkLeverSettings(withDefault, { 'agreement.faceSaving': 0.1 })[0].expected).toMatch(
      /lever faceSaving \(written at its default 0\.2 in every arm\)/,
    );
    // Either alone is allowed (no framework, no default), and the value set is the value run.
    expect(checkLeverSettings(s, { 'agreement.faceSaving': 0.1 })).toEqual([]);
    expect(getPath(resolveArm(o, null, { 'agreement.faceSaving': 0.1 }).scenario, 'agreement.faceSaving')).toBe(0.1);
    expect(getPath(resolveArm(o, null, { faceSaving: 0.9 }).scenario, 'agreement.faceSaving')).toBe(0.9);
    expect(showScenario(o, undefined, { faceSaving: 0.9 }).levers.faceSaving).toBe(0.9);
  });

  it('scenario validate warns of the path (the built-in scenario has no such path)', () => {
    const file = overlapping();
    const notes = scenarioNotes(loadScenario(file).scenario).filter((n) => n.path.startsWith('parameters'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ level: 'warning', path: 'parameters["agreement.faceSaving"]' });
    expect(notes[0].message).toMatch(/agreement\.faceSaving is also a path of lever faceSaving \(set\)/);
    expect(scenarioNotes(loaded.scenario).filter((n) => n.path.startsWith('parameters'))).toEqual([]);
    const v = truce(['scenario', 'validate', file]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toContain(
      'warning: parameters["agreement.faceSaving"]: the documented parameter agreement.faceSaving is also a path of lever faceSaving',
    );
    const c = truce([
      'compare',
      file,
      '--vary',
      'faceSaving=0,1',
      '--set',
      'agreement.faceSaving=0.5',
      '--runs',
      '5',
      '--no-store',
    ]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/--vary faceSaving: expected a varied lever .*--set agreement\.faceSaving=0\.5 sets too/);
    expect(c.stdout).toBe('');
  });
});

describe('compare --vary of a lever whose path a --set parameter also sets, or that --set also fixes', () => {
  /** A comparison as a user would start it, storing into `db`. */
  const compareCli = (file: string, db: string, ...args: string[]) =>
    truce(['compare', file, ...args, '--runs', '2', '--days', '30', '--posterior', 'none', '--db', db]);
  const stored = (db: string) => !existsSync(db) || /^no experiments/.test(truce(['runs', 'list', '--db', db]).stdout);

  it('is refused before anything runs or is stored, naming the --vary entry and the --set it collides with', () => {
    const file = overlapping();
    // Under any framework (transactional-freeze moves faceSaving to 0, structural-architecture to 0.7) or none named:
    // the varied lever is what the user asked to study, so the --vary entry is blamed, not the --set (it once was).
    for (const frameworks of [
      [],
      ['--frameworks', 'structural-architecture'],
      ['--frameworks', 'transactional-freeze'],
    ]) {
      const db = join(dir, `vary-overlap-${frameworks.join('-')}.db`);
      const r = compareCli(file, db, '--vary', 'faceSaving=0,1', '--set', 'agreement.faceSaving=0.5', ...frameworks);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(
        `truce: ${file}: --vary faceSaving: expected a varied lever that writes no path set by --set PATH: it writes agreement.faceSaving, which --set agreement.faceSaving=0.5 sets too, and the value set by path would override the lever there in every arm while the arms are labelled with its values (vary the lever or set the path, not both)\n`,
      );
      expect(r.stdout).toBe('');
      expect(stored(db)).toBe(true);
    }
    // The other way round: a varied parameter path that a lever fixed by --set writes; the --vary entry again.
    const db = join(dir, 'vary-overlap-path.db');
    const p = compareCli(file, db, '--vary', 'agreement.faceSaving=0.2,0.4', '--set', 'faceSaving=0.5');
    expect(p.code, p.stderr).toBe(2);
    expect(p.stderr).toBe(
      `truce: ${file}: --vary agreement.faceSaving: expected a parameter path no lever fixed by --set writes: lever faceSaving, which --set faceSaving=0.5 fixes, writes agreement.faceSaving too, and the values varied by --vary would override the lever there while results report its fixed value (move the lever or the path, not both)\n`,
    );
    expect(p.stdout).toBe('');
    expect(stored(db)).toBe(true);
    // The dashboard's names (its request fields) for the same request.
    const o = loadScenario(file);
    expect(
      refusal(() =>
        buildArms(
          o,
          ['transactional-freeze'],
          { 'agreement.faceSaving': 0.5 },
          { lever: 'faceSaving', values: [0, 1] },
          FIELD_NAMES,
        ),
      ),
    ).toBe(
      `${file}: vary.faceSaving: expected a varied lever that writes no path set by set.PATH: it writes agreement.faceSaving, which set.agreement.faceSaving=0.5 sets too, and the value set by path would override the lever there in every arm while the arms are labelled with its values (vary the lever or set the path, not both)`,
    );
    // Varying the lever alone builds its arms.
    expect(buildArms(o, ['transactional-freeze'], {}, { lever: 'faceSaving', values: [0, 1] })).toHaveLength(2);
  });

  it('a lever or path both varied by --vary and fixed by --set is refused (the fixed value was silently dropped)', () => {
    for (const [vary, set] of [
      ['faceSaving=0,1', 'faceSaving=0.5'],
      ['actors.israel.defense.stocksAtSigning=0.4,1', 'actors.israel.defense.stocksAtSigning=0.7'],
    ]) {
      const db = join(dir, `vary-both-${vary.length}.db`);
      const r = compareCli(FILE, db, '--vary', vary, '--set', set);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(
        `truce: ${FILE}: --vary ${vary.split('=')[0]}: expected a lever or parameter either varied by --vary or fixed by --set, found it in both\n`,
      );
      expect(r.stdout).toBe('');
      expect(stored(db)).toBe(true);
    }
  });
});

describe('a sweep of a lever whose path a --set parameter also sets', () => {
  it('is refused before anything is stored, naming --ranges (it once stored a sweep that failed at every point and every --resume)', () => {
    const file = overlapping();
    const db = join(dir, 'sweep-overlap.db');
    const r = truce([
      'sweep',
      file,
      '--design',
      'grid',
      '--ranges',
      'faceSaving=0.2:0.8',
      '--set',
      'agreement.faceSaving=0.5',
      '--points',
      '2',
      '--runs-per-point',
      '2',
      '--db',
      db,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--ranges faceSaving: expected a swept lever that writes no path set by --set PATH: it writes agreement\.faceSaving, which --set agreement\.faceSaving=0\.5 sets too/,
    );
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    if (existsSync(db)) expect(truce(['runs', 'list', '--db', db]).stdout).toMatch(/^no experiments/);
  });
});

describe('sensitivity of a lever whose path a --set parameter also sets, or that --set also fixes', () => {
  /** A sensitivity run as a user would start it, storing into `db`. */
  const sensitivityCli = (file: string, db: string, ...args: string[]) =>
    truce(['sensitivity', file, ...args, '--samples', '2', '--runs-per-point', '2', '--days', '30', '--db', db]);

  it('is refused before anything runs or is stored, naming --levers and the --set it collides with, under any framework', () => {
    const file = overlapping();
    // Under the default framework (transactional-freeze moves faceSaving to 0) and another (0.7), the message is the
    // same: the analysis moves the lever at every design point, whatever the framework does with it.
    for (const framework of [[], ['--framework', 'structural-architecture']]) {
      const db = join(dir, `sensitivity-overlap-${framework.length}.db`);
      const r = sensitivityCli(
        file,
        db,
        '--levers',
        'verification,faceSaving',
        '--set',
        'agreement.faceSaving=0.5',
        ...framework,
      );
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(
        `truce: ${file}: --levers faceSaving: expected a lever to analyse that writes no path set by --set PATH: it writes agreement.faceSaving, which --set agreement.faceSaving=0.5 sets too, and the value set by path would override the lever there at every design point while its indices are reported as the lever's effect (analyse the lever or set the path, not both)\n`,
      );
      expect(r.stdout).toBe('');
      if (existsSync(db)) expect(truce(['runs', 'list', '--db', db]).stdout).toMatch(/^no experiments/);
    }
    // The dashboard's names (its request fields) for the same request.
    const o = loadScenario(file);
    const req = {
      method: 'morris' as const,
      levers: ['faceSaving'],
      output: 'pCollapse' as const,
      samples: 2,
      levels: 4,
      seed: 1,
      runsPerPoint: 2,
      set: { 'agreement.faceSaving': 0.5 },
    };
    expect(refusal(() => planSensitivity(o, req, FIELD_NAMES))).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: levers\\.faceSaving: expected a lever to analyse that writes no path set by set\\.PATH: it writes agreement\\.faceSaving, which set\\.agreement\\.faceSaving=0\\.5 sets too`,
      ),
    );
    // Analysing another lever with the parameter set is allowed where no lever writes the path in the arm.
    expect(() => planSensitivity(o, { ...req, levers: ['verification'], framework: undefined }, FIELD_NAMES)).toThrow(
      /set\.agreement\.faceSaving=0\.5: expected a parameter path no lever writes in this arm: lever faceSaving \(framework transactional-freeze/,
    );
    expect(
      planSensitivity(loadScenario(FILE), { ...req, levers: ['verification'], set: {} }).totalRuns,
    ).toBeGreaterThan(0);
  });

  it('a lever both analysed by --levers and fixed by --set is refused (the fixed value was silently dropped)', () => {
    const db = join(dir, 'sensitivity-both.db');
    const r = sensitivityCli(FILE, db, '--levers', 'verification,faceSaving', '--set', 'faceSaving=0.5');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe(
      `truce: ${FILE}: --levers faceSaving: expected a lever either analysed by --levers or fixed by --set, found it in both\n`,
    );
    expect(r.stdout).toBe('');
    if (existsSync(db)) expect(truce(['runs', 'list', '--db', db]).stdout).toMatch(/^no experiments/);
  });
});

describe('the one test of a path against the levers agrees with resolution', () => {
  it('leverWrites names a lever exactly when resolving the arm writes the path, for any framework, settings and defaults', () => {
    const base = loadScenario(overlapping()).scenario;
    const path = 'agreement.faceSaving';
    // A value no lever setting below can write, so a write shows as a change.
    const sentinel = 0.123456789;
    const frameworks = [null, ...Object.keys(base.frameworks)];
    fc.assert(
      fc.property(
        fc.constantFrom(...frameworks),
        fc.option(fc.constantFrom(0, 0.25, 1), { nil: undefined }),
        fc.option(fc.constantFrom(0, 0.5, 1), { nil: undefined }),
        fc.boolean(),
        (framework, dflt, moved, analysed) => {
          const s = structuredClone(base);
          s.agreement.faceSaving = sentinel;
          if (dflt === undefined) delete s.levers.faceSaving.default;
          else s.levers.faceSaving.default = dflt;
          for (const f of Object.values(s.frameworks)) delete f.set?.[path];
          const settings: Record<string, number> = moved === undefined ? {} : { faceSaving: moved };
          // An analysed lever is moved at each point: resolution sees it as a setting.
          const resolved = resolveScenario(s, framework, analysed ? { ...settings, faceSaving: 0.5 } : settings);
          const written = getPath(resolved.scenario, path) !== sentinel;
          const writes = leverWrites(
            s,
            path,
            [...Object.keys(settings), ...(analysed ? ['faceSaving'] : [])],
            framework,
          );
          expect(writes.length > 0).toBe(written);
          // The overlap of a parameter set by path is that test, and checkLeverSettings refuses exactly those.
          const withParam = { ...settings, [path]: 0.5 };
          const overlaps = parameterLeverOverlaps(s, withParam, framework, analysed ? ['faceSaving'] : []);
          expect(overlaps.length > 0).toBe(written);
          if (!analysed)
            expect(checkLeverSettings(s, withParam, framework).some((p) => p.path === `--set ${path}=0.5`)).toBe(
              written,
            );
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('resuming a sweep stored before its --ranges/--set overlap was refused', () => {
  it('is refused naming the stored sweep and --ranges, with nothing added to it', () => {
    const file = overlapping();
    const o = loadScenario(file);
    const db = join(dir, 'resume-overlap.db');
    const store = openStore(db, 'write');
    let id: number;
    try {
      // What startSweep stored before it refused the pair.
      id = startExperiment(store, {
        kind: 'sweep',
        truceVersion: 'test',
        scenarioName: o.scenario.name,
        scenarioHash: scenarioHash(o),
        scenario: { file: o.file, scenario: o.scenario, profiles: o.profiles, document: o.raw },
        seed: 1,
        runs: 2,
        params: {
          design: 'grid',
          ranges: { faceSaving: [0.2, 0.8] },
          points: 2,
          runsPerPoint: 2,
          seed: 1,
          framework: null,
          set: ['agreement.faceSaving=0.5'],
          days: 30,
        },
        createdAt: new Date().toISOString(),
      });
      releaseExperiment(store, id);
    } finally {
      store.close();
    }
    const r = truce(['sweep', '--resume', String(id), '--db', db]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^truce: sweep ${id}: --ranges faceSaving: expected a swept lever that writes no path set by --set PATH: it writes agreement\\.faceSaving, which --set agreement\\.faceSaving=0\\.5 sets too`,
      ),
    );
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    const read = openStore(db, 'read');
    try {
      expect(getSweepPoints(read, id)).toEqual([]);
      // As it was: unfinished, with no owner.
      expect(getExperiment(read, id)?.status).toBe('interrupted');
    } finally {
      read.close();
    }
  });
});
