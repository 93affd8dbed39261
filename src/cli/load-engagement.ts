/** Read engagement and campaign files and the defence profiles they name. */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { checkCampaignRules, normalizeCampaign, type Campaign } from '../core/engagement/campaign.js';
import { campaignSpecSchema } from '../core/engagement/campaign-schema.js';
import { checkEngagementRules, knownThreatTypes, layerNamesAreUnique, layersReferToKnownThreatTypes } from '../core/engagement/rules.js';
import { defenseProfileSchema, engagementSpecSchema, type DefenseProfile } from '../core/engagement/schema.js';
import { normalizeEngagement } from '../core/engagement/normalize.js';
import type { Engagement } from '../core/engagement/types.js';
import { problemsError, UserError } from './errors.js';
import { DEFENSE_DIR } from './paths.js';
import { readChecked } from './read-document.js';

/** A profile name (built-in, scenarios/defense/NAME.yaml) or a path relative to the referring file. */
export function resolveDefensePath(name: string, referringFile: string): string {
  if (/[\\/]|\.(ya?ml|json)$/i.test(name)) return isAbsolute(name) ? name : resolve(dirname(referringFile), name);
  for (const ext of ['.yaml', '.yml', '.json']) {
    const p = resolve(DEFENSE_DIR, name + ext);
    if (existsSync(p)) return p;
  }
  throw new UserError(`${referringFile}: defense: expected a defence profile in scenarios/defense/ (${listDefenseProfiles().join(', ')}) or a path, got ${JSON.stringify(name)}`);
}

export function listDefenseProfiles(): string[] {
  try {
    return readdirSync(DEFENSE_DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => f.replace(/\.(ya?ml|json)$/, ''));
  } catch {
    return [];
  }
}

export function readDefenseProfile(name: string, referringFile: string, threats: Set<string>): DefenseProfile {
  const path = resolveDefensePath(name, referringFile);
  const profile = readChecked(path, defenseProfileSchema);
  const problems = [...layersReferToKnownThreatTypes(profile.layers, threats), ...layerNamesAreUnique(profile.layers)];
  if (problems.length) throw problemsError(path, problems);
  return profile;
}

export function loadEngagement(file: string): Engagement {
  const spec = readChecked(file, engagementSpecSchema);
  const profile = spec.defense && spec.layers === undefined ? readDefenseProfile(spec.defense, file, knownThreatTypes(spec)) : undefined;
  const problems = checkEngagementRules(spec, profile);
  if (problems.length) throw problemsError(file, problems);
  return normalizeEngagement(spec, profile);
}

export function loadCampaign(file: string): Campaign {
  const spec = readChecked(file, campaignSpecSchema);
  const profile = spec.defense && spec.layers === undefined ? readDefenseProfile(spec.defense, file, knownThreatTypes(spec)) : undefined;
  const problems = checkCampaignRules(spec, profile);
  if (problems.length) throw problemsError(file, problems);
  return normalizeCampaign(spec, profile);
}
