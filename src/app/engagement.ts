/**
 * Engagements (one salvo) and campaigns (a war of waves): read, check, run.
 * One pipeline for files (CLI) and text (dashboard): shape, rules, the
 * defence profile the document names, normalisation.
 */
import {
  checkCampaignRules,
  normalizeCampaign,
  runCampaign,
  type Campaign,
  type CampaignReport,
} from '../core/engagement/campaign.js';
import { campaignSpecSchema } from '../core/engagement/campaign-schema.js';
import { analyzeEngagement, type EngageMethod, type EngageReport } from '../core/engagement/engage.js';
import { exactBeyondScope, ExactScopeError } from '../core/engagement/exact.js';
import { campaignRunWork, enforceBudget, engageWork, type Budget } from './budget.js';
import { normalizeEngagement } from '../core/engagement/normalize.js';
import {
  checkEngagementRules,
  knownThreatTypes,
  layerNamesAreUnique,
  layersReferToKnownThreatTypes,
} from '../core/engagement/rules.js';
import { engagementSpecSchema, type DefenseProfile } from '../core/engagement/schema.js';
import type { Engagement } from '../core/engagement/types.js';
import { checkShape } from '../core/scenario/problems.js';
import type { z } from 'zod';
import { InputError, problemsError } from '../io/errors.js';
import { parseText, readText, unwrap } from '../io/documents.js';
import { DEFAULT_CAMPAIGN, displayPath } from '../io/paths.js';
import { expectedProfile, readDefenseProfile, type ProfileBase } from './profiles.js';
import { otherKindProblem, type FileKind } from './file-kind.js';

export { DEFAULT_CAMPAIGN };

/** The profile a spec names (when it gives no layers of its own), checked against its threats. */
function profileFor(
  spec: { defense?: string; layers?: unknown; threats?: z.infer<typeof engagementSpecSchema>['threats'] },
  source: string,
  base: ProfileBase,
): DefenseProfile | undefined {
  if (!spec.defense || spec.layers !== undefined) return undefined;
  const found = readDefenseProfile(spec.defense, base);
  if (!found)
    throw problemsError(source, [
      { path: 'defense', expected: expectedProfile(base, spec.defense), found: JSON.stringify(spec.defense) },
    ]);
  const threats = knownThreatTypes(spec);
  const problems = [
    ...layersReferToKnownThreatTypes(found.profile.layers, threats),
    ...layerNamesAreUnique(found.profile.layers),
  ];
  if (problems.length) throw problemsError(found.label, problems);
  return found.profile;
}

/** A document of another kind (a ceasefire scenario given to engage) is refused in one sentence, not field by field. */
function refuseOtherKind(doc: unknown, expected: FileKind, source: string): void {
  const other = otherKindProblem(doc, expected);
  if (other) throw problemsError(source, [other]);
}

export function loadEngagementText(text: string, source: string, base: ProfileBase): Engagement {
  const doc = parseText(text, source);
  refuseOtherKind(doc, 'engagement', source);
  const spec = unwrap(source, checkShape(engagementSpecSchema, doc));
  const profile = profileFor(spec, source, base);
  const problems = checkEngagementRules(spec, profile);
  if (problems.length) throw problemsError(source, problems);
  return normalizeEngagement(spec, profile);
}

export function loadEngagement(file: string): Engagement {
  const label = displayPath(file);
  return loadEngagementText(readText(file, label), label, { kind: 'file', referringFile: file });
}

export function loadCampaignText(text: string, source: string, base: ProfileBase): Campaign {
  const doc = parseText(text, source);
  refuseOtherKind(doc, 'campaign', source);
  const spec = unwrap(source, checkShape(campaignSpecSchema, doc));
  const profile = profileFor(spec, source, base);
  const problems = checkCampaignRules(spec, profile);
  if (problems.length) throw problemsError(source, problems);
  return normalizeCampaign(spec, profile);
}

export function loadCampaign(file: string = DEFAULT_CAMPAIGN): Campaign {
  const label = displayPath(file);
  return loadCampaignText(readText(file, label), label, { kind: 'file', referringFile: file });
}

export interface EngageRequest {
  method: EngageMethod;
  samples: number;
  seed: number;
  budget?: Budget;
}

/** One salvo against the layered defence; a method that cannot solve it is an input error naming the file. */
export function engage(engagement: Engagement, source: string, req: EngageRequest): EngageReport {
  const exact = req.method === 'exact' || (req.method === 'auto' && exactBeyondScope(engagement) === null);
  enforceBudget(engageWork(engagement, exact ? null : req.samples), req.budget, source);
  try {
    return analyzeEngagement(engagement, req);
  } catch (err) {
    if (err instanceof ExactScopeError) throw new InputError(`${source}: ${err.message}`);
    throw err;
  }
}

export function campaign(
  c: Campaign,
  runs: number,
  seed: number,
  budget?: Budget,
  source = 'campaign',
): CampaignReport {
  enforceBudget(campaignRunWork(c, runs), budget, source);
  return runCampaign(c, runs, seed);
}
