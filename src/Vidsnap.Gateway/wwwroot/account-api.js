// The account's own routes as the web app uses them: its password, its sessions, its API keys and webhooks.
// Signed-out ones (a forgotten password) go through api() too, which simply sends no token then.
import { api } from './api.js';

export const password = {
  change: (currentPassword, newPassword) => api('POST', '/auth/password', { currentPassword, newPassword }),
  /** Answers the same whether or not the address has an account. */
  requestReset: email => api('POST', '/auth/password-reset', { email }),
  confirmReset: (code, newPassword) => api('POST', '/auth/password-reset/confirm', { code, newPassword }),
};

export const sessions = {
  /** Every session ends, this one too: the caller then signs out here. */
  endAll: () => api('POST', '/auth/sign-out-everywhere'),
  resendVerification: () => api('POST', '/auth/resend-verification'),
};

export const apiKeys = {
  list: () => api('GET', '/api/keys'),
  create: (name, scopes) => api('POST', '/api/keys', { name, scopes }),
  revoke: id => api('DELETE', `/api/keys/${encodeURIComponent(id)}`),
};

export const webhooks = {
  list: () => api('GET', '/api/webhooks'),
  create: (url, events) => api('POST', '/api/webhooks', { url, events }),
  remove: id => api('DELETE', `/api/webhooks/${encodeURIComponent(id)}`),
};
