import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../core/audit/index.js';
import { ROLES } from '../../core/auth/index.js';
import { MINOR_REASONS } from './model.js';

const page = z.coerce.number().int().min(1).max(100_000).catch(1).default(1);
/** A query value: blank means "no filter"; anything malformed is dropped, never an error page. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
  .optional()
  .catch(undefined);

export const peopleQuery = z.object({ q: optionalText(200), page, notice: z.string().max(20).optional().catch(undefined) }).loose();
export const idParams = z.object({ id: z.string().min(1).max(40) });

/** Checkboxes: none ticked sends nothing, one sends a string, several an array. */
const roleList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(ROLES, 'form.choose')).max(ROLES.length));

export const rolesForm = z.strictObject({ roles: roleList });

export const inviteForm = z.strictObject({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'form.tooLong')
    .refine((v) => v === '' || z.email().safeParse(v).success, 'form.email')
    .optional()
    .transform((v) => v || null),
  roles: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(ROLES, 'form.choose')).min(1, 'form.choose').max(ROLES.length)),
});

export const minorLookupForm = z.strictObject({ email: z.string().trim().toLowerCase().pipe(z.email('form.email').max(254, 'form.tooLong')) });
/** Account ids are URL-safe base64: anything else (a NUL, which PostgreSQL refuses) is no id. */
export const ACCOUNT_ID = /^[\w-]{1,40}$/;
export const minorForm = z.strictObject({
  user: z.string().regex(ACCOUNT_ID),
  reason: z.enum(MINOR_REASONS, 'form.choose'),
});
export const minorQuery = z.object({ id: z.string().min(1).max(40).optional().catch(undefined), notice: z.string().max(20).optional().catch(undefined) }).loose();

export const auditQuery = z
  .object({
    action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
    actor: optionalText(40),
    targetType: optionalText(40),
    targetId: optionalText(80),
    from: day,
    to: day,
    page,
  })
  .loose();

export const ageGateForm = z.object({ return: z.string().max(2000).optional().catch(undefined) }).loose();
