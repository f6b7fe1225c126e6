import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { projectPath } from '../paths.js';
import { hashPassword, isCommonPassword, MAX_PASSWORD, passwordProblem, verifyPassword } from './passwords.js';

describe('password policy (NIST SP 800-63B)', () => {
  test('the shipped list has at least 10,000 entries and says where it comes from', () => {
    const text = readFileSync(projectPath('src', 'core', 'auth', 'common-passwords.txt'), 'utf8');
    assert.match(text, /^# .*zxcvbn/m);
    assert.match(text, /MIT|Permission is hereby granted/);
    assert.ok(text.split('\n').filter((l) => l && !l.startsWith('#')).length >= 10_000);
  });

  test('lengths in characters: 8 for members, 12 for staff, at most 256', async () => {
    assert.equal(await passwordProblem('seven77', { staff: false }), 'form.passwordShortMember');
    assert.equal(await passwordProblem('eight ok', { staff: false }), null);
    assert.equal(await passwordProblem('eleven char', { staff: true }), 'form.passwordShort');
    assert.equal(await passwordProblem('twelve chars', { staff: true }), null);
    assert.equal(await passwordProblem('x'.repeat(MAX_PASSWORD), { staff: false }), null);
    assert.equal(await passwordProblem('x'.repeat(MAX_PASSWORD + 1), { staff: false }), 'form.passwordLong');
    // Four emoji are eight UTF-16 units but four characters.
    assert.equal(await passwordProblem('🦩🌴🐚🌅', { staff: false }), 'form.passwordShortMember');
  });

  test('common passwords are refused whatever their case or width; no composition rules', async () => {
    for (const p of ['password1', 'PASSWORD1', 'iloveyou', 'qwertyuiop', 'ｐａｓｓｗｏｒｄ１']) assert.equal(await passwordProblem(p, { staff: false }), 'form.passwordCommon', p);
    assert.equal(await isCommonPassword('plum orchard by the sea'), false);
    assert.equal(await passwordProblem('alllowercasewords', { staff: false }), null, 'no demand for digits or symbols');
  });

  test('argon2id with OWASP parameters; NFKC makes full-width and plain spellings match', async () => {
    const hash = await hashPassword('ｗｉｄｅ ｗｏｒｄｓ');
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(hash, 'wide words'), true);
    assert.equal(await verifyPassword(hash, 'wide word'), false);
  });
});
