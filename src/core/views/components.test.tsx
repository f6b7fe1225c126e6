import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChoiceGroup } from './components.js';

const options = [
  { value: 'medical', label: 'Medical <records>' },
  { value: 'photos', label: 'Photos' },
  { value: 'contact', label: 'Contact details' },
];

const render = (props: Partial<Parameters<typeof ChoiceGroup>[0]> = {}) => ChoiceGroup({ name: 'categories', label: 'What was exposed', options, ...props }) as string;

describe('ChoiceGroup', () => {
  it('names the group with a legend and gives each checkbox its own label', () => {
    const html = render();
    assert.match(html, /^<fieldset class="field">\s*<legend>What was exposed<\/legend>/);
    // The first choice takes the group's id: the error summary's link lands on it.
    options.forEach(({ value }, i) => {
      const id = i === 0 ? 'field-categories' : `field-categories-option-${value}`;
      assert.match(html, new RegExp(`<input type="checkbox" id="${id}" name="categories" value="${value}"\\s*/?>`));
      assert.match(html, new RegExp(`<label for="${id}">`));
    });
    assert.match(html, /Medical &lt;records>/, 'labels are escaped');
    assert.doesNotMatch(html, /aria-describedby|aria-invalid|class="error"|class="hint"/);
  });

  it('ticks the chosen values, from a list or a set', () => {
    for (const checked of [['photos', 'contact'], new Set(['photos', 'contact'])]) {
      const html = render({ checked });
      assert.match(html, /value="photos" checked/);
      assert.match(html, /value="contact" checked/);
      assert.doesNotMatch(html, /value="medical" checked/);
    }
  });

  it('ties its hint and error to the group and marks the checkboxes invalid', () => {
    const html = render({ hint: 'Tick all that apply.', error: 'Choose at least one.' });
    assert.match(html, /<fieldset class="field has-error" aria-describedby="field-categories-hint field-categories-error">/);
    assert.match(html, /<p class="hint" id="field-categories-hint">Tick all that apply.<\/p>/);
    assert.match(html, /<p class="error" id="field-categories-error">Choose at least one.<\/p>/);
    assert.equal(html.match(/aria-invalid="true"/g)?.length, options.length);
  });

  it('takes an id for pages with several forms of the same names', () => {
    const html = render({ id: 'edit-categories', error: 'Choose at least one.' });
    assert.match(html, /<fieldset class="field has-error" aria-describedby="edit-categories-error">/);
    assert.match(html, /<input type="checkbox" id="edit-categories" name="categories" value="medical"/);
    assert.match(html, /id="edit-categories-option-photos"/);
    assert.doesNotMatch(html, /field-categories/);
  });

  it('offers radio buttons, required when asked, one of them ticked', () => {
    const html = render({ type: 'radio', checked: ['photos'], required: true });
    assert.equal(html.match(/<input type="radio"[^>]* required/g)?.length, options.length);
    assert.match(html, /<input type="radio" id="field-categories-option-photos" name="categories" value="photos" checked/);
    assert.doesNotMatch(html, /type="checkbox"/);
  });
});
