/**
 * The engagement file format: a salvo against a layered air defence
 * (docs/model/reference.md 3.8). Shape first (zod), then named cross-field rules
 * (`rules.ts`), then normalisation (`normalize.ts`).
 */
import { z } from 'zod';
import { count, identifier, nonNegative, positiveInt, probability, text, unitCost } from '../scenario/fields.js';
import { DOCTRINE_NAMES } from './doctrine/index.js';

/** Threat types every file knows without declaring them. */
export const BUILT_IN_THREAT_TYPES = ['rocket', 'drone', 'cruise', 'ballistic'] as const;

/** Default arrival order (April 2024: drones fly for hours, cruise next, ballistic last). */
export const DEFAULT_ARRIVAL_ORDER: readonly string[] = ['drone', 'cruise', 'rocket', 'ballistic'];

export const threatSpecSchema = z
  .object({
    description: text().optional(),
    unitCostUsd: unitCost().optional(),
    reliability: probability().optional(),
    wave: positiveInt('a wave number >= 1').optional(),
  })
  .strict();

export const layerSpecSchema = z
  .object({
    name: z.string({ error: 'a layer name' }).min(1, { error: 'a layer name' }),
    description: text().optional(),
    operator: text().optional(),
    engages: z.record(z.string(), probability(), { error: 'a map of threat type to single-shot kill probability' }),
    tracking: probability().optional(),
    doctrine: z.enum(DOCTRINE_NAMES, { error: DOCTRINE_NAMES.map((d) => JSON.stringify(d)).join(' or ') }).optional(),
    shots: positiveInt('a number of shots >= 1').optional(),
    inventory: count('an interceptor count >= 0').optional(),
    channels: count('a channel count >= 0').optional(),
    unitCostUsd: unitCost().optional(),
    minWarningMinutes: nonNegative('minutes >= 0').optional(),
  })
  .strict();

export const sensorsSchema = {
  trackCapacity: count('a number of tracks >= 0').optional(),
  saturationPKillFactor: probability().optional(),
};

export const defenseProfileSchema = z
  .object({
    name: text().optional(),
    description: text().optional(),
    sources: z.array(text()).optional(),
    layers: z.array(layerSpecSchema, { error: 'a list of layers' }).min(1, { error: 'at least one layer' }),
    ...sensorsSchema,
  })
  .strict();

export const salvoSchema = z.record(z.string(), count('a threat count >= 0'), {
  error: 'a map of threat type to count, e.g. { ballistic: 110 }',
});

export const engagementSpecSchema = z
  .object({
    name: text().optional(),
    description: text().optional(),
    sources: z.array(text()).optional(),
    salvo: salvoSchema,
    threats: z.record(z.string(), threatSpecSchema, { error: 'a map of threat type to its properties' }).optional(),
    arrivalOrder: z.array(z.string(), { error: 'a list of threat types' }).optional(),
    warningMinutes: nonNegative('minutes >= 0').optional(),
    defense: z
      .union([identifier('a defence profile name'), z.string().regex(/[\\/.]/)], {
        error: 'a defence profile name or path',
      })
      .optional(),
    layers: z.array(layerSpecSchema, { error: 'a list of layers' }).min(1, { error: 'at least one layer' }).optional(),
    ...sensorsSchema,
  })
  .strict();

export type ThreatSpec = z.output<typeof threatSpecSchema>;
export type LayerSpec = z.output<typeof layerSpecSchema>;
export type DefenseProfile = z.output<typeof defenseProfileSchema>;
export type EngagementSpec = z.output<typeof engagementSpecSchema>;
