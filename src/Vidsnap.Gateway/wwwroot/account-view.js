// #/account: who is signed in and whether the address is verified, what the account uses of each quota against its
// limit, how long videos are kept, its password and sessions, its API keys and webhooks, and deleting the account
// with everything it owns. The cards that grow have files of their own.
import { account, signOut } from './api.js';
import { sessions } from './account-api.js';
import { keysCard } from './account-keys.js';
import { webhooksCard } from './account-webhooks.js';
import { announce, bytes, h, problemBox } from './dom.js';
import { changePasswordCard } from './password-views.js';

function meter(label, used, limit, format = String) {
  const share = limit > 0 ? Math.min(1, used / limit) : 0;
  return h('tr', { 'data-quota': label },
    h('th', { scope: 'row' }, label),
    h('td', { class: 'usage' }, `${format(used)} of ${format(limit)}`),
    h('td', {}, h('progress', { max: 1, value: share, 'aria-label': `${label}: ${Math.round(share * 100)}% used` })));
}

function usageRows({ usage, limits }) {
  return [
    meter('Storage', usage.storedBytes, limits.storedBytes, bytes),
    meter('Processing at once', usage.videosInFlight, limits.videosInFlight),
    meter('Videos in the last 24 hours', usage.videosToday, limits.videosPerDay),
    meter('API keys', usage.apiKeys, limits.apiKeys),
    meter('Webhooks', usage.webhooks, limits.webhooks),
  ];
}

/** The address, and while it is unverified a way to have the code sent again. */
function whoCard(me) {
  const status = h('p', { role: 'status', id: 'verify-status' });
  const resend = h('button', { type: 'button', id: 'resend-verification' }, 'Resend');
  resend.addEventListener('click', async () => {
    resend.disabled = true;
    status.replaceChildren();
    try {
      const answer = await sessions.resendVerification();
      status.textContent = answer?.verifiedAt ? 'Your address is verified already.' : `A new code is on its way to ${me.email}.`;
    } catch (error) {
      status.replaceChildren(problemBox(error));
      resend.disabled = false;
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'who-title' },
    h('h2', { id: 'who-title' }, 'Signed in as'),
    h('p', { id: 'account-email' }, me.email, ' ', me.emailVerified
      ? h('span', { class: 'badge Completed' }, 'verified')
      : h('span', { class: 'badge Queued' }, 'not verified: Vidsnap emails you only the code until you verify')),
    me.emailVerified ? null : h('div', { class: 'actions' }, resend),
    status);
}

/** How many sessions can still refresh, and ending them all (this one too, so it ends on the sign-in page). */
function sessionsCard(me) {
  const count = h('p', { id: 'session-count' });
  const show = n => { count.textContent = n === 1 ? '1 session is signed in: this one.' : `${n} sessions are signed in (browsers and apps), this one included.`; };
  show(me.sessions);
  const problem = h('div');
  const button = h('button', { type: 'button', class: 'danger', id: 'sign-out-everywhere' }, 'Sign out everywhere');
  button.addEventListener('click', async () => {
    button.disabled = true;
    problem.replaceChildren();
    try {
      await sessions.endAll();
      await signOut();
      announce('You were signed out everywhere.');
      location.hash = '#/signin';
    } catch (error) {
      problem.replaceChildren(problemBox(error));
      button.disabled = false;
    }
  });
  const card = h('section', { class: 'card', 'aria-labelledby': 'sessions-title' },
    h('h2', { id: 'sessions-title' }, 'Sessions'), count,
    h('p', { class: 'hint' }, 'Signing out everywhere ends every session, this one too. API keys keep working; revoke them below.'),
    problem, h('div', { class: 'actions' }, button));
  return { card, show };
}

export function accountView(main) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  main.replaceChildren(h('h1', { tabindex: -1 }, 'Your account'), body);
  let stopped = false;

  account.get().then(me => {
    if (stopped) return;
    const { retention } = me;
    const usageBody = h('tbody', {}, usageRows(me));
    const sessionsPart = sessionsCard(me);
    // Keys, webhooks and sessions change what the account holds: read it again and redraw the numbers.
    const reread = async () => {
      try {
        const now = await account.get();
        if (stopped) return;
        usageBody.replaceChildren(...usageRows(now));
        sessionsPart.show(now.sessions);
      } catch { /* the numbers stay as they were; the next visit reads them */ }
    };
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
      whoCard(me),
      h('section', { class: 'card', 'aria-labelledby': 'usage-title' },
        h('h2', { id: 'usage-title' }, 'Usage and limits'),
        h('table', { id: 'usage' }, usageBody),
        h('p', { class: 'hint', id: 'retention' },
          `Uploads are kept ${retention.sourceDays} days; finished videos and their frames ${retention.outputDays} days after they finish.`)),
      changePasswordCard(reread),
      sessionsPart.card,
      keysCard(reread),
      webhooksCard(reread),
      form);
  }).catch(error => { if (!stopped) body.replaceChildren(problemBox(error)); });

  return () => { stopped = true; };
}
