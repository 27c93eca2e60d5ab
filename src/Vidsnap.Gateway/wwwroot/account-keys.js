// The account page's API keys: the list (never a secret), a new key whose secret is shown this once, and revoking.
import { apiKeys } from './account-api.js';
import { announce, h, problemBox, showFieldErrors, when } from './dom.js';

const scopeNames = {
  'videos:read': 'Read videos',
  'videos:write': 'Upload, retry and delete videos',
  'webhooks:manage': 'Manage webhooks',
};

/** A destructive button that asks once more in its own label, so no dialog is needed. */
export function confirmingButton(label, confirmLabel, action) {
  const button = h('button', { type: 'button', class: 'danger' }, label);
  let armed = false;
  button.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      button.textContent = confirmLabel;
      return;
    }
    button.disabled = true;
    try { await action(); } finally { button.disabled = false; }
  });
  button.addEventListener('blur', () => { armed = false; button.textContent = label; });
  return button;
}

export function keysCard(onChange) {
  const list = h('div', { id: 'keys-list' }, h('p', { class: 'muted' }, 'Loading…'));
  const listProblem = h('div');
  const secret = h('div', { id: 'key-secret' });

  async function load() {
    try {
      const keys = await apiKeys.list();
      list.replaceChildren(keys.length === 0
        ? h('p', { class: 'muted' }, 'No API keys yet.')
        : h('table', { class: 'list' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Scopes'), h('th', { scope: 'col' }, 'Starts with'),
            h('th', { scope: 'col' }, 'Last used'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
          h('tbody', {}, keys.map(key => h('tr', { 'data-key': key.id },
            h('td', {}, key.name),
            h('td', {}, key.scopes.join(', ')),
            h('td', {}, h('code', {}, `${key.prefix}…`)),
            h('td', {}, key.lastUsedAt ? when(key.lastUsedAt) : 'never'),
            h('td', {}, confirmingButton('Revoke', `Revoke ${key.name} for good`, async () => {
              try {
                await apiKeys.revoke(key.id);
                announce(`The key ${key.name} was revoked.`);
                await load();
                onChange?.();
              } catch (error) { listProblem.replaceChildren(problemBox(error)); }
            })))))));
    } catch (error) {
      list.replaceChildren(problemBox(error));
    }
  }

  const problem = h('div');
  const name = h('input', { id: 'key-name', type: 'text', name: 'name', maxLength: 100, required: true, 'data-field': 'name', autocomplete: 'off' });
  const boxes = Object.entries(scopeNames).map(([scope, label]) => {
    const box = h('input', { type: 'checkbox', id: `key-scope-${scope.replace(':', '-')}`, value: scope, defaultChecked: scope === 'videos:read' });
    return h('label', { for: box.id, class: 'check' }, box, ` ${label} (${scope})`);
  });
  const scopes = h('fieldset', { id: 'key-scopes', 'data-field': 'scopes' }, h('legend', {}, 'What the key may do'), boxes);
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create key');
  const form = h('form', { novalidate: true, 'aria-labelledby': 'new-key-title' },
    h('h3', { id: 'new-key-title' }, 'New key'),
    h('label', { for: 'key-name' }, 'Name'), name,
    scopes, problem, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    problem.replaceChildren();
    secret.replaceChildren();
    showFieldErrors(form, null);
    try {
      const chosen = [...scopes.querySelectorAll('input:checked')].map(box => box.value);
      const created = await apiKeys.create(name.value.trim(), chosen);
      const value = h('input', { id: 'key-secret-value', type: 'text', readOnly: true, value: created.secret, 'aria-describedby': 'key-secret-hint' });
      secret.replaceChildren(h('div', { class: 'secret', role: 'status' },
        h('label', { for: 'key-secret-value' }, `The secret of ${created.name}`), value,
        h('p', { class: 'hint', id: 'key-secret-hint' }, 'Copy it now: Vidsnap keeps only its hash and will not show it again.')));
      value.select();
      form.reset();
      await load();
      onChange?.();
    } catch (error) {
      problem.replaceChildren(problemBox(error));
      showFieldErrors(form, error);
    } finally {
      submit.disabled = false;
    }
  });

  load();
  return h('section', { class: 'card', 'aria-labelledby': 'keys-title' },
    h('h2', { id: 'keys-title' }, 'API keys'),
    h('p', {}, 'For programs that use Vidsnap for you. A key can never see or make keys, change your password or delete the account.'),
    list, listProblem, secret, form);
}
