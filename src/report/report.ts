/**
 * The self-contained HTML report of a comparison: every chart is inline SVG
 * drawn by the same Observable Plot calls as the dashboard (rendered here
 * with linkedom's document), styles are inline, and nothing is loaded from
 * anywhere, so the file opens offline and can be mailed or archived.
 */
import { parseHTML } from 'linkedom';
import { defenderStrikesTables } from '../charts/defender-strikes-table.js';
import { comparisonFigures, storyFigures } from '../charts/figures.js';
import { causalHalfWidth, formatCausalSample, formatShares, shareStep } from '../charts/format.js';
import { CAUSAL_STRIDE } from '../core/ensemble/chunk.js';
import { hazardSentence } from '../charts/hazard-note.js';
import { describePosterior, INTERVAL_CAPTION } from '../charts/posterior-note.js';
import { BINNED_QUANTILES } from '../core/ensemble/histogram.js';
import { renderAblationSection } from './ablation-section.js';
import { renderValidationSection } from './validation-section.js';
import type { ReportInput } from './report-input.js';

export type { ReportInput };

const esc = (s: unknown) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
/**
 * P(holds) = 1 - P(collapse), from the collapse figure: shown as 100 minus the collapse figure as shown: rounding both to a tenth
 * could make 84.5% and 15.6% (0.8445 and 0.1555), which add to 100.1.
 */
export const pctHolds = (collapse: number) => `${(100 - Number((100 * collapse).toFixed(1))).toFixed(1)}%`;

