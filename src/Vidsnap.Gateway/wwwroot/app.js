// Start-up and routing: #/ (my videos), #/videos/{id}, #/account, #/signin, #/signup, #/verify?code=, #/unlock?code=, #/forgot, #/reset?code=. The session is restored from
// the refresh cookie on every load, so a reload keeps the user signed in without storing any token.
import { restoreSession, session, signOut } from './api.js';
import { accountView } from './account-view.js';
import { authView } from './auth-views.js';
import { forgotView, resetView } from './password-views.js';
import { unlockView } from './unlock-view.js';
import { verifyView } from './verify-view.js';
import { videoView } from './video-view.js';
import { videosView } from './videos-view.js';

const main = document.getElementById('main');
let cleanup = null;
let wanted = '#/';

function route() {
  cleanup?.();
  cleanup = null;
  const hash = location.hash || '#/';
  const verify = hash.match(/^#\/verify\?code=([A-Za-z0-9_-]{1,100})$/);
  const unlock = hash.match(/^#\/unlock\?code=([A-Za-z0-9_-]{1,100})$/);
  const reset = hash.match(/^#\/reset\?code=([A-Za-z0-9_-]{1,100})$/);
  if (verify) {
    verifyView(main, verify[1]);
  } else if (unlock) {
    unlockView(main, unlock[1]);
  } else if (reset) {
    resetView(main, reset[1]);
  } else if (hash === '#/forgot') {
    forgotView(main);
  } else if (hash === '#/signin' || hash === '#/signup') {
    if (session.signedIn) { location.hash = '#/'; return; }
    authView(main, hash.slice(2), () => { location.hash = wanted; });
  } else if (!session.signedIn) {
    wanted = hash;
    location.hash = '#/signin';
    return;
  } else {
    const video = hash.match(/^#\/videos\/([0-9a-f-]{36})$/i);
    cleanup = video ? videoView(main, video[1]) : hash === '#/account' ? accountView(main) : videosView(main);
  }
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Vidsnap` : 'Vidsnap';
  (heading || main).focus();
}

function showAccount() {
  document.getElementById('nav').hidden = !session.signedIn;
  document.getElementById('who').textContent = session.email ? `Signed in as ${session.email}` : '';
}

document.getElementById('sign-out').addEventListener('click', async () => {
  await signOut();
  wanted = '#/';
  location.hash = '#/signin';
});

session.onChange(() => {
  showAccount();
  // Signed out elsewhere (or the session expired): leave the private pages.
  if (!session.signedIn && !['#/signin', '#/signup'].includes(location.hash) && !location.hash.startsWith('#/verify') && !location.hash.startsWith('#/unlock')
    && !location.hash.startsWith('#/reset') && location.hash !== '#/forgot') route();
});

// The skip link must not touch the hash, which is the router's.
document.querySelector('.skip').addEventListener('click', event => {
  event.preventDefault();
  (main.querySelector('h1') || main).focus();
});

addEventListener('hashchange', route);
await restoreSession();
showAccount();
route();
