import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { ValidationError } from '../../core/errors.js';
import { AGE_COOKIE, requireActor } from '../../core/http/index.js';
import { parseForm } from '../../core/http/forms.js';
import { localizePath } from '../../core/i18n/index.js';
import './policy.js';
import { ACCOUNT_ID, ageGateForm, auditQuery, idParams, inviteForm, minorForm, minorLookupForm, minorQuery, peopleQuery, rolesForm } from './schemas.js';
import { ERASE_MINOR_JOB, StaffService } from './service.js';
import { AgeGateLeavePage } from './views/age-gate.js';
import { AuditPage } from './views/audit.js';
import { MinorPage } from './views/minor.js';
import { PeoplePage, PersonPage } from './views/people.js';

const PERSON_NOTICES = { roles: 'staff.people.rolesSaved', unchanged: 'staff.people.rolesUnchanged', disabled: 'staff.people.disabledNotice', enabled: 'staff.people.enabledNotice' } as const;
const personNotice = z.object({ notice: z.enum(['roles', 'unchanged', 'disabled', 'enabled']).optional().catch(undefined) }).loose();
const erasePayload = z.object({ userId: z.string().min(1).max(40), actorId: z.string().max(40).nullable() });

/** A year: the answer is a fact about the visitor, asked once. */
const AGE_COOKIE_SECONDS = 365 * 86_400;

