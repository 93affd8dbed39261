/**
 * What a comparison's intervals are, in words: which posterior the runs drew
 * their global parameters from, what it carries to each arm (an arm it carries
 * nothing to runs the scenario as written), over how many distinct draws, and
 * what the intervals therefore include. One wording for the CLI, the report
 * and the dashboard (docs/calibration-record.md, "What the bands include").
 * Pure: the browser bundle uses it.
 */
import type { ArmPosterior, CarriedParameter } from '../app/contract.js';

export interface PosteriorFields {
  posterior: string;
  posteriorDraws: number;
  posteriorCarried?: ArmPosterior[];
  posteriorWarning?: string | null;
}

export interface PosteriorDescription {
  /** Which posterior, and how many draws each arm's runs are split over. */
  source: string;
  /** One line per arm: what the posterior carries to it (empty without a posterior). */
  arms: string[];
  /** What the intervals are and what they include. */
  intervals: string;
  /** The posterior carries nothing to this scenario (e.g. a renamed copy), or null. */
  warning: string | null;
}

/** The caption of a P(collapse by day d) table. */
export const INTERVAL_CAPTION = 'Monte Carlo 95% interval (Wilson) over the runs';

const num = (x: number) => String(+x.toPrecision(3));

/** One carried parameter: where it goes, its value as written, and its spread over the draws. */
export function carriedText(p: CarriedParameter): string {
  const spread =
    p.min === p.max ? `${num(p.min)} in every draw` : `median ${num(p.median)}, ${num(p.min)}-${num(p.max)}`;
  return `${p.name} -> ${p.paths.join(', ')}${p.asWritten === null ? '' : ` (as written ${num(p.asWritten)})`}: ${spread} across the draws`;
}

/** The arm's line: its carried parameters, or that it runs as written. */
export function armCarriedText(a: ArmPosterior): string {
  if (a.parameters.length === 0)
    return `${a.arm}: carries no parameter of the posterior; runs the scenario as written (its interval is Monte Carlo noise only)`;
  return `${a.arm}: ${a.parameters.map(carriedText).join('; ')}; ${a.distinctDraws} distinct draws of ${a.draws}`;
}

const JUDGED =
  "not the uncertainty of the scenario's judged values (truce ablate moves each over its documented range: docs/ablation.md)";

export function describePosterior(o: PosteriorFields): PosteriorDescription {
  const warning = o.posteriorWarning ?? null;
  const none = o.posterior.startsWith('none');
  const carried = o.posteriorCarried;
  const anyCarried = carried?.some((a) => a.parameters.length > 0) ?? o.posteriorDraws > 1;
  if (none || !anyCarried)
    return {
      source: `Global parameters: ${none ? o.posterior : `posterior ${o.posterior}, which carries nothing to these arms: the scenario as written`}`,
      arms: [],
      intervals: `Intervals: ${INTERVAL_CAPTION}: the runs' chance variation only, ${JUDGED}.`,
      warning,
    };
  if (!carried)
    return {
      source: `Global parameters: drawn from the posterior ${o.posterior}, ${o.posteriorDraws} draws per arm`,
      arms: [],
      intervals: `Intervals: ${INTERVAL_CAPTION}, whose global parameters are drawn from the posterior (which parameters each arm carries was not stored with this comparison); ${JUDGED}.`,
      warning,
    };
  return {
    source: `Global parameters: drawn from the posterior ${o.posterior}, ${o.posteriorDraws} draws per arm`,
    arms: carried.map(armCarriedText),
    // A pooled run is a Bernoulli draw of the posterior-averaged probability: the draws' spread moves
    // the centre, never the width (docs/calibration-record.md, "What the bands include").
    intervals: `Intervals: ${INTERVAL_CAPTION}, whose global parameters are drawn from the posterior: an interval for the probability averaged over the draws of the parameters carried above; the spread across the draws moves that probability, it does not widen the interval (the interval is the runs' chance variation only), ${JUDGED}.`,
    warning,
  };
}

/**
 * The head of a sensitivity or sweep output: the scenario and base framework the levers move from, which
 * global parameters the runs use, and that these answer the judged model when the posterior is `none`
 * (compare and report draw from the shipped posterior by default: docs/analysis.md).
 */
export function designHead(o: {
  scenario?: string;
  framework?: string | null;
  posterior?: string;
  posteriorDraws?: number;
  posteriorCarried?: ArmPosterior | Omit<ArmPosterior, 'arm'>;
  posteriorWarning?: string | null;
  per: string;
  /** How to ask for the posterior where this is read (the CLI's flag; the dashboard's choice). */
  toMatch?: string;
}): string[] {
  const out: string[] = [];
  if (o.posteriorWarning) out.push(`Warning: ${o.posteriorWarning}.`);
  if (o.scenario !== undefined)
    out.push(
      `Scenario ${o.scenario}, base framework ${o.framework ?? 'none'} (its lever values and settings hold except where the design moves them)`,
    );
  if (o.posterior === undefined) return out;
  const params = o.posteriorCarried?.parameters ?? [];
  if (o.posterior.startsWith('none'))
    out.push(
      `Global parameters: ${o.posterior}: the judged model, not the headline's (compare and report draw from the posterior default by default; ${o.toMatch ?? 'add --posterior default'} to match them)`,
    );
  else if (params.length === 0)
    out.push(`Global parameters: posterior ${o.posterior}, which carries nothing here: the scenario as written`);
  else
    out.push(
      `Global parameters: drawn from the posterior ${o.posterior}, ${o.posteriorDraws ?? 1} draws ${o.per}: ${params.map(carriedText).join('; ')}; ${o.posteriorCarried!.distinctDraws} distinct draws`,
    );
  return out;
}
