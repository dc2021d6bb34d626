/**
 * The one way the widget makes DOM: elements with properties and attributes, and children where
 * strings become text nodes. There is no HTML parsing anywhere in the widget, so nothing the bot or
 * a user says can become markup.
 */
type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  text?: string;
  attrs?: Record<string, string | boolean | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  if (props.text !== undefined) el.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === true) el.setAttribute(name, '');
    else if (typeof value === 'string') el.setAttribute(name, value);
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    el.addEventListener(type, listener as EventListener);
  }
  for (const child of children) {
    if (child) el.append(child);
  }
  return el;
}

let counter = 0;
/** Ids unique within the page, for label/aria wiring inside the shadow root. */
export function uid(prefix: string): string {
  counter += 1;
  return `bc-${prefix}-${counter}`;
}

/** A labelled form field: label, input, and an optional hint wired with aria-describedby. */
export function field(
  label: string,
  input: { type: string; name: string; autocomplete: string; inputmode?: string; hint?: string },
): { wrapper: HTMLDivElement; input: HTMLInputElement } {
  const id = uid(input.name);
  const hintId = input.hint ? `${id}-hint` : undefined;
  const el = h('input', {
    id,
    attrs: {
      type: input.type,
      name: input.name,
      autocomplete: input.autocomplete,
      inputmode: input.inputmode,
      required: true,
      'aria-describedby': hintId,
    },
  });
  const wrapper = h(
    'div',
    { class: 'field' },
    h('label', { text: label, attrs: { for: id } }),
    input.hint ? h('p', { class: 'hint', id: hintId, text: input.hint }) : null,
    el,
  );
  return { wrapper, input: el };
}