/** People and roles, minors' accounts, the audit log, and the age question. */
export default async function staff(app: FastifyInstance, services: AppServices): Promise<void> {
  const service = new StaffService(services);
  services.jobs.define({ name: ERASE_MINOR_JOB, schema: erasePayload, handler: (p) => service.eraseMinor(p.userId, p.actorId) });

  // People and roles

  app.get('/admin/people', { config: { action: 'people.manage' } }, async (request, reply) => {
    const { q, page } = peopleQuery.parse(request.query ?? {});
    const result = await service.listPeople(q, page);
    return reply.html(PeoplePage({ ctx: request.view(), ...result, q, page }) as string);
  });

  app.post('/admin/people/invite', { config: { action: 'people.manage' } }, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(inviteForm, request.body, ctx.t);
    const { people, total } = await service.listPeople(undefined, 1);
    if (!form.ok) return reply.code(422).html(PeoplePage({ ctx, people, total, page: 1, q: undefined, invite: { values: form.values, errors: form.errors } }) as string);
    const token = await service.invite(requireActor(request), form.data.roles, form.data.email);
    const link = `${services.config.publicUrl}/account/setup?token=${token}`;
    return reply.header('cache-control', 'no-store').html(PeoplePage({ ctx, people, total, page: 1, q: undefined, invite: { link } }) as string);
  });

  async function renderPerson(request: FastifyRequest, reply: FastifyReply, id: string, status = 200, error?: string): Promise<FastifyReply> {
    const { notice } = personNotice.parse(request.query ?? {});
    const ctx = request.view();
    const person = await service.person(id);
    const self = requireActor(request).id === person.id;
    return reply.code(status).html(PersonPage({ ctx, person, self, notice: notice ? ctx.t(PERSON_NOTICES[notice]) : undefined, error }) as string);
  }

  app.get('/admin/people/:id', { config: { action: 'people.manage' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    return renderPerson(request, reply, id);
  });

  app.post('/admin/people/:id/roles', { config: { action: 'people.manage' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const form = rolesForm.safeParse(request.body ?? {});
    if (!form.success) return renderPerson(request, reply, id, 422, request.view().t('form.choose'));
    try {
      const { changed } = await service.setRoles(requireActor(request), id, form.data.roles);
      return reply.redirect(`/admin/people/${id}?notice=${changed ? 'roles' : 'unchanged'}`, 303);
    } catch (e) {
      if (e instanceof ValidationError && e.code === 'last_admin') return renderPerson(request, reply, id, 422, request.view().t('staff.people.lastAdmin'));
      throw e;
    }
  });

  for (const [path, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/admin/people/:id/${path}`, { config: { action: 'people.manage' } }, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      try {
        await service.setDisabled(requireActor(request), id, disabled);
      } catch (e) {
        if (e instanceof ValidationError && e.code === 'last_admin') return renderPerson(request, reply, id, 422, request.view().t('staff.people.lastAdmin'));
        throw e;
      }
      return reply.redirect(`/admin/people/${id}?notice=${disabled ? 'disabled' : 'enabled'}`, 303);
    });
  }

  // Minors

  app.get('/admin/minors', { config: { action: 'people.mark_minor' } }, async (request, reply) => {
    const { id, notice } = minorQuery.parse(request.query ?? {});
    const ctx = request.view();
    const person = id ? await service.person(id) : null;
    return reply.html(MinorPage({ ctx, person, marked: notice === 'marked', self: person?.id === requireActor(request).id }) as string);
  });

  // A lookup by email is a POST so the address never lands in a URL or an access log.
  app.post('/admin/minors/find', { config: { action: 'people.mark_minor' } }, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(minorLookupForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(MinorPage({ ctx, person: null, lookup: { values: form.values, errors: form.errors } }) as string);
    const person = await service.findByEmail(form.data.email);
    return reply.code(person ? 200 : 404).html(MinorPage({ ctx, person, notFound: !person, lookup: { values: { email: form.data.email } }, self: person?.id === requireActor(request).id }) as string);
  });

  app.post('/admin/minors', { config: { action: 'people.mark_minor' } }, async (request, reply) => {
    const ctx = request.view();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parseForm(minorForm, body, ctx.t);
    if (!form.ok) {
      const userId = typeof body.user === 'string' && ACCOUNT_ID.test(body.user) ? body.user : '';
      const person = userId ? await service.person(userId) : null;
      // Without the account (a form tampered with), the message goes with the lookup form.
      if (!person) return reply.code(422).html(MinorPage({ ctx, person: null, lookup: { values: {}, errors: { email: ctx.t('staff.minor.notFound') } } }) as string);
      return reply.code(422).html(MinorPage({ ctx, person, errors: form.errors }) as string);
    }
    try {
      await service.markMinor(requireActor(request), form.data.user, form.data.reason);
    } catch (e) {
      if (e instanceof ValidationError && e.code === 'last_admin') {
        return reply.code(422).html(MinorPage({ ctx, person: await service.person(form.data.user), errors: { reason: ctx.t('staff.people.lastAdmin') } }) as string);
      }
      throw e;
    }
    return reply.redirect('/admin/minors?notice=marked', 303);
  });

  // The audit log

  app.get('/admin/audit', { config: { action: 'audit.read' } }, async (request, reply) => {
    const { page, ...filter } = auditQuery.parse(request.query ?? {});
    const data = await service.auditPage(filter, page);
    return reply.html(AuditPage({ ctx: request.view(), ...data, filter, page }) as string);
  });

  app.get('/admin/audit/export.csv', { config: { action: 'audit.read' } }, async (request, reply) => {
    const { page: _page, ...filter } = auditQuery.parse(request.query ?? {});
    const csv = await service.exportAudit(requireActor(request), filter);
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-disposition', `attachment; filename="audit-${day}.csv"`)
      .header('cache-control', 'private, no-store')
      .type('text/csv; charset=utf-8')
      .send(csv);
  });

  // The age question (AGE_GATE)

  app.post('/age-gate', { config: { action: 'age_gate.answer' } }, async (request, reply) => {
    const { return: target } = ageGateForm.parse(request.body ?? {});
    reply.setCookie(AGE_COOKIE, '1', {
      path: '/',
      maxAge: AGE_COOKIE_SECONDS,
      httpOnly: true,
      sameSite: 'lax',
      secure: services.config.secureCookies,
    });
    // Back to the same page, and only to a page of this site (never an open redirect).
    const local = target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : localizePath(request.locale, '/');
    return reply.redirect(local, 303);
  });

  app.get('/age-gate/leave', { config: { action: 'age_gate.answer' } }, async (request, reply) =>
    reply.html(AgeGateLeavePage({ ctx: request.view(), minAge: services.config.minAge }) as string),
  );
}
