/** `truce run`, `truce levers`, `truce scenario` as a user runs them. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { truce } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'truce-run-'));
const builtInText = readFileSync('scenarios/iran-israel.yaml', 'utf8');

function variant(name: string, edit: (doc: Record<string, unknown>) => void): string {
  const doc = parse(builtInText) as Record<string, unknown>;
  edit(doc);
  const p = join(tmp, name);
  // A copy elsewhere must still find the built-in defence profile by name.
  writeFileSync(p, JSON.stringify(doc));
  return p;
}

describe('truce run --json', () => {
  const r = truce(['run', '--json', '--seed', '7']);
  const j = JSON.parse(r.stdout);

  it('prints the contract: seed, framework, levers, outcome, trajectory, events', () => {
    expect(r.code).toBe(0);
    expect(j.seed).toBe(7);
    expect(j.framework).toBe('transactional-freeze');
    expect(j.levers.verification).toBe(0.05);
    expect(Object.keys(j.levers)).toEqual(
      expect.arrayContaining([
        'verification',
        'specificity',
        'faceSaving',
        'mediatorCommitment',
        'competingTheaters',
        'domesticAversion',
        'sanctions',
        'proxyDegradation',
        'interceptorStock',
        'guarantors',
      ]),
    );
    expect(typeof j.outcome.collapsed).toBe('boolean');
    expect(Object.keys(j.outcome)).toEqual(expect.arrayContaining(['collapsed', 'day', 'firstCrosser', 'attribution']));
    const day = j.trajectory[1];
    expect(day.day).toBe(1);
    expect(typeof day.misalignment).toBe('number');
    for (const id of ['israel', 'iran']) {
      expect(Object.keys(day.actors[id])).toEqual(expect.arrayContaining(['rung', 'eu', 'terms']));
      const sum = Object.values<number>(day.actors[id].terms).reduce((s, x) => s + x, 0);
      expect(sum).toBeCloseTo(day.actors[id].eu, 9);
    }
    const e = j.events.find((x: { kind: string }) => x.kind === 'action');
    expect(Object.keys(e)).toEqual(expect.arrayContaining(['day', 'actor', 'action', 'perceivedAsViolationBy']));
  });

  it('the trajectory ends at the collapse day or the horizon', () => {
    const last = j.trajectory[j.trajectory.length - 1].day;
    expect(last).toBe(j.outcome.collapsed ? j.outcome.day : 365);
  });

  it('the same seed gives byte-identical JSON; another seed does not', () => {
    expect(truce(['run', '--json', '--seed', '7']).stdout).toBe(r.stdout);
    expect(truce(['run', '--json', '--seed', '8']).stdout).not.toBe(r.stdout);
  });

  it('frameworks and levers apply: structural-architecture sets verification 0.8, --set overrides it', () => {
    const s = JSON.parse(truce(['run', '--json', '--framework', 'structural-architecture', '--days', '30']).stdout);
    expect(s.levers.verification).toBe(0.8);
    expect(s.trajectory).toHaveLength(31);
    const o = JSON.parse(
      truce(['run', '--json', '--framework', 'structural-architecture', '--set', 'verification=0.3', '--days', '10'])
        .stdout,
    );
    expect(o.levers.verification).toBe(0.3);
  });

  it('the readable account has a timeline, EU terms and the outcome', () => {
    const out = truce(['run', '--seed', '7']).stdout;
    expect(out).toMatch(/The ceasefire (HELD|COLLAPSED)/);
    expect(out).toMatch(/Timeline/);
    expect(out).toMatch(/Escalation utility/);
    expect(out).toMatch(/credibility/);
    // Both beliefs, labelled, with the last day's values from the JSON (3 decimals).
    const last = j.trajectory[j.trajectory.length - 1].actors;
    for (const [label, key] of [
      ['threat belief (stored)', 'threatBelief'],
      ['threat reading (acted on)', 'threatReading'],
    ]) {
      const row = out.split('\n').find((l) => l.startsWith(label))!;
      expect(row, label).toBeDefined();
      const cells = row.slice(label.length).trim().split(/\s+/).map(Number);
      expect(cells[0]).toBeCloseTo(last.israel[key], 3);
      expect(cells[2]).toBeCloseTo(last.iran[key], 3);
    }
    expect(out).toMatch(/Threat reading: what the decisions act on/);
  });

  it('each state carries the stored threatBelief and the threatReading the decisions act on (not below it)', () => {
    for (const point of j.trajectory)
      for (const id of ['israel', 'iran']) {
        expect(typeof point.actors[id].threatBelief).toBe('number');
        expect(point.actors[id].threatReading).toBeGreaterThanOrEqual(point.actors[id].threatBelief);
      }
    // The built-in freeze (v = 0.05, lag 3 days) leaves a gap: the two differ.
    expect(j.trajectory[0].actors.israel.threatReading).toBeGreaterThan(j.trajectory[0].actors.israel.threatBelief);
  });
});

describe('truce levers and truce scenario', () => {
  it('lists every lever with range, default and meaning', () => {
    const r = truce(['levers']);
    expect(r.code).toBe(0);
    for (const l of [
      'verification',
      'specificity',
      'faceSaving',
      'mediatorCommitment',
      'competingTheaters',
      'domesticAversion',
      'sanctions',
      'proxyDegradation',
      'interceptorStock',
      'guarantors',
    ])
      expect(r.stdout).toMatch(new RegExp(`^${l}\\s`, 'm'));
    const j = JSON.parse(truce(['levers', '--json']).stdout);
    const v = j.levers.find((l: { name: string }) => l.name === 'verification');
    expect(v).toMatchObject({ min: 0, max: 1, default: 0.05 });
  });
  it('validates the built-in scenario and shows it resolved', () => {
    const v = truce(['scenario', 'validate', 'scenarios/iran-israel.yaml']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/valid/);
    const show = parse(
      truce(['scenario', 'show', 'scenarios/iran-israel.yaml', '--framework', 'structural-architecture']).stdout,
    );
    expect(show.agreement.verification.capability).toBe(0.8);
    expect(show.actors.israel.economy.militaryShare).toBe(0.05);
  });
  it('a copied scenario elsewhere still resolves its defence profile', () => {
    const p = variant('copy.json', () => undefined);
    expect(truce(['scenario', 'validate', p]).code).toBe(0);
  });
});

describe('bad input: a clear message naming file, path, expectation and finding; non-zero exit; nothing on stdout', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown lever', ['run', '--set', 'verificaton=0.5'], /--set verificaton: expected a lever of this scenario/],
    [
      'lever out of range',
      ['run', '--set', 'verification=1.5'],
      /--set verification: expected a value in \[0, 1\], got 1\.5/,
    ],
    ['malformed --set', ['run', '--set', 'verification'], /--set verification: expected LEVER=NUMBER/],
    [
      'unknown framework',
      ['run', '--framework', 'grand-bargain'],
      /--framework: expected a framework .*got "grand-bargain"/,
    ],
  ];
  for (const [name, args, msg] of cases) {
    it(name, () => {
      const r = truce(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }
  it('unknown actor referenced', () => {
    const p = variant(
      'bad-actor.json',
      (d) => ((d.actors as Record<string, { patron?: string }>).hezbollah.patron = 'syria'),
    );
    const r = truce(['run', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /bad-actor\.json: actors\.hezbollah\.patron: expected the id of a state actor .*got "syria"/,
    );
  });
  it('unknown action referenced', () => {
    const p = variant(
      'bad-action.json',
      (d) =>
        ((d.actors as Record<string, { activities: Record<string, number> }>).israel.activities['naval-blockade'] =
          0.1),
    );
    const r = truce(['scenario', 'validate', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/actors\.israel\.activities\.naval-blockade: expected an action of the catalog/);
  });
  it('a value out of bounds in the file', () => {
    const p = variant('bad-value.json', (d) => ((d.agreement as { specificity: number }).specificity = 2));
    const r = truce(['scenario', 'validate', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/agreement\.specificity: expected a probability in \[0, 1\], got 2/);
  });
  it('malformed YAML', () => {
    const p = join(tmp, 'broken.yaml');
    writeFileSync(p, 'name: x\nactors: [\n  - a: 1\n');
    const r = truce(['run', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+: malformed YAML/);
  });
  it('a lever pointing nowhere', () => {
    const p = variant(
      'bad-lever.json',
      (d) => ((d.levers as Record<string, { paths: string[] }>).verification.paths = ['agreement.monitor.capability']),
    );
    const r = truce(['levers', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/levers\.verification\.paths\[0\]: expected a path to a numeric field/);
  });
});
