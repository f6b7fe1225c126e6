import { z } from 'zod';

const tick = z.literal('on').optional().transform((v) => v === 'on');

/** Where to go back after a choice: a path on this site, nothing else (no open redirect). */
export const returnPath = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\s]*$/)
  .optional()
  .catch(undefined);

export const consentForm = z.object({
  choice: z.enum(['accept', 'reject', 'save']),
  preferences: tick,
  analytics: tick,
  advertising: tick,
  returnTo: returnPath,
});

export const centerQuery = z.object({ saved: z.literal('1').optional().catch(undefined) }).loose();
