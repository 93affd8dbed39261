/**
 * Hostile requests to the dashboard and abusive command lines, as
 * fast-check arbitraries (fuzz/main.ts). Requests walk every route with
 * malformed paths, methods, content types, missing tokens and bodies built
 * from generated documents plus hostile fields (days 1e9, prototype keys,
 * huge lists). Command lines set one flag to a hostile value and keep the
 * others small, so a clean run is quick and a slow one is a finding.
 */
import fc from 'fast-check';
import { documentArbitrary } from './arbitraries.js';

export interface RequestCase {
  method: string;
  path: string;
  contentType: string;
  withToken: boolean;
  body: string;
}

export interface CliCase {
  args: string[];
}

const hostileNumbers: unknown[] = [
  0,
  -1,
  1,
  2,
  0.5,
  1e9,
  1e12,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  '1e9',
  'x',
  null,
  true,
  [],
  {},
  'NaN',
];
const names = [
  'iran-israel',
  'nope',
  '%',
  '%zz',
  '..%2f..%2fetc%2fpasswd',
  '__proto__',
  'constructor',
  'a'.repeat(3000),
  '%00',
  '.',
  'israel-2024',
  '%E0%A4%A',
];
const paths = [
  '/api/scenarios',
  '/api/explorer',
  '/api/runs',
  '/api/runs/1',
  '/api/runs/99999999999999999999',
  '/api/jobs/1',
  '/api/jobs/abc',
  '/api/nope',
  '/api/',
  '/api',
  '//api//scenarios',
  '/%',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/index.html',
  '/assets/%ff',
  '/?x=%',
];
const posts = [
  '/api/check',
  '/api/run',
  '/api/campaign',
  '/api/explorer',
  '/api/compare',
  '/api/sensitivity',
  '/api/sweep',
];

/** Extra fields for a POST body: mostly sensible, sometimes hostile. */
const fields = fc.record(
  {
    seed: fc.oneof(fc.nat(1000), fc.constantFrom(...hostileNumbers)),
    runs: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constantFrom(...hostileNumbers)),
    days: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(...hostileNumbers)),
    set: fc.oneof(
      fc.constant({ verification: 0.5 }),
      fc.constantFrom<unknown>(
        { __proto__: 1 },
        JSON.parse('{"__proto__": {"polluted": 1}}'),
        { constructor: 0.5 },
        { ['x'.repeat(500)]: 1 },
        { verification: 1e308 },
      ),
    ),
    frameworks: fc.oneof(
      fc.constant(['transactional-freeze', 'structural-architecture']),
      fc.constantFrom<unknown>(
        ['__proto__'],
        Array.from({ length: 5000 }, () => 'transactional-freeze'),
        'x',
        [],
      ),
    ),
    levers: fc.constantFrom<unknown>(['verification', 'specificity'], ['__proto__'], ['constructor', 'verification']),
    samples: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom(...hostileNumbers)),
    runsPerPoint: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(...hostileNumbers)),
    points: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom(...hostileNumbers)),
    design: fc.constantFrom<unknown>('grid', 'lhs', 'sobol', '__proto__', 1),
    ranges: fc.constantFrom<unknown>(
      { verification: [0, 1] },
      JSON.parse('{"__proto__": [0, 1]}'),
      { verification: [1, 0] },
      { verification: [0, 1e308] },
    ),
    method: fc.constantFrom<unknown>('morris', 'sobol', 'x'),
    vary: fc.constantFrom<unknown>(
      undefined,
      { lever: 'verification', values: [0.2, 0.8] },
      { lever: '__proto__', values: [1] },
      { lever: 'verification', values: Array.from({ length: 2000 }, (_, i) => i / 2000) },
    ),
  },
  { requiredKeys: [] },
);

export function requestArbitrary(): fc.Arbitrary<RequestCase> {
  const post = fc
    .tuple(
      fc.constantFrom(...posts),
      documentArbitrary(),
      fields,
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        '',
      ),
      fc.boolean(),
      fc.nat(20),
      fc.boolean(),
    )
    .map(([path, doc, extra, contentType, withToken, garbage, noYaml]): RequestCase => {
      const body =
        garbage === 0
          ? '{"yaml": '
          : garbage === 1
            ? doc.text
            : garbage === 2
              ? '[1,2,3]'
              : JSON.stringify({ ...(noYaml && path === '/api/campaign' ? {} : { yaml: doc.text }), ...extra });
      return {
        method: 'POST',
        path,
        contentType: garbage > 3 ? 'application/json' : contentType,
        withToken: garbage > 4 || withToken,
        body,
      };
    });
  const get = fc.oneof(
    fc
      .constantFrom(...paths)
      .map((path): RequestCase => ({ method: 'GET', path, contentType: '', withToken: false, body: '' })),
    fc
      .tuple(fc.constantFrom('/api/scenarios/', '/api/defense/'), fc.constantFrom(...names))
      .map(([p, n]): RequestCase => ({ method: 'GET', path: p + n, contentType: '', withToken: false, body: '' })),
    fc
      .tuple(fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE'), fc.constantFrom(...paths, ...posts))
      .map(([method, path]): RequestCase => ({
        method,
        path,
        contentType: 'application/json',
        withToken: true,
        body: '{}',
      })),
  );
  return fc.oneof({ arbitrary: post, weight: 4 }, { arbitrary: get, weight: 1 });
}

const values = [
  '0',
  '1',
  '2',
  '-1',
  '1e12',
  '999999999999',
  '9007199254740991',
  'abc',
  '',
  '0x10',
  '1.5',
  'NaN',
  'Infinity',
  '100000000',
  '1000',
  '3651',
  '70000',
];
const lever = ['verification', '__proto__', 'constructor', 'prototype', 'nope', 'verification,verification'];

