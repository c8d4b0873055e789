/**
 * Filters live in the URL so a view can be linked and sent to a colleague. Pages read their state
 * with `readQuery()` and write it with `writeQuery()`, which replaces or pushes a history entry
 * without reloading the view.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Query = Record<string, string | string[] | undefined>;

export function readQuery(search: string = location.search): Record<string, string[]> {
  const params = new URLSearchParams(search);
  const out: Record<string, string[]> = {};
  for (const [key, value] of params) {
    for (const part of value.split(',')) {
      if (part === '') continue;
      out[key] ??= [];
      out[key].push(part);
    }
  }
  return out;
}

export function toSearch(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    const joined = values.filter((v) => v !== '').join(',');
    if (joined !== '') params.set(key, joined);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Writes the query to the address bar; `push` adds a history entry (for deliberate filter changes). */
export function writeQuery(query: Query, { push = false } = {}) {
  const url = `${location.pathname}${toSearch(query)}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(history.state, '', url);
  else history.replaceState(history.state, '', url);
}

/**
 * Calls `onChange` whenever the router moves to another address while the element is connected (the router
 * reuses a page's element for links to its own path and for back/forward), and, with `atConnect`, once when it
 * connects.
 */
export class LocationController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly onChange: () => void,
    private readonly atConnect = false,
  ) {
    host.addController(this);
  }

  hostConnected() {
    window.addEventListener('vaadin-router-location-changed', this.onChange);
    if (this.atConnect) this.onChange();
  }

  hostDisconnected() {
    window.removeEventListener('vaadin-router-location-changed', this.onChange);
  }
}
