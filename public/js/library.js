// Sutura library: "Show image" on images that may show nudity. The image waits in a
// <template> beside a blurred placeholder, so it is not downloaded until asked for. A real
// <button> (keyboard operable by nature); no inline handlers, so it runs under the strict CSP.
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-reveal]') : null;
  if (!button) return;
  const box = document.getElementById(button.getAttribute('data-reveal') ?? '');
  const template = box?.querySelector('template');
  if (!box || !(template instanceof HTMLTemplateElement)) return;
  const picture = template.content.cloneNode(true);
  box.replaceChildren(picture);
  box.classList.add('revealed');
  // Keep the keyboard where the button was: on the image now shown.
  const img = box.querySelector('img');
  if (img) {
    img.tabIndex = -1;
    img.focus();
  }
});
