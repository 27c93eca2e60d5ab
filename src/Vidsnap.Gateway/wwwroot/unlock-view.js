// #/unlock?code=...: the link a locked-out owner is emailed. Opened in a browser, it makes that browser a known one,
// whose sign-ins are counted apart from the strangers' who caused the lockout.
import { confirmUnlock } from './api.js';
import { h, problemBox } from './dom.js';

export async function unlockView(main, code) {
  const status = h('p', { role: 'status' }, 'Checking the link…');
  main.replaceChildren(h('h1', { tabindex: '-1' }, 'Sign in from this browser'), status);
  try {
    const confirmed = await confirmUnlock(code);
    status.replaceChildren(`This browser can now sign in to ${confirmed.email} with its password.`);
    main.append(h('p', {}, h('a', { href: '#/signin' }, 'Sign in')));
  } catch (error) {
    status.replaceChildren();
    main.append(problemBox(error));
  }
}
