// A button that puts a link on the clipboard and says so on itself for a moment, and to screen readers.
import { announce, h } from './dom.js';

const shownMs = 2000;

/** `link` is the text, or a function answering it (a fresh pre-signed URL is asked for on each click). */
export function copyButton(text, link, attributes = {}) {
  let reset = null;
  const button = h('button', { type: 'button', ...attributes }, text);
  button.addEventListener('click', async () => {
    clearTimeout(reset);
    button.disabled = true;
    try {
      await navigator.clipboard.writeText(typeof link === 'function' ? await link() : link);
      button.textContent = 'Copied';
      announce('Link copied.');
    } catch (error) {
      // No clipboard (an insecure origin, a denied permission) or no link: say so where it was asked for.
      button.textContent = 'Could not copy';
      announce(`Could not copy the link${error?.title ? `: ${error.title}` : ''}.`);
    } finally {
      button.disabled = false;
      reset = setTimeout(() => { button.textContent = text; }, shownMs);
    }
  });
  return button;
}
