// Passkeys (WebAuthn) in the browser: adding one on the account page and signing in with one.
// Loaded only on those pages. The server sends options as JSON and verifies what comes back.

const supported = typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;

// Options arrive as JSON with base64url strings; browsers without the JSON helpers of
// WebAuthn level 3 get them converted by hand.
const fromB64 = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4)), (c) => c.charCodeAt(0)).buffer;
const toB64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function creationOptions(json) {
  if (PublicKeyCredential.parseCreationOptionsFromJSON) return PublicKeyCredential.parseCreationOptionsFromJSON(json);
  return { ...json, challenge: fromB64(json.challenge), user: { ...json.user, id: fromB64(json.user.id) }, excludeCredentials: (json.excludeCredentials ?? []).map((c) => ({ ...c, id: fromB64(c.id) })) };
}

function requestOptions(json) {
  if (PublicKeyCredential.parseRequestOptionsFromJSON) return PublicKeyCredential.parseRequestOptionsFromJSON(json);
  return { ...json, challenge: fromB64(json.challenge), allowCredentials: (json.allowCredentials ?? []).map((c) => ({ ...c, id: fromB64(c.id) })) };
}

function credentialJson(credential) {
  if (typeof credential.toJSON === 'function') return credential.toJSON();
  const r = credential.response;
  const response = { clientDataJSON: toB64(r.clientDataJSON) };
  if (r.attestationObject) Object.assign(response, { attestationObject: toB64(r.attestationObject), transports: r.getTransports?.() ?? [] });
  if (r.authenticatorData) Object.assign(response, { authenticatorData: toB64(r.authenticatorData), signature: toB64(r.signature), userHandle: r.userHandle ? toB64(r.userHandle) : undefined });
  return { id: credential.id, rawId: toB64(credential.rawId), type: credential.type, response, clientExtensionResults: credential.getClientExtensionResults(), authenticatorAttachment: credential.authenticatorAttachment };
}

async function post(url, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body ?? {}), credentials: 'same-origin' });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error ?? res.statusText);
  return data;
}

function showError(root, error) {
  const box = root.querySelector('[data-passkey-error]');
  // A person who closes the browser's dialog has changed their mind: no error for that.
  if (box && error?.name !== 'NotAllowedError' && error?.name !== 'AbortError') box.textContent = error?.message ?? String(error);
}

const register = document.querySelector('form[data-passkey-register]');
if (register instanceof HTMLFormElement && supported) {
  register.hidden = false;
  document.querySelector('[data-passkey-unsupported]')?.setAttribute('hidden', '');
  register.addEventListener('submit', async (event) => {
    event.preventDefault();
    const base = register.dataset.passkeyRegister;
    try {
      const options = await post(`${base}/options`);
      const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
      const result = await post(base, { name: register.elements.namedItem('name')?.value ?? '', credential: credentialJson(credential) });
      window.location.assign(result.redirect);
    } catch (error) {
      showError(register, error);
    }
  });
}

const signIn = document.querySelector('[data-passkey-sign-in]');
if (signIn instanceof HTMLElement && supported) {
  signIn.hidden = false;
  signIn.querySelector('button')?.addEventListener('click', async () => {
    const base = signIn.dataset.passkeySignIn;
    try {
      const options = await post(`${base}/options`);
      const credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
      const result = await post(`${base}/sign-in`, { credential: credentialJson(credential) });
      window.location.assign(result.redirect);
    } catch (error) {
      showError(signIn, error);
    }
  });
}
