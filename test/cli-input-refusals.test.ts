/**
 * Input the commands refuse in one sentence, exit 2, nothing on stdout: a day of P(collapse by day d) past the
 * horizon, a file of another kind than the command reads, a count of zero named by what it counts. And
 * `scenario validate --json` answers in JSON whether or not the file is valid.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkScenario } from '../src/app/check-scenario.js';
import { truce } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'truce-refusals-'));

/** One `truce: ...` line on stderr, nothing on stdout, exit 2. */
function refused(args: string[]): string {
  const r = truce(args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return lines[0];
}

describe('--at past the horizon is refused, naming the flag, the day and the horizon', () => {
  const horizon = (parse(readFileSync('scenarios/iran-israel.yaml', 'utf8')) as { horizonDays: number }).horizonDays;

  it("compare: the scenario's own horizon", () => {
    const line = refused(['compare', '--runs', '10', '--at', `30,${horizon + 35}`, '--no-store']);
    expect(line).toMatch(new RegExp(`^truce: --at ${horizon + 35}: beyond the horizon \\(${horizon} days`));
    expect(line).toMatch(new RegExp(`expected days from 1 to ${horizon}$`));
  });

  it('compare: the horizon --days sets', () => {
    const line = refused(['compare', '--runs', '10', '--days', '100', '--at', '30,200', '--no-store']);
    expect(line).toMatch(/^truce: --at 200: beyond the horizon \(100 days, --days\)/);
  });

  it('a scenario with a shorter horizon', () => {
    const file = join(dir, 'short.yaml');
    writeFileSync(
      file,
      readFileSync('scenarios/iran-israel.yaml', 'utf8').replace(/^horizonDays: \d+/m, 'horizonDays: 120'),
    );
    expect(refused(['compare', file, '--runs', '10', '--at', '180', '--no-store'])).toMatch(
      /--at 180: beyond the horizon \(120 days/,
    );
  });

  it('report: refused before anything runs, no file written', () => {
    const out = join(dir, 'report.html');
    expect(refused(['report', '--runs', '10', '--at', String(horizon + 1), '--out', out, '--no-store'])).toMatch(
      new RegExp(`--at ${horizon + 1}: beyond the horizon \\(${horizon} days`),
    );
    expect(existsSync(out)).toBe(false);
  });

  it('days within the horizon, up to the horizon itself, are all reported', () => {
    const r = truce([
      'compare',
      '--runs',
      '20',
      '--days',
      '60',
      '--at',
      '7,60',
      '--workers',
      '1',
      '--no-store',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { arms: { pCollapseBy: Record<string, unknown> }[] };
    for (const arm of out.arms) expect(Object.keys(arm.pCollapseBy).sort()).toEqual(['60', '7']);
  });
});

describe('scenario validate --json', () => {
  interface Problem {
    file: string;
    path: string;
    message: string;
    line?: number;
  }
  const validate = (file: string) => {
    const r = truce(['scenario', 'validate', file, '--json']);
    return { ...r, json: JSON.parse(r.stdout) as { valid: boolean; kind: string | null; problems?: Problem[] } };
  };

  it('an invalid file: valid false and every problem with file, path and message on stdout, exit 2', () => {
    const file = join(dir, 'bad-scenario.yaml');
    writeFileSync(
      file,
      readFileSync('scenarios/iran-israel.yaml', 'utf8')
        .replace(/^horizonDays: \d+/m, 'horizonDays: 0')
        .replace(/^collapseRung: \d+/m, 'collapseRung: 4\nsurprise: 1'),
    );
    const r = validate(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.json.valid).toBe(false);
    expect(r.json.kind).toBe('ceasefire');
    const problems = r.json.problems!;
    expect(problems.map((p) => p.path).sort()).toEqual(['horizonDays', 'surprise']);
    for (const p of problems) {
      expect(p.file).toBe(file);
      expect(p.message).toMatch(/^expected /);
    }
    // The lines are those of the file as written.
    const lines = readFileSync(file, 'utf8').split('\n');
    for (const p of problems) expect(lines[p.line! - 1]).toMatch(new RegExp(`^${p.path}:`));
    // The same problems as the text mode, which is unchanged.
    const text = truce(['scenario', 'validate', file]);
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    for (const p of problems) expect(text.stderr).toContain(`${file}: ${p.path}: ${p.message}`);
  });

  it('malformed YAML and a missing file are problems too', () => {
    const file = join(dir, 'malformed.yaml');
    writeFileSync(file, 'name: x\nactors: [1, 2\n');
    const m = validate(file);
    expect(m.code).toBe(2);
    expect(m.json.valid).toBe(false);
    expect(m.json.problems![0]).toMatchObject({ file, path: '' });
    expect(m.json.problems![0].message).toMatch(/^expected well-formed YAML/);
    const missing = validate(join(dir, 'nowhere.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.json).toMatchObject({ valid: false, kind: null });
    expect(missing.json.problems).toEqual([
      { file: join(dir, 'nowhere.yaml'), path: '', message: 'cannot read: no such file' },
    ]);
  });

  it('a valid file: the object as before, exit 0', () => {
    const r = validate('scenarios/campaign/twelve-day-war.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(r.json)).toEqual(['file', 'valid', 'kind', 'because', 'summary']);
    expect(r.json).toMatchObject({ valid: true, kind: 'campaign' });
  });
});

describe('a file of another kind is refused in one sentence: what it is, and which command takes it', () => {
  const cases: [string[], RegExp][] = [
    [
      ['engage', 'scenarios/iran-israel.yaml'],
      /^truce: scenarios\/iran-israel\.yaml: expected an engagement file .*got a ceasefire scenario \(it has actors, agreement, actions, frameworks\); give it to truce run, compare/,
    ],
    [
      ['campaign', 'scenarios/iran-israel.yaml'],
      /expected a campaign file .*got a ceasefire scenario .*give it to truce run, compare/,
    ],
    [
      ['compare', 'scenarios/campaign/twelve-day-war.yaml', '--runs', '10', '--no-store'],
      /^truce: scenarios\/campaign\/twelve-day-war\.yaml: expected a ceasefire scenario .*got a campaign file \(it has attacker, plan, days\); give it to truce campaign$/,
    ],
    [['run', 'scenarios/history/2024-04-13.yaml'], /got an engagement file \(it has salvo\); give it to truce engage$/],
    [
      ['campaign', 'scenarios/engagement/explorer.yaml'],
      /got an engagement file \(it has salvo\); give it to truce engage$/,
    ],
    [['engage', 'scenarios/campaign/twelve-day-war.yaml'], /got a campaign file .*give it to truce campaign$/],
    [
      ['levers', 'scenarios/defense/israel-2024.yaml'],
      /expected a ceasefire scenario .*got a defence profile \(it has layers\)/,
    ],
  ];
  for (const [args, message] of cases)
    it(`truce ${args.slice(0, 2).join(' ')}`, () => expect(refused(args)).toMatch(message));

  it('a misspelt field of the right kind is still named, not taken for another kind', () => {
    // A defence profile's layers with a salvo spelt "salvos": an engagement with a typo, not a defence profile.
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, `salvos: { ballistic: 10 }\n${readFileSync('scenarios/defense/israel-2024.yaml', 'utf8')}`);
    const r = truce(['engage', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/salvos: expected a known field/);
    expect(r.stderr).not.toMatch(/defence profile/);
  });

  it("the dashboard's scenario check gives the same one problem", () => {
    const c = checkScenario(readFileSync('scenarios/campaign/twelve-day-war.yaml', 'utf8'), 'dashboard');
    expect(c.ok).toBe(false);
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0].found).toMatch(/^a campaign file \(it has attacker, plan, days\)/);
  });
});

describe('a refused count says what it counts', () => {
  const cases: [string[], RegExp][] = [
    [['run', '--days', '0'], /--days <n>' argument '0' is invalid\. expected a number of days/],
    [['campaign', '--runs', '0', 'x'], /--runs <n>' argument '0' is invalid\. expected a number of runs/],
    [['compare', '--runs', '0'], /expected a number of runs/],
    [['sweep', '--runs-per-point', '0'], /expected a number of runs/],
    [['runs', 'show', '0'], /expected an experiment id/],
    [['engage', 'x', '--samples', '0'], /expected a number of samples/],
  ];
  for (const [args, message] of cases)
    it(`truce ${args.join(' ')}`, () => {
      const r = truce(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    });

  it('--frameworks is named as --frameworks', () => {
    expect(refused(['compare', '--frameworks', 'transactional-freeze,nope', '--runs', '10', '--no-store'])).toMatch(
      /^truce: --frameworks: expected frameworks of scenarios\/iran-israel\.yaml \(transactional-freeze, structural-architecture\), got "nope"$/,
    );
  });
});
