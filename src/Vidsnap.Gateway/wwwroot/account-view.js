// #/account: who is signed in, what the account uses of each quota against its limit, how long videos are kept,
// and deleting the account with everything it owns.
import { account, signOut } from './api.js';
import { announce, bytes, h, problemBox } from './dom.js';

function meter(label, used, limit, format = String) {
  const share = limit > 0 ? Math.min(1, used / limit) : 0;
  return h('tr', { 'data-quota': label },
    h('th', { scope: 'row' }, label),
    h('td', { class: 'usage' }, `${format(used)} of ${format(limit)}`),
    h('td', {}, h('progress', { max: 1, value: share, 'aria-label': `${label}: ${Math.round(share * 100)}% used` })));
}

export function accountView(main) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  main.replaceChildren(h('h1', { tabindex: -1 }, 'Your account'), body);
  let stopped = false;

  account.get().then(me => {
    if (stopped) return;
    const { usage, limits, retention } = me;
    const confirmInput = h('input', { id: 'confirm-email', type: 'email', autocomplete: 'off' });
    const remove = h('button', { type: 'submit', class: 'danger', disabled: true }, 'Delete my account');
    confirmInput.addEventListener('input', () => { remove.disabled = confirmInput.value.trim().toLowerCase() !== me.email; });
    const problem = h('div');
    const form = h('form', { class: 'card', 'aria-labelledby': 'delete-title' },
      h('h2', { id: 'delete-title' }, 'Delete your account'),
      h('p', {}, 'Your videos and every file made from them, your API keys, webhooks and sessions are deleted at once. This cannot be undone.'),
      h('div', { class: 'field' }, h('label', { for: 'confirm-email' }, `Type ${me.email} to confirm`), confirmInput),
      problem, h('div', { class: 'actions' }, remove));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      remove.disabled = true;
      try {
        await account.remove();
        await signOut();
        announce('Your account was deleted.');
        location.hash = '#/signin';
      } catch (error) {
        problem.replaceChildren(problemBox(error));
        remove.disabled = false;
      }
    });
    body.replaceChildren(
      h('section', { class: 'card', 'aria-labelledby': 'who-title' },
        h('h2', { id: 'who-title' }, 'Signed in as'),
        h('p', { id: 'account-email' }, me.email, ' ', me.emailVerified
          ? h('span', { class: 'badge Completed' }, 'verified')
          : h('span', { class: 'badge Queued' }, 'not verified: Vidsnap emails you only the code until you verify'))),
      h('section', { class: 'card', 'aria-labelledby': 'usage-title' },
        h('h2', { id: 'usage-title' }, 'Usage and limits'),
        h('table', { id: 'usage' }, h('tbody', {},
          meter('Storage', usage.storedBytes, limits.storedBytes, bytes),
          meter('Processing at once', usage.videosInFlight, limits.videosInFlight),
          meter('Videos in the last 24 hours', usage.videosToday, limits.videosPerDay),
          meter('API keys', usage.apiKeys, limits.apiKeys),
          meter('Webhooks', usage.webhooks, limits.webhooks))),
        h('p', { class: 'hint', id: 'retention' },
          `Uploads are kept ${retention.sourceDays} days; finished videos and their frames ${retention.outputDays} days after they finish.`)),
      form);
  }).catch(error => { if (!stopped) body.replaceChildren(problemBox(error)); });

  return () => { stopped = true; };
}
