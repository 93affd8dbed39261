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
import { engagementSpecSchema, type DefenseProfile, type EngagementSpec } from '../core/engagement/schema.js';
import type { Engagement } from '../core/engagement/types.js';
import { checkShape } from '../core/scenario/problems.js';
import type { z } from 'zod';
import { InputError, problemsError } from '../io/errors.js';
import { parseText, readText, unwrap } from '../io/documents.js';
import { DEFAULT_CAMPAIGN, displayPath } from '../io/paths.js';
import type { ExplorerDefaults } from './contract.js';
import { expectedProfile, listDefenseProfiles, readDefenseProfile, type ProfileBase } from './profiles.js';
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
  return engagementOf(engagementSpecText(text, source), source, base);
}

/** An engagement file's text, parsed and checked for its shape. */
function engagementSpecText(text: string, source: string): EngagementSpec {
  const doc = parseText(text, source);
  refuseOtherKind(doc, 'engagement', source);
  return unwrap(source, checkShape(engagementSpecSchema, doc));
}

/** The engagement a spec describes, once its profile is found and every rule holds. */
function engagementOf(spec: EngagementSpec, source: string, base: ProfileBase): Engagement {
  const profile = profileFor(spec, source, base);
  const problems = checkEngagementRules(spec, profile);
  if (problems.length) throw problemsError(source, problems);
  return normalizeEngagement(spec, profile);
}

/**
 * What the dashboard's engagement explorer starts from, all of it: salvo, threats, arrival order, warning, the
 * sensors' settings, and either a shipped profile by name or the file's own layers. Nothing the file gives is
 * dropped, so the explorer computes what `truce engage` computes on the same file; and what `truce engage`
 * refuses (rules, the profile's layers against the threat types), the explorer refuses with the same sentences.
 * A profile named by path is refused too: the dashboard never reads the server's disk (docs/dashboard.md,
 * "Engagement"). `source` names the file in every message.
 */
export function explorerDefaults(text: string, source: string): ExplorerDefaults & { description?: string } {
  const shipped = listDefenseProfiles();
  const spec = engagementSpecText(text, source);
  if (spec.layers === undefined && (typeof spec.defense !== 'string' || !shipped.includes(spec.defense)))
    throw new InputError(
      `${source}: defense: expected the name of a shipped defence profile (${shipped.join(', ')}) or the file's own layers${
        typeof spec.defense === 'string'
          ? `, got ${JSON.stringify(spec.defense)} (the dashboard never reads the server's disk: write the profile's layers into the file)`
          : ''
      }`,
      {
        problems: [
          {
            path: 'defense',
            expected: `the name of a shipped defence profile (${shipped.join(', ')}) or the file's own layers`,
            ...(typeof spec.defense === 'string' ? { found: JSON.stringify(spec.defense) } : {}),
          },
        ],
      },
    );
  engagementOf(spec, source, { kind: 'shipped' });
  return {
    profile: spec.layers === undefined ? spec.defense! : '',
    ...(spec.layers !== undefined ? { layers: spec.layers } : {}),
    threats: spec.threats ?? {},
    salvo: spec.salvo,
    ...(spec.arrivalOrder ? { arrivalOrder: spec.arrivalOrder } : {}),
    ...(spec.warningMinutes !== undefined ? { warningMinutes: spec.warningMinutes } : {}),
    ...(spec.trackCapacity !== undefined ? { trackCapacity: spec.trackCapacity } : {}),
    ...(spec.saturationPKillFactor !== undefined ? { saturationPKillFactor: spec.saturationPKillFactor } : {}),
    source,
    ...(spec.description ? { description: spec.description } : {}),
  };
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
