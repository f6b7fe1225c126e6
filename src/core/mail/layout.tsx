import type { Children } from '@kitajs/html';
import type { PracticeIdentity } from '../config/index.js';
import type { Locale } from '../i18n/index.js';

/**
 * The frame of every email: simple, single-column HTML with inline styles (email clients
 * ignore style sheets), the practice's name and postal address in the footer (CAN-SPAM).
 */
export function EmailLayout({ locale, practice, preheader, footer, children }: { locale: Locale; practice: PracticeIdentity; preheader: string; footer?: Children; children: Children }): JSX.Element {
  return (
    <>
      {'<!doctype html>'}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light" />
        </head>
        <body style="margin:0;padding:0;background:#faf7f2;color:#1c262c;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
          <div style="display:none;max-height:0;overflow:hidden" safe>
            {preheader}
          </div>
          <div style="max-width:560px;margin:0 auto;padding:24px">
            <p style="font-family:Georgia,serif;font-size:20px;font-weight:bold;color:#0f4c5c;margin:0 0 24px" safe>
              {practice.name}
            </p>
            <div style="background:#ffffff;border:1px solid #d9d1c4;border-radius:8px;padding:24px">{children}</div>
            <div style="color:#545d63;font-size:13px;margin-top:24px">
              {footer ?? ''}
              <p style="margin:8px 0 0" safe>
                {`${practice.legalEntity} · ${practice.address}`}
              </p>
            </div>
          </div>
        </body>
      </html>
    </>
  );
}

/** The common shape of a transactional email: paragraphs, at most one button, more paragraphs. */
export interface SimpleMessage {
  readonly subject: string;
  /** The preview line mail apps show after the subject; default: the first paragraph. */
  readonly preheader?: string;
  readonly paragraphs: readonly string[];
  readonly action?: { readonly label: string; readonly url: string };
  readonly after?: readonly string[];
}

const BUTTON = 'display:inline-block;background:#0f4c5c;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:bold';

/** Renders a SimpleMessage as HTML and as the matching plain text, footer included in both. */
export function renderSimpleMessage(site: { locale: Locale; practice: PracticeIdentity }, m: SimpleMessage): { subject: string; html: string; text: string } {
  const after = m.after ?? [];
  const html = EmailLayout({
    locale: site.locale,
    practice: site.practice,
    preheader: m.preheader ?? m.paragraphs[0] ?? m.subject,
    children: [
      ...m.paragraphs.map((p) => <p safe>{p}</p>),
      m.action ? (
        <p>
          <a href={m.action.url} style={BUTTON} safe>
            {m.action.label}
          </a>
        </p>
      ) : (
        ''
      ),
      ...after.map((p) => <p safe>{p}</p>),
    ],
  }) as string;
  const text = [...m.paragraphs, ...(m.action ? [`${m.action.label}: ${m.action.url}`] : []), ...after, `--\n${site.practice.legalEntity}, ${site.practice.address}`].join('\n\n');
  return { subject: m.subject, html, text: `${text}\n` };
}
