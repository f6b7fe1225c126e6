// Sutura: small progressive enhancements. An ES module (type=module, so it runs after
// parsing); no dependencies, no inline handlers, no eval: safe under a strict CSP.

// 1. Focus the first [data-autofocus] element (e.g. a form's error summary) so screen
//    readers announce it. Also runs inside content swapped in by htmx.
function autofocus(root) {
  const el = root.querySelector('[data-autofocus]');
  if (!(el instanceof HTMLElement)) return;
  if (!el.matches('a[href], button, input, select, textarea, [tabindex]')) el.tabIndex = -1;
  el.focus();
}
autofocus(document);
document.addEventListener('htmx:afterSettle', (event) => {
  if (event.target instanceof Element) autofocus(event.target);
});

// 2. form[data-confirm]: ask before submitting and cancel if refused. Listening in the
//    capture phase runs before htmx's own submit handler, which is then stopped too.
document.addEventListener(
  'submit',
  (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true,
);

// 3. [data-copy] buttons: copy the attribute's text, then show data-copied as feedback.
async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Fallback for plain-HTTP development hosts, where the Clipboard API is unavailable.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy failed');
}
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-copy]') : null;
  if (!(button instanceof HTMLButtonElement)) return;
  event.preventDefault();
  copyText(button.dataset.copy ?? '').then(
    () => {
      if (button.dataset.copied) button.textContent = button.dataset.copied;
    },
    () => {}, // Leave the button as it was; the text is still visible to copy by hand.
  );
});

// 4. The age question (AGE_GATE): the server sends the dialog open so it works without
//    JavaScript; here it becomes a modal dialog, so the page behind is inert and focus starts
//    on the answer. Escape does not dismiss it: the question has to be answered or left.
const ageGate = document.querySelector('dialog[data-age-gate]');
if (ageGate instanceof HTMLDialogElement && typeof ageGate.showModal === 'function') {
  ageGate.addEventListener('cancel', (event) => event.preventDefault());
  ageGate.close();
  ageGate.showModal();
  const answer = ageGate.querySelector('[autofocus]');
  if (answer instanceof HTMLElement) answer.focus();
}
