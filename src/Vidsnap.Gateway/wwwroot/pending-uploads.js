// Uploads under way, kept in localStorage so that a page closed or reloaded mid-upload can offer to finish them:
// { account, videoId, fileName, size, lastModified, partSize }. Only what identifies the file is kept (never its
// bytes, which the page cannot keep): the same file must be picked again, and name, size and last change match.
const key = 'vidsnap.pendingUploads';

function read() {
  try {
    const list = JSON.parse(localStorage.getItem(key) || '[]');
    return Array.isArray(list) ? list.filter(e => e && typeof e.videoId === 'string') : [];
  } catch {
    return [];
  }
}

function write(list) {
  try {
    if (list.length) localStorage.setItem(key, JSON.stringify(list));
    else localStorage.removeItem(key);
  } catch { /* storage full or disabled: the upload goes on, it just cannot be resumed after a reload */ }
}

export function remember(entry, account) {
  write([...read().filter(e => e.videoId !== entry.videoId), { account: account ?? null, ...entry }]);
}

export function forget(videoId) {
  if (videoId) write(read().filter(e => e.videoId !== videoId));
}

/** The entries of one account: a browser shared by two people offers each only their own. */
export function pendingFor(account) {
  return read().filter(e => e.account === (account ?? null));
}
