/**
 * Posteriors: equal-weight samples of the global parameters, stored by
 * `truce calibrate` in the results store, or shipped with truce
 * (data/posterior.json, the default). `--posterior ID` names a stored
 * calibration; `default` the shipped one; `none` runs the scenario as
 * written (only Monte Carlo noise in the intervals).
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { parameterList, priorsSchema, type Parameter } from '../core/calibration/parameters.js';
import { InputError as UserError } from '../io/errors.js';
import { readChecked } from '../io/documents.js';
import { openStore } from '../store/db.js';
import { getExperiment } from '../store/experiments.js';
import { getPosteriorDraws } from '../store/posteriors.js';
import { DEFAULT_POSTERIOR } from './case-library.js';

export const posteriorSchema = z
  .object({
    label: z.string(),
    priors: priorsSchema,
    /** Equal-weight draws: parameter name -> value. */
    draws: z.array(z.record(z.string(), z.number())).min(1),
    fittedTo: z.string(),
    createdAt: z.string().optional(),
    /** The calibration's pooled population, for cheap refits by `truce validate` (docs/calibration-record.md). */
    population: z
      .array(z.object({ u: z.array(z.number()), logCorrection: z.number(), caseLogLik: z.array(z.number()) }).strict())
      .optional(),
    caseIds: z.array(z.string()).optional(),
  })
  .strict();

export type PosteriorDoc = z.output<typeof posteriorSchema>;

export interface Posterior {
  /** What outputs say: "default (data/posterior.json, ...)", "calibration 7", or "none". */
  label: string;
  params: Parameter[];
  draws: Record<string, number>[];
  population?: PosteriorDoc['population'];
  caseIds?: string[];
}

export const NO_POSTERIOR: Posterior = {
  label: 'none (parameters as written in the scenario)',
  params: [],
  draws: [{}],
};

export function posteriorFromDoc(doc: PosteriorDoc, label: string): Posterior {
  return {
    label,
    params: parameterList(doc.priors),
    draws: doc.draws,
    population: doc.population,
    caseIds: doc.caseIds,
  };
}

/** Resolve `--posterior ID` (undefined -> the shipped default). */
export function loadPosterior(id: string | undefined, dbPath: string): Posterior {
  const which = id ?? 'default';
  if (which === 'none') return NO_POSTERIOR;
  if (which === 'default') {
    if (!existsSync(DEFAULT_POSTERIOR)) return NO_POSTERIOR;
    const doc = readChecked(DEFAULT_POSTERIOR, posteriorSchema);
    return posteriorFromDoc(doc, `default (data/posterior.json: ${doc.label})`);
  }
  const n = Number(which);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(
      `--posterior ${which}: expected the id of a stored calibration (see truce runs list), "default" or "none"`,
    );
  const db = openStore(dbPath, 'read');
  try {
    const e = getExperiment(db, n);
    if (!e)
      throw new UserError(
        `--posterior ${which}: expected the id of a stored calibration (see truce runs list), found no experiment ${n} in ${dbPath}`,
      );
    if (e.kind !== 'calibration')
      throw new UserError(`--posterior ${which}: expected a calibration, experiment ${n} is a ${e.kind}`);
    const summary = e.summary as {
      posterior: Omit<PosteriorDoc, 'draws'>;
      population?: PosteriorDoc['population'];
      caseIds?: string[];
    };
    const doc = posteriorSchema.parse({
      ...summary.posterior,
      draws: getPosteriorDraws(db, n),
      population: summary.population,
      caseIds: summary.caseIds,
    });
    return posteriorFromDoc(doc, `calibration ${n} (${doc.label})`);
  } finally {
    db.close();
  }
}
