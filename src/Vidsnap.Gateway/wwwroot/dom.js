// Small DOM helpers: elements are built, never parsed from strings, so user data cannot become markup.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function announce(text) {
  const region = document.getElementById('announce');
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

export function bytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = n / 1024, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function when(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export const statusText = {
  AwaitingUpload: 'Awaiting upload', Queued: 'Queued', Processing: 'Processing', Completed: 'Completed', Failed: 'Failed',
};

export function badge(status) {
  return h('span', { class: `badge ${status}`, 'data-status': status }, statusText[status] || status);
}

/** An error box with the problem's title, detail and every field error, announced to screen readers. */
export function problemBox(error) {
  const fields = Object.entries(error.errors || {});
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, error.title || 'Something went wrong'),
    error.detail ? h('p', { class: 'detail' }, error.detail) : null,
    fields.length ? h('ul', {}, fields.map(([field, messages]) => h('li', {}, `${field}: ${[].concat(messages).join(' ')}`))) : null);
}

/** Marks the inputs named in a 400's errors (by data-field) and writes the message under each. */
export function showFieldErrors(form, error) {
  form.querySelectorAll('.field-error').forEach(e => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach(e => { e.removeAttribute('aria-invalid'); e.removeAttribute('aria-describedby'); });
  for (const [field, messages] of Object.entries(error?.errors || {})) {
    const input = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
    if (!input) continue;
    const id = `${input.id}-error`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    input.insertAdjacentElement('afterend', h('p', { class: 'field-error', id }, [].concat(messages).join(' ')));
  }
}
