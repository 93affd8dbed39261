/**
 * The report's section on the record (issue 10): how the fitted model's
 * forecasts scored on ceasefires it did not see, against the base rate and a
 * Cox model on the same covariates, with the reliability diagram
 * (docs/calibration-record.md, "Validation").
 */
import type { ValidationReport } from '../app/contract.js';
import { reliabilityChart } from '../charts/calibration-charts.js';
import { comparisonNote, scoresKindNote } from '../charts/validation-notes.js';

export type ReportValidation = ValidationReport;

const esc = (s: unknown) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const f3 = (x: number) => x.toFixed(3);

export function renderValidationSection(v: ReportValidation, document: Document): string {
  const scheme = v.folds >= v.cases ? 'leave-one-out' : `${v.folds}-fold`;
  const rows = v.scores
    .map((s) => {
      // The base rate shown and the best marked are of the same kind as the model's scores (held out or in-sample);
      // the Cox column of the other kind is shown, not ranked.
      const cox = v.inSample ? s.coxInSample : s.cox;
      const base = v.inSample ? s.baseRateInSample : s.baseRate;
      const bestBrier = Math.min(s.model.brier, base.brier, cox.brier);
      const bestLog = Math.max(s.model.log, base.log, cox.log);
      const b = (x: number, ranked = true) => (ranked && x === bestBrier ? `<strong>${f3(x)}</strong>` : f3(x));
      const l = (x: number, ranked = true) => (ranked && x === bestLog ? `<strong>${f3(x)}</strong>` : f3(x));
      return `<tr><th scope="row">${s.horizon} days</th><td>${s.n}</td><td>${s.events}</td><td>${b(s.model.brier)}</td><td>${b(base.brier)}</td><td>${b(s.cox.brier, !v.inSample)}</td><td>${b(s.coxInSample.brier, v.inSample)}</td><td>${l(s.model.log)}</td><td>${l(base.log)}</td><td>${l(s.cox.log, !v.inSample)}</td><td>${l(s.coxInSample.log, v.inSample)}</td></tr>`;
    })
    .join('\n');
  const beatsBase = v.scores.filter(
    (s) => s.model.brier <= (v.inSample ? s.baseRateInSample : s.baseRate).brier,
  ).length;
  const chart = reliabilityChart(v.reliability, document).outerHTML;
  const kind = v.inSample ? 'in-sample' : 'held out';
  return `<h2>How the model scores against the record</h2>
<p>Forecasts of "collapsed by day 30 / 90 / 365" for ${v.cases} real ceasefires (data/ceasefires.csv), each made by a model refitted without it (${scheme} cross-validation, ${v.folds} folds; ${esc(v.refit)}; effective sample size per fold ${v.essRange[0].toFixed(1)} to ${v.essRange[1].toFixed(1)}), ${v.runs} runs per held-out case, seed ${v.seed}, posterior ${esc(v.posterior)}. A censored spell is scored only at horizons it reached. ${scoresKindNote(v)} The model's Brier score is at or below the ${kind} base rate's (Kaplan-Meier) at ${beatsBase} of ${v.scores.length} horizons. ${esc(comparisonNote(v))} Method: docs/calibration-record.md.</p>
<table><caption>Cross-validated scores, ${kind} (Brier: lower is better; log score: higher is better; the best at each horizon among forecasters of the same kind in bold)</caption><thead><tr><th scope="col">horizon</th><th scope="col">spells scored</th><th scope="col">collapsed</th><th scope="col">Brier: truce (${kind})</th><th scope="col">base rate (${kind})</th><th scope="col">Cox (held out)</th><th scope="col">Cox (in-sample)</th><th scope="col">log: truce (${kind})</th><th scope="col">base rate (${kind})</th><th scope="col">Cox (held out)</th><th scope="col">Cox (in-sample)</th></tr></thead><tbody>${rows}</tbody></table>
<figure>${chart}</figure>
`;
}