/** Commands with a work budget: the fuzzer lowers it to about 20 s of one core (docs/limits.md). */
const BUDGETED = new Set(['run', 'compare', 'report', 'facts', 'sweep', 'sensitivity', 'engage', 'campaign', 'ablate']);
export const FUZZ_MAX_WORK = '2e7';

/**
 * Abusive command lines. Where a command has a work budget it is lowered to 2e7 units, about the 20 s a case
 * may take: a command must then refuse or finish in time, so a hang also means an estimate that is too low. A
 * flag the case sets itself (`--max-work x`) comes later and wins.
 */
export function cliArbitrary(): fc.Arbitrary<CliCase> {
  return cliLines().map(withFuzzBudget);
}

/** The command line with the fuzzer's budget (idempotent; also applied to saved cases on replay). */
export function withFuzzBudget(c: CliCase): CliCase {
  if (!BUDGETED.has(c.args[0]) || c.args[1] === '--max-work') return c;
  return { args: [c.args[0], '--max-work', FUZZ_MAX_WORK, ...c.args.slice(1)] };
}

function cliLines(): fc.Arbitrary<CliCase> {
  const v = fc.constantFrom(...values);
  const small = ['--days', '20', '--workers', '1'];
  return fc.oneof(
    fc.tuple(fc.constantFrom('--days', '--seed', '--events'), v).map(([f, x]) => ({ args: ['run', f, x, '--json'] })),
    fc
      .tuple(fc.constantFrom(...lever), v)
      .map(([l, x]) => ({ args: ['run', '--set', `${l}=${x}`, '--days', '20', '--json'] })),
    fc
      .tuple(fc.constantFrom('--runs', '--days', '--workers', '--seed', '--max-work'), v)
      .map(([f, x]) => ({ args: ['compare', '--runs', '10', ...small, f, x, '--no-store', '--json'] })),
    fc.tuple(fc.constantFrom(...lever), v).map(([l, x]) => ({
      args: ['compare', '--runs', '10', ...small, '--vary', `${l}=0.1,${x}`, '--no-store', '--json'],
    })),
    fc
      .tuple(fc.constantFrom('--samples', '--seed', '--max-work'), v, fc.constantFrom('auto', 'exact', 'monte-carlo'))
      .map(([f, x, m]) => ({
        args: ['engage', 'scenarios/history/2024-04-13.yaml', '--method', m, '--samples', '1000', f, x, '--json'],
      })),
    fc.tuple(fc.constantFrom('--runs', '--seed'), v).map(([f, x]) => ({
      args: ['campaign', 'scenarios/campaign/twelve-day-war.yaml', '--runs', '50', f, x, '--json'],
    })),
    fc
      .tuple(
        fc.constantFrom('--points', '--runs-per-point', '--days'),
        v,
        fc.constantFrom('grid', 'lhs', 'sobol'),
        fc.constantFrom(...lever),
      )
      .map(([f, x, d, l]) => ({
        args: [
          'sweep',
          '--design',
          d,
          '--ranges',
          `${l}=0:1`,
          '--points',
          '3',
          '--runs-per-point',
          '5',
          ...small,
          f,
          x,
          '--json',
        ],
      })),
    fc
      .tuple(fc.constantFrom('--samples', '--runs-per-point', '--levels'), v, fc.constantFrom('morris', 'sobol'))
      .map(([f, x, m]) => ({
        args: [
          'sensitivity',
          '--method',
          m,
          '--levers',
          'verification,specificity',
          '--samples',
          '2',
          '--runs-per-point',
          '5',
          ...small,
          f,
          x,
          '--no-store',
          '--json',
        ],
      })),
    fc
      .tuple(fc.constantFrom('--runs', '--days'), v)
      .map(([f, x]) => ({ args: ['facts', '--runs', '10', ...small, f, x, '--no-store', '--json'] })),
    fc.tuple(fc.constantFrom('show', 'export'), v).map(([c, x]) => ({ args: ['runs', c, x] })),
    fc
      .tuple(fc.constantFrom('--runs', '--days', '--max-work'), v)
      .map(([f, x]) => ({ args: ['ablate', '--runs', '2', '--days', '10', '--workers', '1', f, x, '--json'] })),
    fc.tuple(fc.constantFrom('forecast', 'validate'), fc.constantFrom('--runs', '--seed'), v).map(([c, f, x]) => ({
      args: [
        c,
        ...(c === 'forecast' ? ['--cases', 'data/ceasefires.csv'] : []),
        '--runs',
        '2',
        '--workers',
        '1',
        f,
        x,
        '--json',
      ],
    })),
    fc
      .constantFrom('1000000000000', '0', '-1', 'x')
      .map((x) => ({ args: ['calibrate', '--runs-per-case', x, '--json'] })),
    // Output paths: a missing folder, a directory, a device.
    fc
      .tuple(
        fc.constantFrom('no-such-folder/out.csv', 'scenarios', '/dev/full', '/'),
        fc.constantFrom('compare', 'report'),
      )
      .map(([out, c]) => ({
        args: [
          c,
          '--runs',
          '4',
          '--days',
          '20',
          '--workers',
          '1',
          '--no-store',
          c === 'compare' ? '--csv' : '--out',
          out,
        ],
      })),
    v.filter((x) => !(/^\d+$/.test(x) && Number(x) <= 65535)).map((x) => ({ args: ['serve', '--port', x] })),
    fc
      .constantFrom(
        '/dev/null',
        '/etc/shadow',
        'scenarios',
        'missing.yaml',
        'scenarios/defense/israel-2024.yaml',
        'package.json',
      )
      .map((f) => ({ args: ['scenario', 'validate', f] })),
  );
}
