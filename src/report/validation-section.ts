/**
 * The report's section on the record (issue 10): how the fitted model's
 * forecasts scored on ceasefires it did not see, against the base rate and a
 * Cox model on the same covariates, with the reliability diagram
 * (docs/calibration-record.md, "Validation").
 */
import type { ValidationReport } from '../app/contract.js';
import { reliabilityChart } from '../charts/calibration-charts.js';
import { benchmarkColumns, comparisonNote, kindLabel, scoresKindNote } from '../charts/validation-notes.js';

export type ReportValidation = ValidationReport;

const esc = (s: unknown) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const f3 = (x: number) => x.toFixed(3);

export function renderValidationSection(v: ReportValidation, document: Document): string {
  const scheme = v.folds >= v.cases ? 'leave-one-out' : `${v.folds}-fold`;
  const kind = kindLabel(v.scoresAre);
  const cols = benchmarkColumns(v.scoresAre);
  const rows = v.scores
    .map((s) => {
      // Ranked only like with like (benchmarkColumns): the columns of the other kind are shown, not ranked.
      const ranked = cols.filter((c) => c.ranked);
      const bestBrier = Math.min(s.model.brier, ...ranked.map((c) => s[c.key].brier));
      const bestLog = Math.max(s.model.log, ...ranked.map((c) => s[c.key].log));
      const b = (x: number, r = true) => (r && x === bestBrier ? `<strong>${f3(x)}</strong>` : f3(x));
      const l = (x: number, r = true) => (r && x === bestLog ? `<strong>${f3(x)}</strong>` : f3(x));
      const cells = [
        s.n,
        s.events,
        b(s.model.brier),
        ...cols.map((c) => b(s[c.key].brier, c.ranked)),
        l(s.model.log),
        ...cols.map((c) => l(s[c.key].log, c.ranked)),
      ];
      return `<tr><th scope="row">${s.horizon} days</th>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
    })
    .join('\n');
  const beatsBase = v.scores.filter((s) => s.model.brier <= s.baseRateMatched.brier).length;
  const head = (score: string) =>
    [`${score}: truce (${kind})`, ...cols.map((c) => c.label)].map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const chart = reliabilityChart(v.reliability, document).outerHTML;
  return `<h2>How the model scores against the record</h2>
<p>Forecasts of "collapsed by day 30 / 90 / 365" for ${v.cases} real ceasefires (data/ceasefires.csv), each made by a model refitted without it (${scheme} cross-validation, ${v.folds} folds; ${esc(v.refit)}; effective sample size per fold ${v.essRange[0].toFixed(1)} to ${v.essRange[1].toFixed(1)}), ${v.runs} runs per held-out case, seed ${v.seed}, posterior ${esc(v.posterior)}. A censored spell is scored only at horizons it reached. ${scoresKindNote(v)} The model's Brier score is at or below the base rate's (Kaplan-Meier, ${kind}) at ${beatsBase} of ${v.scores.length} horizons. ${esc(comparisonNote(v))} Method: docs/calibration-record.md.</p>
<table><caption>Cross-validated scores, ${esc(kind)} (Brier: lower is better; log score: higher is better; the best at each horizon among forecasters of the same kind in bold)</caption><thead><tr><th scope="col">horizon</th><th scope="col">spells scored</th><th scope="col">collapsed</th>${head('Brier')}${head('log')}</tr></thead><tbody>${rows}</tbody></table>
<figure>${chart}</figure>
`;
}
