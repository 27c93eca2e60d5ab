// Start-up and routing: #/ (my videos), #/videos/{id}, #/signin, #/signup. The session is restored from
// the refresh cookie on every load, so a reload keeps the user signed in without storing any token.
import { refresh, session, signOut } from './api.js';
import { authView } from './auth-views.js';
import { videoView } from './video-view.js';
import { videosView } from './videos-view.js';

const main = document.getElementById('main');
let cleanup = null;
let wanted = '#/';

function route() {
  cleanup?.();
  cleanup = null;
  const hash = location.hash || '#/';
  if (hash === '#/signin' || hash === '#/signup') {
    if (session.signedIn) { location.hash = '#/'; return; }
    authView(main, hash.slice(2), () => { location.hash = wanted; });
  } else if (!session.signedIn) {
    wanted = hash;
    location.hash = '#/signin';
    return;
  } else {
    const video = hash.match(/^#\/videos\/([0-9a-f-]{36})$/i);
    cleanup = video ? videoView(main, video[1]) : videosView(main);
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
  if (!session.signedIn && !['#/signin', '#/signup'].includes(location.hash)) route();
});

// The skip link must not touch the hash, which is the router's.
document.querySelector('.skip').addEventListener('click', event => {
  event.preventDefault();
  (main.querySelector('h1') || main).focus();
});

addEventListener('hashchange', route);
await refresh();
showAccount();
route();
