// The account page's webhooks: where Vidsnap POSTs video events, adding one (its signing secret shown this once) and removing it.
import { webhooks } from './account-api.js';
import { confirmingButton } from './account-keys.js';
import { announce, h, problemBox, showFieldErrors } from './dom.js';

const events = {
  'video.completed': 'A video is done',
  'video.failed': 'A video failed',
  'video.queued': 'A video is queued',
  'video.deleted': 'A video was deleted',
};

export function webhooksCard(onChange) {
  const list = h('div', { id: 'webhooks-list' }, h('p', { class: 'muted' }, 'Loading…'));
  const listProblem = h('div');
  const secret = h('div', { id: 'webhook-secret' });

  async function load() {
    try {
      const hooks = await webhooks.list();
      list.replaceChildren(hooks.length === 0
        ? h('p', { class: 'muted' }, 'No webhooks yet.')
        : h('table', { class: 'list' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'URL'), h('th', { scope: 'col' }, 'Events'), h('th', { scope: 'col' }, 'State'),
            h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
          h('tbody', {}, hooks.map(hook => h('tr', { 'data-webhook': hook.id },
            h('td', { class: 'url' }, hook.url),
            h('td', {}, hook.events.join(', ')),
            h('td', {}, hook.enabled ? 'sending' : 'paused after failures'),
            h('td', {}, confirmingButton('Remove', 'Remove for good', async () => {
              try {
                await webhooks.remove(hook.id);
                announce(`The webhook to ${hook.url} was removed.`);
                await load();
                onChange?.();
              } catch (error) { listProblem.replaceChildren(problemBox(error)); }
            })))))));
    } catch (error) {
      list.replaceChildren(problemBox(error));
    }
  }

  const problem = h('div');
  const url = h('input', {
    id: 'webhook-url', type: 'url', name: 'url', required: true, 'data-field': 'url', autocomplete: 'off',
    placeholder: 'https://example.com/vidsnap-events',
  });
  const boxes = Object.entries(events).map(([event, label]) => {
    const box = h('input', { type: 'checkbox', id: `webhook-event-${event.replace('.', '-')}`, value: event, defaultChecked: event !== 'video.queued' });
    return h('label', { for: box.id, class: 'check' }, box, ` ${label} (${event})`);
  });
  const chosen = h('fieldset', { id: 'webhook-events', 'data-field': 'events' }, h('legend', {}, 'Events to send'), boxes);
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Add webhook');
  const form = h('form', { novalidate: true, 'aria-labelledby': 'new-webhook-title' },
    h('h3', { id: 'new-webhook-title' }, 'New webhook'),
    h('label', { for: 'webhook-url' }, 'Receiver URL'), url,
    chosen, problem, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    problem.replaceChildren();
    secret.replaceChildren();
    showFieldErrors(form, null);
    try {
      const created = await webhooks.create(url.value.trim(), [...chosen.querySelectorAll('input:checked')].map(box => box.value));
      const value = h('input', { id: 'webhook-secret-value', type: 'text', readOnly: true, value: created.secret, 'aria-describedby': 'webhook-secret-hint' });
      secret.replaceChildren(h('div', { class: 'secret', role: 'status' },
        h('label', { for: 'webhook-secret-value' }, `The signing secret for ${created.url}`), value,
        h('p', { class: 'hint', id: 'webhook-secret-hint' },
          'Check each delivery\'s webhook-signature with it (Standard Webhooks). Copy it now: it is not shown again.')));
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
  return h('section', { class: 'card', 'aria-labelledby': 'webhooks-title' },
    h('h2', { id: 'webhooks-title' }, 'Webhooks'),
    h('p', {}, 'Vidsnap POSTs each chosen event, signed, to your receiver, and tries again if it fails.'),
    list, listProblem, secret, form);
}
