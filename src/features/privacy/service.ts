import type { AppServices } from '../../app.js';
import { newId } from '../../core/db/ids.js';
import { type Consent, type ConsentCategory, formatConsentCookie } from '../../core/http/consent.js';
import { policyVersion } from '../site/legal.js';
import * as store from './store.js';

export type { ConsentRecord } from './store.js';

/** The privacy center: cookie choices, recorded as evidence (more rights arrive here). */
export class PrivacyService {
  constructor(private readonly services: Pick<AppServices, 'db'>) {}

  /**
   * Records a browser's choice and returns the cookie value that remembers it. An opt-out
   * signal (Global Privacy Control, Do Not Track) keeps advertising off whatever was ticked.
   */
  async recordChoice(current: Consent, choice: Readonly<Record<ConsentCategory, boolean>>): Promise<string> {
    const consentId = current.id ?? newId();
    const effective = { ...choice, advertising: choice.advertising && !current.optOutSignal };
    await store.insertConsent(this.services.db, { consentId, choice: effective, optOutSignal: current.optOutSignal, policyVersion: policyVersion('privacy') });
    return formatConsentCookie(consentId, effective);
  }

  /** The last recorded choice of this browser, for the privacy center to show. */
  async latest(current: Consent): Promise<store.ConsentRecord | null> {
    if (!current.id) return null;
    return (await store.consentsOf(this.services.db, current.id)).at(-1) ?? null;
  }
}
