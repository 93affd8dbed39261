/**
 * Posteriors: equal-weight samples of the global parameters, stored by
 * `truce calibrate` in the results store, or shipped with truce
 * (data/posterior.json, the default). `--posterior ID` names a stored
 * calibration; `default` the shipped one; `none` runs the scenario as
 * written (only Monte Carlo noise in the intervals); a path to a `.json`
 * file in the format of data/posterior.json (what `truce calibrate --out`
 * writes) reads that file, so a fit can travel without its store.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
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
    /**
     * Provenance: what made the file (docs/calibration-record.md, "The shipped posterior"). `truce calibrate --out`
     * writes the version and the setting; the shipped file also names the commit whose model it was fitted on.
     * Not read by any computation.
     */
    fittedWith: z
      .object({
        truceVersion: z.string().optional(),
        commit: z.string().optional(),
        settings: z.string().optional(),
        command: z.string().optional(),
        note: z.string().optional(),
      })
      .strict()
      .optional(),
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

/**
 * Resolve `--posterior ID` (undefined -> the shipped default). `files: false` where a file may not be
 * read: the server (a client must not name the server's files) and sweeps (a resumed sweep reloads its
 * posterior by what it stored, and a file can change between the two).
 */
export function loadPosterior(id: string | undefined, dbPath: string, { files = true } = {}): Posterior {
  const which = id ?? 'default';
  if (which === 'none') return NO_POSTERIOR;
  if (which === 'default') {
    if (!existsSync(DEFAULT_POSTERIOR)) return NO_POSTERIOR;
    const doc = readChecked(DEFAULT_POSTERIOR, posteriorSchema);
    return posteriorFromDoc(doc, `default (data/posterior.json: ${doc.label})`);
  }
  // A bare integer is a stored calibration's id; anything naming a file (a
  // path separator or a .json suffix) is a posterior file. `./7` reads a file called 7.
  if (/[\\/]/.test(which) || which.toLowerCase().endsWith('.json')) {
    if (!files)
      throw new UserError(
        `--posterior ${which}: a posterior file is not accepted here; expected the id of a stored calibration (see truce runs list), "default" or "none"`,
      );
    if (!existsSync(which))
      throw new UserError(
        `--posterior ${which}: expected a posterior file (the format of data/posterior.json), found no such file`,
      );
    const doc = readChecked(which, posteriorSchema);
    return posteriorFromDoc(doc, `file ${basename(which)} (${doc.label})`);
  }
  const n = Number(which);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(
      `--posterior ${which}: expected the id of a stored calibration (see truce runs list), a posterior file (.json), "default" or "none"`,
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
