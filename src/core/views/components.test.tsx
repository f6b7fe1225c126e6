import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckboxGroup } from './components.js';

const options = [
  { value: 'medical', label: 'Medical <records>' },
  { value: 'photos', label: 'Photos' },
  { value: 'contact', label: 'Contact details' },
];

const render = (props: Partial<Parameters<typeof CheckboxGroup>[0]> = {}) => CheckboxGroup({ name: 'categories', label: 'What was exposed', options, ...props }) as string;

describe('CheckboxGroup', () => {
  it('names the group with a legend and gives each checkbox its own label', () => {
    const html = render();
    assert.match(html, /^<fieldset id="field-categories" class="field">\s*<legend>What was exposed<\/legend>/);
    for (const { value } of options) {
      assert.match(html, new RegExp(`<input type="checkbox" id="field-categories-option-${value}" name="categories" value="${value}"\\s*/?>`));
      assert.match(html, new RegExp(`<label for="field-categories-option-${value}">`));
    }
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
    assert.match(html, /<fieldset id="field-categories" class="field has-error" aria-describedby="field-categories-hint field-categories-error">/);
    assert.match(html, /<p class="hint" id="field-categories-hint">Tick all that apply.<\/p>/);
    assert.match(html, /<p class="error" id="field-categories-error">Choose at least one.<\/p>/);
    assert.equal(html.match(/aria-invalid="true"/g)?.length, options.length);
  });

  it('takes an id for pages with several forms of the same names', () => {
    const html = render({ id: 'edit-categories', error: 'Choose at least one.' });
    assert.match(html, /<fieldset id="edit-categories" class="field has-error" aria-describedby="edit-categories-error">/);
    assert.match(html, /id="edit-categories-option-photos"/);
    assert.doesNotMatch(html, /field-categories/);
  });
});
