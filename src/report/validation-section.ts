/**
 * The report's section on the record (issue 10): how the fitted model's
 * forecasts scored on ceasefires it did not see, against the base rate and a
 * Cox model on the same covariates, with the reliability diagram
 * (docs/calibration-record.md, "Validation").
 */
import type { ValidationReport } from '../app/contract.js';
import { reliabilityChart } from '../charts/calibration-charts.js';

export type ReportValidation = ValidationReport;

const esc = (s: unknown) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const f3 = (x: number) => x.toFixed(3);

export function renderValidationSection(v: ReportValidation, document: Document): string {
  const scheme = v.folds >= v.cases ? 'leave-one-out' : `${v.folds}-fold`;
  const rows = v.scores
    .map((s) => {
      // The best of the three forecasters at each horizon, by Brier score (lower) and log score (higher).
      const bestBrier = Math.min(s.model.brier, s.baseRate.brier, s.cox.brier);
      const bestLog = Math.max(s.model.log, s.baseRate.log, s.cox.log);
      const b = (x: number) => (x === bestBrier ? `<strong>${f3(x)}</strong>` : f3(x));
      const l = (x: number) => (x === bestLog ? `<strong>${f3(x)}</strong>` : f3(x));
      return `<tr><th scope="row">${s.horizon} days</th><td>${s.n}</td><td>${s.events}</td><td>${b(s.model.brier)}</td><td>${b(s.baseRate.brier)}</td><td>${b(s.cox.brier)}</td><td>${l(s.model.log)}</td><td>${l(s.baseRate.log)}</td><td>${l(s.cox.log)}</td></tr>`;
    })
    .join('\n');
  const beatsBase = v.scores.filter((s) => s.model.brier <= s.baseRate.brier).length;
  const beatsCox = v.scores.filter((s) => s.model.brier <= s.cox.brier).length;
  const chart = reliabilityChart(v.reliability, document).outerHTML;
  return `<h2>How the model scores against the record</h2>
<p>Forecasts of "collapsed by day 30 / 90 / 365" for ${v.cases} real ceasefires (data/ceasefires.csv), each made by a model refitted without it (${scheme} cross-validation, ${v.folds} folds; ${esc(v.refit)}; effective sample size per fold ${v.essRange[0].toFixed(1)} to ${v.essRange[1].toFixed(1)}), ${v.runs} runs per held-out case, seed ${v.seed}, posterior ${esc(v.posterior)}. A censored spell is scored only at horizons it reached. The model's Brier score is at or below the base rate's (the training Kaplan-Meier curve) at ${beatsBase} of ${v.scores.length} horizons, and at or below a ridge Cox model's on the same covariates at ${beatsCox} of ${v.scores.length}. Method: docs/calibration-record.md.</p>
<table><caption>Cross-validated scores (Brier: lower is better; log score: higher is better; the best at each horizon in bold)</caption><thead><tr><th scope="col">horizon</th><th scope="col">spells scored</th><th scope="col">collapsed</th><th scope="col">Brier: truce</th><th scope="col">base rate</th><th scope="col">Cox</th><th scope="col">log: truce</th><th scope="col">base rate</th><th scope="col">Cox</th></tr></thead><tbody>${rows}</tbody></table>
<figure>${chart}</figure>
`;
}
