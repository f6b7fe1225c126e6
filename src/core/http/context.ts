import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../auth/roles.js';
import type { Locale } from '../i18n/index.js';

/** What every log line, audit row and enqueued job needs to know about the current request. */
export interface RequestContext {
  readonly requestId: string;
  readonly ip: string;
  locale: Locale;
  actor: Actor | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request's context; undefined outside a request (CLI, jobs). */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Lets the request hooks bind a context to the rest of the request's async work. */
export function enterContext(context: RequestContext): void {
  storage.enterWith(context);
}
