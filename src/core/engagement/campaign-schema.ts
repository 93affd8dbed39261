/** The campaign file format: a war of waves over days (docs/model/reference.md 3.9). */
import { z } from 'zod';
import { count, nonNegative, positiveInt, probability, text } from '../scenario/fields.js';
import { layerSpecSchema, salvoSchema, sensorsSchema, threatSpecSchema } from './schema.js';

export const campaignSpecSchema = z
  .object({
    name: text().optional(),
    description: text().optional(),
    sources: z.array(text()).optional(),
    days: positiveInt('a number of days from 1 to 3650').max(3650, { error: 'a number of days from 1 to 3650' }),
    threats: z.record(z.string(), threatSpecSchema).optional(),
    arrivalOrder: z.array(z.string()).optional(),
    warningMinutes: nonNegative('minutes >= 0').optional(),
    defense: z.string({ error: 'a defence profile name or path' }).optional(),
    layers: z.array(layerSpecSchema).min(1, { error: 'at least one layer' }).optional(),
    ...sensorsSchema,
    attacker: z
      .object({
        stocks: z.record(z.string(), count('a stock >= 0'), { error: 'a map of threat type to stock' }),
        launchers: count('a launcher count from 0 to 1000000').max(1_000_000, {
          error: 'a launcher count from 0 to 1000000',
        }),
        launcherTypes: z.array(z.string()).optional(),
        launchesPerLauncherPerDay: nonNegative('launches per launcher per day >= 0').optional(),
        launcherLossPerDay: probability().optional(),
      })
      .strict(),
    plan: z
      .array(
        z
          .object({
            fromDay: positiveInt('a day >= 1'),
            toDay: positiveInt('a day >= 1').optional(),
            salvo: salvoSchema,
          })
          .strict(),
        { error: 'a list of { fromDay, toDay, salvo } entries' },
      )
      .min(1, { error: 'at least one plan entry' }),
    defender: z
      .object({
        production: z.record(z.string(), nonNegative('interceptors per day >= 0')).optional(),
        resupply: z
          .record(
            z.string(),
            z
              .object({
                perDay: nonNegative('interceptors per day >= 0'),
                fromDay: positiveInt('a day >= 1').optional(),
                total: count('a total >= 0').optional(),
              })
              .strict(),
          )
          .optional(),
        zeroPenetrationTolerance: probability().optional(),
        leakerTolerance: z
          .number({ error: 'a number of leakers > 0' })
          .positive({ error: 'a number of leakers > 0' })
          .optional(),
        depletionWeight: nonNegative().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type CampaignSpec = z.output<typeof campaignSpecSchema>;
