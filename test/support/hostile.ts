import fc from 'fast-check';

/**
 * Random and hostile form values for property-based tests (fast-check): control characters, NUL,
 * header injection, SQL and script payloads, confusables, lone surrogates, huge strings.
 */

export const HOSTILE = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\r\n\r\nSet-Cookie: x=1',
  "'; DROP TABLE users; --",
  '" OR "1"="1',
  "admin'--",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  '%00%0d%0a',
  '\u202eevil\u202c',
  'раураl@example.test', // Cyrillic letters that look Latin
  'ｐａｓｓｗｏｒｄ１２３',
  'ℌ𝔢𝔩𝔩𝔬 𝖂𝖔𝖗𝖑𝖉',
  '\ud800',
  '🦩'.repeat(300),
  'a'.repeat(20_000),
  '9'.repeat(5000),
  '-1',
  '1e3',
  '0x1F',
  'NaN',
  'null',
  'undefined',
  '[object Object]',
  '__proto__',
] as const;

export const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.string({ maxLength: 300, unit: 'binary' }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...HOSTILE.slice(0, 12)), { minLength: 2, maxLength: 3 }) },
);

/** A mostly valid form with some fields replaced by hostile values (or removed). */
export function hostile(base: Record<string, string>, extraKeys: readonly string[] = []): fc.Arbitrary<Record<string, string | string[]>> {
  const keys = [...Object.keys(base), ...extraKeys, '__proto__', 'constructor'];
  return fc
    .dictionary(fc.constantFrom(...keys), fc.option(text, { nil: undefined }), { maxKeys: 5 })
    .map((overrides) => {
      const out: Record<string, string | string[]> = { ...base };
      for (const [k, v] of Object.entries(overrides)) {
        if (v === undefined) delete out[k];
        else out[k] = v;
      }
      return out;
    });
}
