import { z } from 'zod';

// Control characters (NUL above all: PostgreSQL refuses it in text) have no place in what people type.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** A one-line text: trimmed, bounded, no control characters; required unless `min` is 0. */
export function lineField(max: number, min = 1) {
  const base = z.string('form.invalid').trim().max(max, 'form.tooLong').refine((v) => !CONTROL.test(v), 'form.invalid');
  return min > 0 ? base.refine((v) => v.length >= min, 'form.required') : base;
}

/** A multi-line text: like lineField, but line breaks and tabs are allowed. */
export function textField(max: number, min = 1) {
  const base = z.string('form.invalid').trim().max(max, 'form.tooLong').refine((v) => !CONTROL_EXCEPT_LINES.test(v), 'form.invalid');
  return min > 0 ? base.refine((v) => v.length >= min, 'form.required') : base;
}
