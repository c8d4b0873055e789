/**
 * Labels in Norwegian bokmål (default) and English. Each page registers its own dictionary
 * (`client/i18n/<page>.ts`) so pages never edit one shared file; `t()` reads the active language.
 * Content (requirement titles, input text) stays in the language it was written in.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Lang = 'nb' | 'en';
export type Dictionary = Record<string, string>;

const STORAGE_KEY = 'ehds-lang';
const dictionaries: Record<Lang, Dictionary> = { nb: {}, en: {} };
let current: Lang = readStoredLang();

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'nb';
  } catch {
    return 'nb';
  }
}

/** Adds labels; a key missing in English falls back to bokmål, a key missing in both shows itself. */
export function register(messages: { nb: Dictionary; en: Dictionary }) {
  Object.assign(dictionaries.nb, messages.nb);
  Object.assign(dictionaries.en, messages.en);
}

export const lang = () => current;

export function setLang(next: Lang) {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = next;
  window.dispatchEvent(new CustomEvent('ehds-lang-changed', { detail: { lang: next } }));
}

/** The label for a key, with `{name}` placeholders filled from `params`. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const text = dictionaries[current][key] ?? dictionaries.nb[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Re-renders its host when the language changes. */
export class LangController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  private readonly onChange = () => this.host.requestUpdate();
  hostConnected() {
    window.addEventListener('ehds-lang-changed', this.onChange);
  }
  hostDisconnected() {
    window.removeEventListener('ehds-lang-changed', this.onChange);
  }
}

/** `2029-03-26` → `26.03.2029`; timestamps keep their date part. Empty for null. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
}

/** `2025-02-13T10:04:00Z` → `13.02.2025 11:04` in the viewer's time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

if (typeof document !== 'undefined') document.documentElement.lang = current;
