import type { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ApiRequestError } from '../api.ts';
import { LangController, register, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';

register({
  nb: {
    'async.loading': 'Laster …',
    'async.errorTitle': 'Kunne ikke hente data',
    'async.offline': 'Fikk ikke kontakt med tjeneren. Sjekk nettverket og prøv igjen.',
    'async.notFound': 'Fant ikke det du ba om.',
  },
  en: {
    'async.loading': 'Loading …',
    'async.errorTitle': 'Could not load the data',
    'async.offline': 'Could not reach the server. Check the network and try again.',
    'async.notFound': 'What you asked for was not found.',
  },
});

/**
 * What a page shows for a task: `complete` with its value; meanwhile the loading state, and on failure the
 * error with a retry button that runs the task again. `before` (the page's heading) stands above both states.
 */
export function renderTask<T>(
  task: Task<readonly unknown[], T>,
  complete: (value: T) => unknown,
  before: unknown = nothing,
) {
  return task.render({
    pending: () => html`${before}<ehds-async-state status="loading"></ehds-async-state>`,
    error: (e) =>
      html`${before}<ehds-async-state status="error" .error=${e} @ehds-retry-requested=${() => task.run()}></ehds-async-state>`,
    complete,
  });
}

/** A readable sentence for an error thrown by `ok()` or by the browser. */
export function describeError(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 0) return t('async.offline');
    return error.body?.error?.message ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The loading and error states of a view or a section: a polite «Laster …» while data is on its way,
 * and an alert with the server's message and a retry button when it failed. Use it from
 * `task.render({ pending, error })`.
 *
 * @fires ehds-retry-requested - the user pressed «Prøv igjen»; bubbles and is composed.
 * @csspart message - the loading or error text.
 * @csspart retry - the retry button.
 */
@customElement('ehds-async-state')
export class EhdsAsyncState extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .loading { display: flex; align-items: center; gap: 0.6rem; color: var(--ehds-text-muted); padding: 1rem 0; }
      .spinner {
        width: 1.1rem; height: 1.1rem; border-radius: 50%; border: 3px solid var(--ehds-border);
        border-top-color: var(--ehds-primary); animation: spin 0.9s linear infinite;
      }
      @keyframes spin { to { transform: rotate(360deg); } }
      @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
      .alert strong { display: block; margin-bottom: 0.25rem; }
      .alert p { margin-bottom: 0.6rem; }
    `,
  ];

  /** `loading` or `error`. */
  @property({ reflect: true }) status: 'loading' | 'error' = 'loading';
  /** The error to describe when status is `error`. */
  @property({ attribute: false }) error: unknown;
  /** Replaces the default «Laster …» text. */
  @property() label = '';

  protected readonly i18n = new LangController(this);

  private retry() {
    this.dispatchEvent(new CustomEvent('ehds-retry-requested', { bubbles: true, composed: true }));
  }

  render() {
    if (this.status === 'loading') {
      return html`<div class="loading" role="status">
        <span class="spinner" aria-hidden="true"></span><span part="message">${this.label || t('async.loading')}</span>
      </div>`;
    }
    const notFound = this.error instanceof ApiRequestError && this.error.status === 404;
    return html`<div class="alert" role="alert">
      <strong>${t('async.errorTitle')}</strong>
      <p part="message">${notFound ? t('async.notFound') : ''} ${describeError(this.error)}</p>
      <button type="button" part="retry" class="secondary" @click=${this.retry}>${t('common.retry')}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-async-state': EhdsAsyncState;
  }
}
