import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app.js';
import { requireActor } from '../../core/http/index.js';
import { parseForm } from '../../core/http/forms.js';
import { localizePath } from '../../core/i18n/index.js';
import './policy.js';
import './privacy.js';
import { disclosureForm, idParams, registerQuery, requestedQuery, shineForm, tokenForm, tokenQuery } from './schemas.js';
import { ShineService } from './service.js';
import { RegisterPage } from './views/admin.js';
import { CaliforniaPage, ConfirmPage, OutcomePage } from './views/public.js';

/** A handful of requests an hour from one address. */
const REQUEST_LIMIT = { max: 5, timeWindow: 3_600_000 };

/** California "Shine the Light" (Civ. Code 1798.83): the request form, its answer, and the register. */
export default async function shineTheLight(app: FastifyInstance, services: AppServices): Promise<void> {
  const service = new ShineService(services);
  const ask = { config: { action: 'shine.request' } };

  app.get('/privacy/california', ask, async (request, reply) => {
    const { requested } = requestedQuery.parse(request.query ?? {});
    return reply.html(CaliforniaPage({ ctx: request.view(), requested: requested === '1' }) as string);
  });

  app.post('/privacy/california', { config: { action: 'shine.request', rateLimit: REQUEST_LIMIT } }, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(shineForm, request.body, ctx.t);
    if (!form.ok) return reply.code(422).html(CaliforniaPage({ ctx, values: form.values, errors: form.errors }) as string);
    // The same answer for every address, and for bots that fill the honeypot.
    if (!form.data.website) await service.submit({ name: form.data.name, email: form.data.email }, request.locale);
    return reply.redirect(`${localizePath(request.locale, '/privacy/california')}?requested=1`, 303);
  });

  app.get('/privacy/california/confirm', ask, async (request, reply) => {
    const { token } = tokenQuery.parse(request.query ?? {});
    const pending = token ? await service.pending(token) : null;
    return reply.code(pending ? 200 : 410).html(ConfirmPage({ ctx: request.view(), token: pending ? token! : null }) as string);
  });

  app.post('/privacy/california/confirm', ask, async (request, reply) => {
    const form = tokenForm.safeParse(request.body ?? {});
    const outcome = form.success ? await service.confirm(form.data.token) : ({ kind: 'invalid' } as const);
    if (outcome.kind === 'invalid') return reply.code(410).html(ConfirmPage({ ctx: request.view(), token: null }) as string);
    return reply.code(outcome.kind === 'repeat' ? 409 : 200).html(OutcomePage({ ctx: request.view(), outcome }) as string);
  });

  const register = { config: { action: 'shine.register' } };
  const thisYear = () => new Date().getUTCFullYear();

  app.get('/admin/shine-the-light', register, async (request, reply) => {
    const { notice } = registerQuery.parse(request.query ?? {});
    const ctx = request.view();
    const [disclosures, counts] = await Promise.all([service.register(), service.counts(thisYear())]);
    return reply.html(RegisterPage({ ctx, disclosures, counts, year: thisYear(), notice: notice ? ctx.t(notice === 'added' ? 'shine.admin.added' : 'shine.admin.removed') : undefined }) as string);
  });

  app.post('/admin/shine-the-light/disclosures', register, async (request, reply) => {
    const ctx = request.view();
    const form = parseForm(disclosureForm, request.body, ctx.t);
    if (!form.ok) {
      const raw = (request.body as Record<string, unknown> | undefined)?.categories;
      const chosen = (Array.isArray(raw) ? raw : [raw]).filter((c): c is string => typeof c === 'string');
      const [disclosures, counts] = await Promise.all([service.register(), service.counts(thisYear())]);
      return reply.code(422).html(RegisterPage({ ctx, disclosures, counts, year: thisYear(), values: form.values, chosen, errors: form.errors }) as string);
    }
    await service.addDisclosure(requireActor(request), form.data);
    return reply.redirect('/admin/shine-the-light?notice=added', 303);
  });

  app.post('/admin/shine-the-light/disclosures/:id/delete', register, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    await service.removeDisclosure(requireActor(request), id);
    return reply.redirect('/admin/shine-the-light?notice=removed', 303);
  });
}
