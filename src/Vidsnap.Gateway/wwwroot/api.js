// The public API as the web app uses it. The access token lives only in this module's memory; the
// refresh token is an HttpOnly cookie the browser sends to /auth, which scripts can never read.

const sessionHeader = { 'X-Vidsnap-Session': 'cookie' };
let accessToken = null;
let email = null;
let refreshTimer = null;
let refreshing = null;
const listeners = new Set();

/** An RFC 7807 problem (or a network failure) in a shape the views can show. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `Request failed (${status})`);
    this.status = status;
    this.title = problem.title || (status ? `Request failed (${status})` : 'Network error');
    this.detail = problem.detail || '';
    this.errors = problem.errors || {};
    this.quota = problem.quota || null;
  }
}

export const session = {
  get signedIn() { return accessToken !== null; },
  get email() { return email; },
  onChange(listener) { listeners.add(listener); },
};

// Set while this browser holds a session (signed in or refreshed, not signed out since). Without it a load skips
// /auth/refresh, whose refusal would be a console error on every signed-out visit. Not a secret: the cookie is the proof.
const sessionFlag = 'vidsnap.session';

function remember(signedIn) {
  try {
    if (signedIn) localStorage.setItem(sessionFlag, '1');
    else localStorage.removeItem(sessionFlag);
  } catch { /* storage turned off: every load refreshes, as before */ }
}

/** On load: the session from the refresh cookie, if this browser had one; answers whether it is signed in. */
export function restoreSession() {
  try {
    if (localStorage.getItem(sessionFlag) !== '1') return Promise.resolve(false);
  } catch { /* storage turned off: try the cookie */ }
  return refresh();
}

function setToken(body) {
  accessToken = body.accessToken;
  remember(true);
  email = claims(accessToken).email || null;
  clearTimeout(refreshTimer);
  // Renew a minute before expiry so an open page never meets a 401 it could have avoided.
  const inMs = Math.max(10, (body.expiresIn || 60) - 60) * 1000;
  refreshTimer = setTimeout(() => { refresh(); }, inMs);
  listeners.forEach(l => l());
}

function clearToken() {
  accessToken = null;
  remember(false);
  email = null;
  clearTimeout(refreshTimer);
  listeners.forEach(l => l());
}

function claims(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join('')));
  } catch {
    return {};
  }
}

async function problemOf(response) {
  const type = response.headers.get('content-type') || '';
  if (type.includes('json')) {
    try { return new ApiError(response.status, await response.json()); } catch { /* fall through */ }
  }
  return new ApiError(response.status, { title: `Request failed (${response.status} ${response.statusText})` });
}

async function send(method, path, body, headers = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, { title: 'Network error', detail: 'The server could not be reached. Check your connection and try again.' });
  }
  return response;
}

/**
 * Exchanges the refresh cookie for a new access token. One at a time, in this tab and across tabs (Web
 * Locks, where the browser has them): each refresh token works once, and two tabs presenting the same one
 * would look like a stolen token and end the session. Inside the lock the cookie is always the newest one.
 */
export function refresh() {
  const exchange = async () => {
    try {
      const response = await send('POST', '/auth/refresh', {}, sessionHeader);
      if (!response.ok) { clearToken(); return false; }
      setToken(await response.json());
      return true;
    } catch {
      return false;
    }
  };
  refreshing ??= (navigator.locks ? navigator.locks.request('vidsnap-refresh', exchange) : exchange())
    .finally(() => { refreshing = null; });
  return refreshing;
}

export async function signIn(address, password) {
  const response = await send('POST', '/auth/login', { email: address, password }, sessionHeader);
  if (!response.ok) throw await problemOf(response);
  setToken(await response.json());
}

/** A locked-out owner's way in from this browser: the emailed link (to #/unlock) makes it a known browser. */
export async function requestUnlock(address) {
  const response = await send('POST', '/auth/unlock', { email: address });
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

export async function confirmUnlock(code) {
  const response = await send('POST', '/auth/unlock/confirm', { code });
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

export async function signUp(address, password) {
  const response = await send('POST', '/auth/register', { email: address, password });
  if (!response.ok) throw await problemOf(response);
  await signIn(address, password);
}

export async function signOut() {
  try { await send('POST', '/auth/logout', {}, sessionHeader); } finally { clearToken(); }
}

/** Calls the API with the access token; on a 401 it refreshes once and tries again. */
export async function api(method, path, body) {
  for (let attempt = 0; ; attempt++) {
    const response = await send(method, path, body, accessToken ? { Authorization: `Bearer ${accessToken}` } : {});
    if (response.status === 401 && attempt === 0 && await refresh()) continue;
    if (response.status === 401) clearToken();
    if (!response.ok) throw await problemOf(response);
    if (response.status === 204) return null;
    const type = response.headers.get('content-type') || '';
    return type.includes('json') ? response.json() : response.text();
  }
}

/**
 * Opens a Server-Sent Events stream with the access token, refreshing it once on a 401, as api() does; the
 * caller reads the response and aborts it with `signal`. lastEventId resumes after the last event received.
 */
export async function openStream(path, lastEventId, signal) {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(path, {
      headers: {
        Accept: 'text/event-stream',
        ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
        ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
      },
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
    if (response.status === 401 && attempt === 0 && await refresh()) continue;
    if (response.status === 401) clearToken();
    return response;
  }
}

export const videos = {
  // filter: { status, search, order }, each left out when empty.
  list: (limit, cursor, filter = {}) => api('GET', `/api/videos?${new URLSearchParams(Object.entries({ limit, cursor, ...filter }).filter(([, v]) => v))}`),
  get: id => api('GET', `/api/videos/${encodeURIComponent(id)}`),
  create: request => api('POST', '/api/videos', request),
  complete: (id, parts) => api('POST', `/api/videos/${encodeURIComponent(id)}/complete`, parts ? { parts } : {}),
  remove: id => api('DELETE', `/api/videos/${encodeURIComponent(id)}`),
  download: id => api('GET', `/api/videos/${encodeURIComponent(id)}/download`),
  poster: id => api('GET', `/api/videos/${encodeURIComponent(id)}/poster`),
  contactSheet: id => api('GET', `/api/videos/${encodeURIComponent(id)}/contact-sheet`),
  storyboard: id => api('GET', `/api/videos/${encodeURIComponent(id)}/storyboard`),
  // A new attempt, the frames one by one, and fresh URLs for an unfinished upload.
  retry: (id, options) => api('POST', `/api/videos/${encodeURIComponent(id)}/retry`, options ? { options } : {}),
  frames: (id, offset = 0, limit = 200) => api('GET', `/api/videos/${encodeURIComponent(id)}/frames?offset=${offset}&limit=${limit}`),
  resumeUpload: id => api('POST', `/api/videos/${encodeURIComponent(id)}/upload`),
};

let limitsRead = null;

/** GET /api/limits, read once per page load: the bounds and defaults of every extraction option. */
export function limits() {
  limitsRead ??= api('GET', '/api/limits').catch(error => { limitsRead = null; throw error; });
  return limitsRead;
}

export const account = {
  get: () => api('GET', '/api/me'),
  remove: () => api('DELETE', '/api/me'),
};
