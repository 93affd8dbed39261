/** A calibration as text: fitted parameters, convergence, fit against the record. */
import type { CalibrationResult } from '../../app/calibrate.js';
import { fmt, pct, table } from './format.js';

const sig = (x: number) => (Math.abs(x) >= 100 ? fmt(x, 0) : Math.abs(x) >= 1 ? fmt(x, 2) : x.toPrecision(2));

export function renderCalibration(r: CalibrationResult, id: number | undefined): string {
  const out: string[] = [];
  const s = r.settings;
  out.push(
    `Calibration to ${r.cases} ceasefire spells: population Monte Carlo, ${s.rounds} rounds x ${s.particles} parameter vectors, ${s.runsPerCase} runs per case per likelihood; seed ${r.seed}; ${(r.timings.totalMs / 1000).toFixed(0)} s (${fmt(r.timings.msPerEvaluation, 0)} ms per likelihood evaluation).`,
  );
  out.push('');
  out.push(
    'Fitted global parameters: posterior median and 90% interval (shrinkage: posterior sd / prior sd on the prior scale; < 1 = informed by the record):',
  );
  out.push(
    table(
      ['parameter', 'median', '90% interval', 'prior', 'shrinkage'],
      r.parameters.map((p) => [p.name, sig(p.median), `[${sig(p.lo)}, ${sig(p.hi)}]`, p.prior, fmt(p.shrinkage, 2)]),
      [false, true, true, false, true],
    ),
  );
  out.push('');
  out.push(
    'Convergence: effective sample size per round, largest shift of a posterior mean (in posterior sds), best log-likelihood:',
  );
  out.push(
    table(
      ['round', 'ESS', 'of', 'max mean shift', 'max log-lik'],
      r.rounds.map((x) => [
        x.round,
        fmt(x.ess, 1),
        x.particles,
        x.maxMeanShift === null ? '-' : fmt(x.maxMeanShift, 2),
        fmt(x.maxLogLik, 1),
      ]),
      [true, true, true, true, true],
    ),
  );
  if (r.pooled)
    out.push(
      `Posterior: rounds ${r.pooled.fromRound}-${s.rounds - 1} pooled, ${r.pooled.particles} weighted vectors, ESS ${fmt(r.pooled.ess, 1)}.`,
    );
  out.push(`Monte Carlo sd of the log-likelihood estimate at the posterior median: ${fmt(r.logLikNoiseSd, 2)}`);
  out.push('');
  out.push(
    `Fit: the model's survival (runs drawing from the posterior, ${s.fitRuns} per case) against the record's Kaplan-Meier curve and its 95% band:`,
  );
  const inside = r.fit.filter((f) => f.inside).length;
  out.push(
    table(
      ['group', 'n', 'day', 'KM', '95% band', 'model', 'inside', 'no-covariate model inside'],
      r.fit.map((f) => [
        f.group,
        f.cases,
        f.day,
        pct(f.km),
        `[${pct(f.lower)}, ${pct(f.upper)}]`,
        pct(f.model),
        f.inside ? 'yes' : 'NO',
        f.insideWithoutCovariates === undefined ? '' : f.insideWithoutCovariates ? 'yes' : 'no',
      ]),
      [false, true, true, true, true, true, false, false],
    ),
  );
  out.push(`${inside} of ${r.fit.length} checks inside the band.`);
  const informative = r.fit.filter((f) => f.insideWithoutCovariates === false);
  if (r.fit.some((f) => f.insideWithoutCovariates !== undefined))
    out.push(
      `A covariate-free model (every case given the pooled Kaplan-Meier curve) is inside ${r.fit.length - informative.length} of the ${r.fit.length} bands: those checks cannot tell the model from no model. Of the ${informative.length} it misses, the model is inside ${informative.filter((f) => f.inside).length} (docs/calibration-record.md).`,
    );
  if (id !== undefined)
    out.push(
      '',
      `Posterior stored as experiment ${id}: use --posterior ${id} with forecast, compare, report, facts, sensitivity, sweep.`,
    );
  return out.join('\n');
}
