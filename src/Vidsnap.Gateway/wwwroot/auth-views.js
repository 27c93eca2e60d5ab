// Sign in and sign up: one form each; errors from the API are shown under the fields they name. Sign-in links to #/forgot.
import { requestUnlock, signIn, signUp } from './api.js';
import { h, problemBox, showFieldErrors } from './dom.js';

export function authView(main, mode, next) {
  const signingUp = mode === 'signup';
  const problem = h('div');
  const email = h('input', { id: 'email', type: 'email', name: 'email', autocomplete: 'email', required: true, 'data-field': 'email' });
  const password = h('input', {
    id: 'password', type: 'password', name: 'password', required: true, 'data-field': 'password',
    autocomplete: signingUp ? 'new-password' : 'current-password', minLength: signingUp ? 8 : undefined,
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, signingUp ? 'Create account' : 'Sign in');
  const form = h('form', { novalidate: true },
    h('label', { for: 'email' }, 'Email'), email,
    h('label', { for: 'password' }, 'Password'), password,
    signingUp ? h('p', { class: 'hint', id: 'password-hint' }, 'At least 8 characters.') : h('p', { class: 'hint' }, h('a', { href: '#/forgot' }, 'Forgot your password?')),
    problem,
    h('div', { class: 'actions' }, submit));
  if (signingUp) password.setAttribute('aria-describedby', 'password-hint');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    problem.replaceChildren();
    showFieldErrors(form, null);
    try {
      await (signingUp ? signUp : signIn)(email.value.trim(), password.value);
      next();
    } catch (error) {
      problem.replaceChildren(problemBox(error));
      if (error.status === 429 && !signingUp) problem.append(unlockOffer(email.value.trim()));
      showFieldErrors(form, error);
      (form.querySelector('[aria-invalid=true]') || problem.firstChild)?.focus?.();
    } finally {
      submit.disabled = false;
    }
  });
  main.replaceChildren(h('section', { class: 'card narrow' },
    h('h1', { tabindex: -1 }, signingUp ? 'Create your account' : 'Sign in'),
    form,
    h('p', {}, signingUp ? 'Already have an account? ' : 'New to Vidsnap? ',
      h('a', { href: signingUp ? '#/signin' : '#/signup' }, signingUp ? 'Sign in' : 'Create an account'))));
}

/** Under a lockout: offers the emailed link that lets this browser sign in (the password is still needed). */
function unlockOffer(address) {
  const sent = h('p', { role: 'status' });
  const button = h('button', { type: 'button', class: 'link' }, 'Email me a link to sign in from this browser');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      sent.textContent = (await requestUnlock(address)).detail;
    } catch (error) {
      sent.replaceChildren(problemBox(error));
      button.disabled = false;
    }
  });
  return h('div', { class: 'unlock' }, button, sent);
}