export function renderReport(r: ReportInput): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = (el: Element) => el.outerHTML;
  const arms = r.arms;
  const days = Object.keys(arms[0].pCollapseBy);
  // The same figures as the dashboard's comparison and run-story views (src/charts/figures.ts), less two whose
  // numbers the report gives otherwise: one "why" (the causal shares of its table; docs/model/attribution.md),
  // and the opening exchange's interceptors, in its costs table. That keeps it within 12 printed pages.
  const charts = comparisonFigures(arms)
    .filter((f) => f.name !== 'attribution' && f.name !== 'opening-interceptors')
    .map((f) => svg(f.render(document as unknown as Document)));
  const story = r.example
    ? storyFigures(r.example.run.trajectory as never, r.example.run.events).map((f) =>
        svg(f.render(document as unknown as Document)),
      )
    : [];
  const headline = arms
    .map(
      (a) =>
        `<tr><th scope="row">${esc(a.label)}</th>${days.map((d) => `<td>${pct(a.pCollapseBy[d].estimate)} <small>[${pct(a.pCollapseBy[d].lo)}, ${pct(a.pCollapseBy[d].hi)}]</small></td>`).join('')}<td>${a.medianDay ?? `&gt; ${a.horizonDays}`}</td><td>${a.collapsed} of ${a.runs}</td></tr>`,
    )
    .join('\n');
  const attribution = arms
    .filter((a) => a.collapsed > 0)
    .map(
      (a) =>
        `<tr><th scope="row">${esc(a.label)}</th><td>${esc(formatShares(a.firstCrosser, 0.1))}</td><td>${esc(
          formatShares(
            Object.fromEntries(Object.entries(a.causalAttribution ?? {}).filter(([, v]) => Math.abs(v) >= 0.005)),
            // Rounded to what the Monte Carlo interval resolves: 40% on five replays, not 40.0%.
            shareStep(causalHalfWidth(a)),
          ),
        )}</td><td>${esc(formatCausalSample(a))}</td><td>${pct(a.preemptiveShare)}</td></tr>`,
    )
    .join('\n');
  // The opening exchange over collapsed runs, and whole runs over all runs: two bases, said in each header.
  const q = (x: { p05: number | null; p50: number | null; p95: number | null } | undefined, scale = 1) =>
    !x || x.p50 === null
      ? '-'
      : `${(x.p50 / scale).toFixed(0)} <small>[${(x.p05! / scale).toFixed(0)}, ${(x.p95! / scale).toFixed(0)}]</small>`;
  const costs = arms
    .map((a) => {
      const d = a.distributions;
      return `<tr><th scope="row">${esc(a.label)}</th><td>${d.openingLeakers.n}</td><td>${q(d.openingLeakers)}</td><td>${q(d.openingInterceptors)}</td><td>${q(d.openingDefenderCostUsd, 1e6)}</td><td>${q(d.openingAttackerCostUsd, 1e6)}</td><td>${d.interceptorsUsed.mean === null ? '-' : d.interceptorsUsed.mean.toFixed(0)}</td><td>${q(d.defenderCostUsd, 1e6)}</td></tr>`;
    })
    .join('\n');
  // The defender side's own fire (docs/analysis.md, "Costs"): the tables `truce compare` prints and the dashboard
  // shows, from their one builder (src/charts/defender-strikes-table.ts); none when no arm's defender side fired, so
  // a report without any keeps its length.
  const strikes = defenderStrikesTables(arms)
    .map(
      (t) =>
        `\n<table id="${t.id}"><caption>${esc(t.caption)}</caption><thead><tr>${t.header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${t.rows
          .map(
            (row) =>
              `<tr data-arm="${esc(row.arm)}"><th scope="row">${esc(row.cells[0])}</th>${row.cells
                .slice(1)
                .map((c) => `<td>${esc(c)}</td>`)
                .join('')}</tr>`,
          )
          .join('\n')}</tbody></table>`,
    )
    .join('');
  const comparisons = r.comparisons.map((c) => `<li>${esc(hazardSentence(c))}</li>`).join('\n');
  // The headline as the analyst's question, P(the truce holds through day d), intervals inverted.
  const holds = arms
    .map(
      (a) =>
        `${esc(a.label)} ${days
          .map((d) => a.pCollapseBy[d])
          .map(
            // Inverted: the holds interval's low end is 1 minus the collapse interval's high end.
            (c, i) =>
              `${pctHolds(c.estimate)} <small>[${pctHolds(c.hi)}, ${pctHolds(c.lo)}]</small> through day ${days[i]}`,
          )
          .join(', ')}`,
    )
    .join('; ');
  // The question answered in a sentence (the journalist's line): P(holds) through the last day reported, and who
  // breaks it first, from the same figures as the tables.
  const last = days[days.length - 1];
  const holdsAt = arms.map((a) => {
    const c = a.pCollapseBy[last];
    return `${pctHolds(c.estimate)} of runs under ${esc(a.label)} <small>(95% interval ${pctHolds(c.hi)} to ${pctHolds(c.lo)})</small>`;
  });
  const breakers = arms
    .filter((a) => a.collapsed > 0)
    .map((a) => {
      const [who, share] = Object.entries(a.firstCrosser).sort((x, y) => y[1] - x[1])[0] ?? ['-', 0];
      return `${esc(who)} in ${pct(share)} of the collapses under ${esc(a.label)}`;
    });
  const answer = `<p id="answer"><strong>In short:</strong> the ceasefire holds through day ${esc(last)} in ${holdsAt.join(', and in ')}.${breakers.length ? ` The first to cross the line is most often ${breakers.join('; ')}.` : ' No run collapsed within the horizon.'}</p>`;
  const leverRows = r.levers
    .map(
      (l) =>
        `<tr><th scope="row">${esc(l.name)}</th>${arms.map((a) => `<td>${+Number(a.levers[l.name]).toFixed(3)}</td>`).join('')}<td>[${l.min}, ${l.max}${l.unit ? ` ${esc(l.unit)}` : ''}]</td><td>${esc(l.description)}${l.source ? ` <small>(${esc(l.source)})</small>` : ''}</td></tr>`,
    )
    .join('\n');
  // A framework's `set` that leaves every arm at the same value is no difference: named below the table, not in it.
  const same = (r.armDifferences ?? []).filter((d) => d.differs === false);
  const sameNote = same.length
    ? `<p id="arm-no-differences">Also set by a framework, to the value every arm has (no difference): ${same.map((d) => `<code>${esc(d.path)}</code> ${esc(d.values[0])}`).join('; ')}.</p>`
    : '';
  const differences = (r.armDifferences ?? [])
    .filter((d) => d.differs !== false)
    .map(
      (d) =>
        `<tr><th scope="row"><code>${esc(d.path)}</code></th>${d.values.map((v) => `<td>${esc(v)}</td>`).join('')}<td>${esc(d.basis)}</td></tr>`,
    )
    .join('\n');
  // What the intervals include: the posterior's parameters carried to each arm, or none (docs/calibration-record.md).
  const posterior = r.posterior
    ? describePosterior({
        posterior: r.posterior,
        posteriorDraws: r.posteriorDraws ?? 1,
        posteriorCarried: r.posteriorCarried,
        posteriorWarning: r.posteriorWarning,
      })
    : null;
  const posteriorBlock = posterior
    ? `${posterior.warning ? `<p class="warning" role="note"><strong>Warning:</strong> ${esc(posterior.warning)}.</p>` : ''}<p class="posterior">${esc(posterior.source)}${posterior.arms.length ? `:</p><ul class="posterior">${posterior.arms.map((l) => `<li>${esc(l)}</li>`).join('')}</ul><p>` : '. '}${esc(posterior.intervals)}</p>`
    : '';
  // The story is one run of the scenario as written (truce run draws nothing from the posterior): say so when the headline's runs drew.
  const drawn = r.posteriorCarried?.[0]?.parameters ?? [];
  const storyNote = drawn.length
    ? ` It runs the scenario as written, as <code>truce run</code> does, not with the posterior's draws: ${drawn.map((p) => `${esc(p.paths.join(', '))} ${p.asWritten ?? 'unset'} here, median ${+p.median.toPrecision(3)} in the headline's runs`).join('; ')}.`
    : '';
  // Beside the description: a scenario with values outside their documented ranges says so in every report made
  // from it (none: nothing, so the report of an in-range scenario keeps its length). A stored ablation
  // (--ablation ID) may have run another scenario file: its warnings join the block, those not already listed.
  const warned = r.scenarioWarnings ?? [];
  const ablationWarned = r.ablation?.scenarioWarnings ?? [];
  const ablationOnly = ablationWarned.filter((w) => !warned.includes(w));
  const ablationName = `The ablation below${r.ablation?.experimentId !== undefined ? ` (experiment ${r.ablation.experimentId})` : ''}`;
  const ownNote = warned.length
    ? `<p><strong>Warning:</strong> the scenario has ${warned.length === 1 ? 'a value' : `${warned.length} values`} outside the range its <code>parameters</code> block documents (allowed: a range states plausible values, not validity; but the ablation and the docs' statements about ${warned.length === 1 ? 'that parameter assume its range' : 'those parameters assume their ranges'}):</p><ul>${warned.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`
    : '';
  const ablationNote = ablationOnly.length
    ? `<p>${warned.length ? '' : '<strong>Warning:</strong> '}${ablationName} ran from a scenario with ${ablationOnly.length === 1 ? 'a value' : `${ablationOnly.length} values`} outside ${ablationOnly.length === 1 ? 'its' : 'their'} documented range${ablationOnly.length === 1 ? '' : 's'}${ablationWarned.length > ablationOnly.length ? ' (besides those above)' : ''}:</p><ul id="ablation-scenario-warnings">${ablationOnly.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`
    : ablationWarned.length
      ? `<p>${ablationName} ran from the same ${ablationWarned.length === 1 ? 'value' : 'values'}.</p>`
      : '';
  const rangeNote =
    ownNote || ablationNote
      ? `<div class="warning" id="scenario-warnings" role="note">${ownNote}${ablationNote}</div>`
      : '';
  const assumptions = r.assumptions
    .map(
      (a) =>
        `<tr><td><code>${esc(a.parameter)}</code></td><td class="value">${esc(a.value)}</td><td>${esc(a.basis)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(r.title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #0b3d5c;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.6rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;font-size:.92rem;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.3rem 0}small{color:#555}figure{margin:1rem 0}figure h2{font-size:1rem;border:none;margin:.3rem 0}.meta{color:#444}
td.value{max-width:22rem;overflow-wrap:anywhere}
.warning{border-left:4px solid #b45309;background:#fff7ed;padding:.4rem .6rem}
/* Print (A4): tables and charts are never split, headings stay with what follows, charts fit the page width. */
@page{size:A4;margin:14mm 12mm}
@media print{
body{max-width:none;margin:0;padding:0;font-size:9.5pt;line-height:1.3}
h1{font-size:15pt;margin:0 0 2mm}h2{font-size:12pt;margin:5mm 0 2mm}h3{font-size:10.5pt}
h1,h2,h3,caption{break-after:avoid;page-break-after:avoid}
table,figure,li,.keep{break-inside:avoid;page-break-inside:avoid}
table.long{break-inside:auto;page-break-inside:auto}table.long tr{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
th,td{font-size:8pt;padding:1px 4px}table{width:100%}
p{orphans:3;widows:3}
figure{margin:2mm 0}figure svg{max-width:100%;height:auto;max-height:70mm;width:auto}
figure h2{font-size:9.5pt;margin:0 0 1mm}
}
</style></head><body>
<h1>${esc(r.title)}</h1>
<p class="meta">truce ${esc(r.truceVersion)}, generated ${esc(r.generatedAt)}${r.experimentId !== undefined ? `, stored as experiment ${r.experimentId}` : ''}.</p>
<h2>The question</h2>
<p>${esc(r.question)}</p>
<h2>The scenario and levers</h2>
<p><strong>${esc(r.scenarioName)}</strong>${r.scenarioDescription ? `: ${esc(r.scenarioDescription)}` : ''}</p>
${rangeNote}
<table><caption>Lever values in each arm</caption><thead><tr><th scope="col">lever</th>${arms.map((a) => `<th scope="col">${esc(a.label)}</th>`).join('')}<th scope="col">range</th><th scope="col">meaning</th></tr></thead><tbody>${leverRows}</tbody></table>
${differences ? `<table id="arm-differences"><caption>What else differs between the arms (not levers): the frameworks' other settings and the parameters drawn from the posterior</caption><thead><tr><th scope="col">path</th>${arms.map((a) => `<th scope="col">${esc(a.label)}</th>`).join('')}<th scope="col">basis</th></tr></thead><tbody>${differences}</tbody></table>` : '<p>The arms differ in the levers above and nothing else.</p>'}
${sameNote}
<h2>Headline</h2>
${answer}
${posteriorBlock}
<table><caption>P(collapse by day d), ${INTERVAL_CAPTION}; median survival in days (Kaplan-Meier; &gt; horizon when more than half the runs outlast it)</caption><thead><tr><th scope="col">arm</th>${days.map((d) => `<th scope="col">by day ${d}</th>`).join('')}<th scope="col">median survival (days)</th><th scope="col">collapses</th></tr></thead><tbody>${headline}</tbody></table>
<p>Read as P(the truce holds through day d) = 1 - P(collapse by day d), 95% intervals inverted: ${holds}.</p>
<ul>${comparisons}</ul>
${charts.map((c) => `<figure>${c}</figure>`).join('\n')}
<h2>Who breaks it, and why</h2>
${attribution ? `<table><caption>First crosser and why: the causal share of each of the seven pillars, the essay's three pillars of fragility and four further mechanisms (counterfactual replays, Shapley; docs/model/attribution.md)</caption><thead><tr><th scope="col">arm</th><th scope="col">first crosser</th><th scope="col">why (causal share)</th><th scope="col">replayed (n)</th><th scope="col">defender struck first</th></tr></thead><tbody>${attribution}</tbody></table><p>Why: the causal shares rest on the collapses replayed (n: those of every ${CAUSAL_STRIDE}th run; ± the widest Monte Carlo 95% half-width among the shares, in percentage points), and, before rounding, sum to less than 1 by the share of them no pillar explains; the chart "Why (causal)" draws them. Defender struck first: the share of collapses in which the defender crossed first, so the opening exchange began with its pre-emptive strike; it is not the causal share of pre-emption.</p>` : '<p>No arm collapsed within the horizon.</p>'}
<p>Descriptive attribution ("What moved most", in <code>truce compare</code> and the dashboard, not drawn here): for the state that crossed first, the change of each escalation-utility term from day 0 to the day of collapse; rising pressure and eroded restraint count, summed by pillar (asymmetric objectives, verification, redlines, proxy degradation, legitimacy, external retaliation, pre-emption). It says which terms moved most, not which caused the collapse (docs/model/attribution.md).</p>
<h2>The opening exchange and its cost</h2>
<table><caption>The opening exchange, the salvo at the defender (saturation strike, or retaliation after its pre-emptive strike), over collapsed runs, and whole runs, what the revisionist and its proxies fired at it, over all runs (the defender side's own fire, an armed defender's and its proxies': per-run opening_strike_*, defender_strikes_*): median [5th, 95th percentile], ${esc(BINNED_QUANTILES)}; costs in USD million</caption><thead><tr><th scope="col">arm</th><th scope="col">collapsed runs</th><th scope="col">opening leakers</th><th scope="col">opening interceptors</th><th scope="col">opening defender cost</th><th scope="col">opening attacker cost</th><th scope="col">interceptors per run, mean (all runs)</th><th scope="col">defender cost per run (all runs)</th></tr></thead><tbody>${costs}</tbody></table>${strikes}
${r.ablation ? renderAblationSection(r.ablation) : ''}
${r.validation ? renderValidationSection(r.validation, document as unknown as Document) : ''}
${r.example ? `<h2>One run as a story</h2><p>${esc(r.example.arm)}, seed ${r.example.seed}: ${r.example.run.outcome.collapsed ? `collapsed on day ${r.example.run.outcome.day}, ${esc(r.example.run.outcome.firstCrosser)} crossed first.` : 'held to the horizon.'}${storyNote}</p>${story.map((s) => `<figure>${s}</figure>`).join('\n')}` : ''}
<h2>Methods</h2>
<p>Each day every state runs its pause activities; the other side may detect them (own intelligence, or a neutral monitor that reports the agreed reading) and read them against its redlines. Perceived violations, beliefs, mediator credibility (tested each time the monitor attributes a violation), proxy network strength, the economy and faction power evolve, and each state's escalation utility EU = pressure - restraint, a sum of named terms, drives an ordered-logit choice to step up or down the escalation ladder. The ceasefire collapses when a state reaches rung ${r.collapseRung ?? 4} (the scenario's <code>collapseRung</code>); the opening exchange (saturation salvo, or pre-emption then retaliation) runs through the engagement engine against the defender's layered air defence.</p>
<p>Ensembles: ${r.runs} runs per arm over ${r.horizonDays} days, seed ${r.seed}; every arm uses the same replicate streams (common random numbers).${posterior ? ` ${esc(posterior.source)} (docs/calibration-record.md). ${esc(posterior.intervals)}` : ''} Survival: Kaplan-Meier with Greenwood standard errors and a log-scale interval, pointwise (each day's own 95% interval, not a band for the whole curve); P(collapse by day d) with Wilson intervals over the runs; arms compared by the log-rank test and a Cox hazard ratio (Efron ties), whose proportional-hazards assumption is checked by the Grambsch-Therneau test on the Kaplan-Meier time scale (R's cox.zph), with hazard ratios over the days 1-30, 31-180 and 181 to the horizon, as far as it reaches (the runs still at risk on each window's first day, censored at its last). Scenario <code>${esc(r.scenarioFile)}</code>, SHA-256 <code>${esc(r.scenarioHash)}</code>. Full documentation: docs/model/ and docs/analysis.md in the truce repository.</p>
<h2>Assumptions and sources</h2>
<p>Tags: [A] official statement or major wire; [B] credible outlet quoting officials, or imagery analysis; [C] single or secondary source; [J] a judgement, with the range considered; [F] fitted to reproduce the stylized facts.</p>
<table class="long"><caption>Tagged parameters of the scenario (path in the file, value as written)</caption><thead><tr><th scope="col">parameter</th><th scope="col">value</th><th scope="col">basis</th></tr></thead><tbody>${assumptions}</tbody></table>
<h3>Sources</h3><ul>${r.sources.map((s) => `<li>${esc(s)}</li>`).join('\n')}</ul>
</body></html>
`;
}
