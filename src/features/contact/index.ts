import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../app.js';
import { can } from '../../core/auth/index.js';
import { ValidationError } from '../../core/errors.js';
import { requireActor } from '../../core/http/index.js';
import { parseForm } from '../../core/http/forms.js';
import { localizePath } from '../../core/i18n/index.js';
import './policy.js';
import './privacy.js';
import { assignForm, contactForm, contactQuery, entryForm, inboxQuery, statusForm } from './schemas.js';
import { ContactService } from './service.js';
import { InboxPage, MessagePage } from './views/admin.js';
import { ContactPage } from './views/public.js';

const idParams = z.object({ id: z.string().min(1).max(40) });
const NOTICES = { status: 'contact.inbox.statusSaved', assigned: 'contact.inbox.assigned', noted: 'contact.inbox.noted', replied: 'contact.inbox.replied' } as const;
const noticeQuery = z.object({ notice: z.enum(['status', 'assigned', 'noted', 'replied']).optional() }).loose();

/** Ten messages an hour from one address is plenty for a person and dull for a spammer. */
const SEND_LIMIT = { max: 10, timeWindow: 3_600_000 };

/** Contact Us: the public form and the staff inbox. */
export default async function contact(app: FastifyInstance, services: AppServices): Promise<void> {
  const service = new ContactService(services);
  services.dashboard.push(async (actor, t) => {
    if (!can(actor, 'contact.manage')) return null;
    const counts = await service.counts();
    return { href: '/admin/contact', title: t('admin.nav.contact'), summary: t('admin.dashboard.contact', { count: counts.new }), attention: counts.new > 0 };
  });

  app.get('/contact', { config: { action: 'contact.send' } }, async (request, reply) => {
    const { sent, topic } = contactQuery.parse(request.query ?? {});
    return reply.html(ContactPage({ ctx: request.view(), sent: sent === '1', values: topic ? { topic } : {} }) as string);
  });

  app.post('/contact', { config: { action: 'contact.send', rateLimit: SEND_LIMIT } }, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(contactForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(ContactPage({ ctx, values: form.values, errors: form.errors }) as string);
    // A filled honeypot is a bot: it sees the same thanks, and nothing is stored or sent.
    const { website, ...message } = form.data;
    if (!website) await service.submit(message, request.locale);
    return reply.redirect(`${localizePath(request.locale, '/contact')}?sent=1`, 303);
  });

  app.get('/admin/contact', { config: { action: 'contact.manage' } }, async (request, reply) => {
    const { status } = inboxQuery.parse(request.query ?? {});
    const [messages, counts] = await Promise.all([service.list(status), service.counts()]);
    return reply.html(InboxPage({ ctx: request.view(), messages, status, counts }) as string);
  });

  async function renderMessage(request: FastifyRequest, id: string, error?: string): Promise<string> {
    const { notice } = noticeQuery.parse(request.query ?? {});
    const ctx = request.view();
    const data = await service.get(id);
    return MessagePage({ ctx, ...data, notice: notice ? ctx.t(NOTICES[notice]) : undefined, error }) as string;
  }

  app.get('/admin/contact/:id', { config: { action: 'contact.manage' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    return reply.html(await renderMessage(request, id));
  });

  app.post('/admin/contact/:id/status', { config: { action: 'contact.manage' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const form = statusForm.safeParse(request.body ?? {});
    if (!form.success) return reply.code(422).html(await renderMessage(request, id, request.view().t('form.choose')));
    await service.setStatus(requireActor(request), id, form.data.status);
    return reply.redirect(`/admin/contact/${id}?notice=status`, 303);
  });

  app.post('/admin/contact/:id/assign', { config: { action: 'contact.manage' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const form = assignForm.safeParse(request.body ?? {});
    try {
      if (!form.success) throw new ValidationError();
      await service.assign(requireActor(request), id, form.data.assignee || null);
    } catch (e) {
      if (e instanceof ValidationError) return reply.code(422).html(await renderMessage(request, id, request.view().t('form.choose')));
      throw e;
    }
    return reply.redirect(`/admin/contact/${id}?notice=assigned`, 303);
  });

  for (const kind of ['note', 'reply'] as const) {
    app.post(`/admin/contact/:id/${kind}`, { config: { action: 'contact.manage' } }, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const form = parseForm(entryForm, request.body, request.view().t);
      if (!form.ok) return reply.code(422).html(await renderMessage(request, id, Object.values(form.errors)[0]));
      if (kind === 'note') await service.addNote(requireActor(request), id, form.data.body);
      else await service.reply(requireActor(request), id, form.data.body);
      return reply.redirect(`/admin/contact/${id}?notice=${kind === 'note' ? 'noted' : 'replied'}`, 303);
    });
  }
}
