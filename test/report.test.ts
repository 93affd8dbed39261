/** `truce report`: one self-contained HTML file with the headline, charts, methods and assumptions. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { taggedAssumptions } from '../src/report/assumptions.js';
import { truce } from './helpers/cli.js';

describe('truce report', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'truce-report-')), 'r.html');
  const r = truce(['report', '--runs', '300', '--seed', '5', '--out', out, '--no-store']);
  const html = readFileSync(out, 'utf8');

  it('writes the report and prints the headline table', () => {
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/P\(collapse by day d\)/);
  });
  it('is self-contained: no external scripts, styles, images or fonts', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/\s(src|href)=["']?https?:/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
  });
  it('has the question, scenario and levers, headline, charts, attribution, methods and assumptions with sources', () => {
    for (const h of [
      'The question',
      'The scenario and levers',
      'Headline',
      'Who breaks it, and why',
      'Methods',
      'Assumptions and sources',
    ])
      expect(html).toContain(h);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(html).toContain('seed 5');
    expect(html).toMatch(/SHA-256 <code>[0-9a-f]{64}<\/code>/);
    expect(html).toContain('truce 0.1.0');
    expect(html).toContain('Iranian launchers ~360 before June 2025');
    expect(html).toMatch(/<code>actors\.iran\.arsenal\.launchers<\/code><\/td><td>200<\/td><td>\[A\/J\]/);
  });
  it('tagged assumptions are read from the scenario text with their paths', () => {
    const rows = taggedAssumptions('actors:\n  us:\n    commitment: 0.6   # [J] 0.3-0.9\n    name: x\n');
    expect(rows).toEqual([{ parameter: 'actors.us.commitment', value: '0.6', basis: '[J] 0.3-0.9' }]);
  });
});
