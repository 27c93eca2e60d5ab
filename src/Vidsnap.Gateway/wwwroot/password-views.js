// A forgotten password (#/forgot asks for the address, #/reset?code=... from the email sets a new one; both work
// signed out) and the account page's change-password form. Field errors are written under the fields they name.
import { session, signOut } from './api.js';
import { password } from './account-api.js';
import { announce, h, problemBox, showFieldErrors } from './dom.js';

/** Runs a form's request with its button disabled, showing a problem in `problem` and under its fields. */
function handle(form, submit, problem, work) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    problem.replaceChildren();
    showFieldErrors(form, null);
    try {
      await work();
    } catch (error) {
      problem.replaceChildren(problemBox(error));
      showFieldErrors(form, error);
      (form.querySelector('[aria-invalid=true]') || problem.firstChild)?.focus?.();
    } finally {
      submit.disabled = false;
    }
  });
}

function passwordInput(id, field, autocomplete, describedBy) {
  return h('input', {
    id, type: 'password', name: id, required: true, minLength: 8, autocomplete, 'data-field': field, 'aria-describedby': describedBy,
  });
}

export function forgotView(main) {
  const problem = h('div');
  const status = h('p', { role: 'status', id: 'forgot-status' });
  const email = h('input', { id: 'forgot-email', type: 'email', name: 'email', autocomplete: 'email', required: true, 'data-field': 'email' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Email me a reset link');
  const form = h('form', { novalidate: true },
    h('label', { for: 'forgot-email' }, 'Email'), email,
    problem, h('div', { class: 'actions' }, submit));
  handle(form, submit, problem, async () => {
    const answer = await password.requestReset(email.value.trim());
    status.textContent = answer.detail;
  });
  main.replaceChildren(h('section', { class: 'card narrow' },
    h('h1', { tabindex: -1 }, 'Forgot your password?'),
    h('p', {}, 'Give the address you signed up with. Vidsnap emails it a link to choose a new password.'),
    form, status,
    h('p', {}, h('a', { href: '#/signin' }, 'Back to sign in'))));
}

export function resetView(main, code) {
  const problem = h('div');
  const status = h('p', { role: 'status', id: 'reset-status' });
  const input = passwordInput('reset-password', 'newPassword', 'new-password', 'reset-hint');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Set new password');
  const form = h('form', { novalidate: true },
    h('label', { for: 'reset-password' }, 'New password'), input,
    h('p', { class: 'hint', id: 'reset-hint' }, 'At least 8 characters. Every browser and app signed in to the account is signed out.'),
    problem, h('div', { class: 'actions' }, submit));
  handle(form, submit, problem, async () => {
    const done = await password.confirmReset(code, input.value);
    // The reset ended every session, this browser's too if it had one.
    if (session.signedIn) await signOut();
    form.replaceWith(h('p', {}, `The password of ${done.email} is changed. `, h('a', { href: '#/signin' }, 'Sign in with it')));
    status.textContent = 'Your password was changed.';
    announce('Your password was changed.');
  });
  main.replaceChildren(h('section', { class: 'card narrow' },
    h('h1', { tabindex: -1 }, 'Choose a new password'), form, status));
}

/** The account page's card: the current password, a new one; other sessions end, this one stays. */
export function changePasswordCard(onChanged) {
  const problem = h('div');
  const status = h('p', { role: 'status', id: 'password-status' });
  const current = passwordInput('current-password', 'currentPassword', 'current-password');
  const next = passwordInput('new-password', 'newPassword', 'new-password', 'new-password-hint');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Change password');
  const form = h('form', { class: 'card', 'aria-labelledby': 'password-title', novalidate: true },
    h('h2', { id: 'password-title' }, 'Change your password'),
    h('label', { for: 'current-password' }, 'Current password'), current,
    h('label', { for: 'new-password' }, 'New password'), next,
    h('p', { class: 'hint', id: 'new-password-hint' }, 'At least 8 characters. Your other sessions are signed out; this one stays.'),
    problem, status, h('div', { class: 'actions' }, submit));
  handle(form, submit, problem, async () => {
    status.textContent = '';
    await password.change(current.value, next.value);
    form.reset();
    status.textContent = 'Your password was changed, and your other sessions were signed out.';
    onChanged?.();
  });
  return form;
}
