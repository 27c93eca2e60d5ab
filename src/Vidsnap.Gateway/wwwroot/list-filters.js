// The video list's search box, status filter and order. They live in the hash's query (#/?search=…&status=…&order=oldest),
// so a reload or a shared link shows the same list; the hash is replaced, not pushed, so typing does not re-route.
import { h, statusText } from './dom.js';

const searchDelayMs = 300;

function fromHash() {
  const query = location.hash.split('?')[1] || '';
  return new URLSearchParams(query);
}

/** The filter form; `onChange` runs after the person stops typing, or at once for the selects. */
export function listFilters(onChange) {
  const params = fromHash();
  const search = h('input', {
    type: 'search', id: 'list-search', maxlength: 200, autocomplete: 'off', 'data-field': 'search',
    placeholder: 'Part of a file name', value: params.get('search') || '',
  });
  const status = h('select', { id: 'list-status', 'data-field': 'status' },
    h('option', { value: '' }, 'Any status'), Object.entries(statusText).map(([value, text]) => h('option', { value }, text)));
  status.value = statusText[params.get('status')] ? params.get('status') : '';
  const order = h('select', { id: 'list-order', 'data-field': 'order' },
    h('option', { value: 'newest' }, 'Newest first'), h('option', { value: 'oldest' }, 'Oldest first'));
  order.value = params.get('order') === 'oldest' ? 'oldest' : 'newest';

  /** What the API is asked for; empty values are left out of the request. */
  const read = () => ({ search: search.value.trim(), status: status.value, order: order.value === 'oldest' ? 'oldest' : '' });

  const changed = () => {
    const query = new URLSearchParams(Object.entries(read()).filter(([, value]) => value)).toString();
    history.replaceState(history.state, '', query ? `#/?${query}` : '#/');
    onChange();
  };
  let timer = null;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(changed, searchDelayMs); });
  status.addEventListener('change', changed);
  order.addEventListener('change', changed);

  const field = (id, label, input) => h('div', { class: 'field' }, h('label', { for: id }, label), input);
  const element = h('form', { class: 'list-filters', role: 'search', 'aria-label': 'Find videos' },
    field('list-search', 'Search', search), field('list-status', 'Status', status), field('list-order', 'Sort', order));
  element.addEventListener('submit', event => { event.preventDefault(); clearTimeout(timer); changed(); });

  const clear = () => {
    search.value = '';
    status.value = '';
    changed();
    search.focus();
  };

  /** What an empty list says: how to get a first video, or what matched nothing and how to see everything again. */
  const emptyMessage = () => {
    const { search: text, status: state } = read();
    if (!text && !state) return ['No videos yet. Upload one above.'];
    const what = [text ? `“${text}”` : null, state ? `the status ${statusText[state]}` : null].filter(Boolean).join(' with ');
    return [`No video matches ${what}. `, h('button', { type: 'button', class: 'link', id: 'clear-filters', onclick: clear }, 'Show all videos')];
  };

  return { element, read, emptyMessage, dispose: () => clearTimeout(timer) };
}
