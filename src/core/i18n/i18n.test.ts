import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from './en.js';
import { es } from './es.js';
import { localizePath, splitLocale, translate } from './index.js';

test('Spanish has every English key, no empty message, and the same placeholders', () => {
  assert.deepEqual(Object.keys(es).sort(), Object.keys(en).sort());
  for (const [key, message] of Object.entries(en)) {
    const spanish = es[key as keyof typeof en];
    assert.ok(spanish.trim(), `${key} is empty`);
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(names(spanish), names(message), `${key} placeholders differ`);
  }
});

test('placeholders are filled and unknown ones left visible', () => {
  assert.equal(translate('en', 'layout.signedInAs', { name: 'Ana' }), 'Signed in as Ana.');
  assert.equal(translate('en', 'layout.signedInAs'), 'Signed in as {name}.');
});

test('paths split into language and route, and back', () => {
  assert.deepEqual(splitLocale('/es/guides/necklift?x=1'), { locale: 'es', url: '/guides/necklift?x=1' });
  assert.deepEqual(splitLocale('/es'), { locale: 'es', url: '/' });
  assert.deepEqual(splitLocale('/es?x'), { locale: 'es', url: '/?x' });
  assert.deepEqual(splitLocale('/escape'), { locale: 'en', url: '/escape' });
  assert.equal(localizePath('es', '/'), '/es');
  assert.equal(localizePath('es', '/guides'), '/es/guides');
  assert.equal(localizePath('en', '/guides'), '/guides');
});
