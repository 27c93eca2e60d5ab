// #/verify?code=...: the link in the verification email. Works signed in or not: the code alone proves the address.
import { h, problemBox } from './dom.js';

export async function verifyView(main, code) {
  const status = h('p', { role: 'status' }, 'Verifying your email address…');
  main.replaceChildren(h('h1', { tabindex: '-1' }, 'Verify your email'), status);
  const response = await fetch('/auth/verify-email', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (response.ok) {
    const verified = await response.json();
    status.replaceChildren(`${verified.email} is verified. Vidsnap will email you when your videos are done.`);
    main.append(h('p', {}, h('a', { href: '#/' }, 'Go to your videos')));
    return;
  }
  const problem = await response.json().catch(() => ({ title: 'Verification failed' }));
  status.replaceChildren();
  main.append(problemBox(problem));
}
