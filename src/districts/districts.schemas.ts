import { z } from 'zod';
import { ALERT_CHANNELS } from './districts.model.js';
import { freeText, plainText } from '../lib/http/text.js';

const districtFields = {
  code: z.string().trim().toLowerCase().regex(/^[a-z0-9-]{2,40}$/, 'letters, digits and hyphens'),
  name: plainText(100, 2),
  housingContactEmail: z.email().nullable(),
  housingContactAddress: freeText(500).nullable(),
  applicationAgeYears: z.number().int().min(16).max(21),
  applicationAgeMonths: z.number().int().min(0).max(11),
  alertLookaheadWeeks: z.number().int().min(1).max(52),
  alertChannels: z.enum(ALERT_CHANNELS),
  latitude: z.number().min(49).max(61),
  longitude: z.number().min(-9).max(3),
  withinCouncilArea: z.boolean(),
};

export const createDistrictBody = z.strictObject({
  ...districtFields,
  housingContactEmail: districtFields.housingContactEmail.optional(),
  housingContactAddress: districtFields.housingContactAddress.optional(),
  applicationAgeYears: districtFields.applicationAgeYears.optional(),
  applicationAgeMonths: districtFields.applicationAgeMonths.optional(),
  alertLookaheadWeeks: districtFields.alertLookaheadWeeks.optional(),
  alertChannels: districtFields.alertChannels.optional(),
  withinCouncilArea: districtFields.withinCouncilArea.optional(),
});
export const updateDistrictBody = z.strictObject(districtFields).omit({ code: true }).partial();

export const districtView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  housingContactEmail: z.string().nullable(),
  housingContactAddress: z.string().nullable(),
  applicationAge: z.object({ years: z.number(), months: z.number() }),
  alertLookaheadWeeks: z.number(),
  alertChannels: z.enum(ALERT_CHANNELS),
  latitude: z.number(),
  longitude: z.number(),
  withinCouncilArea: z.boolean(),
});
export type DistrictView = z.infer<typeof districtView>;
