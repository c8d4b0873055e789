import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ApiRequestError } from '../api.ts';
import { LangController, t } from '../i18n/index.ts';
import { describeError } from './ehds-async-state.ts';
import '../i18n/questions.ts';
import { shared } from '../styles/shared.ts';

export interface FieldError {
  /** The form's name for the field, sent back in `ehds-field-focus-requested`. */
  field: string;
  /** The field's visible label. */
  label: string;
  message: string;
}

/**
 * Splits a failed save into field errors (from the server's `issues` or `field`, matched on the first
 * path segment to the form's `labels`) and a message for the rest. Nothing else is thrown away.
 */
export function errorsFromServer(
  error: unknown,
  labels: Record<string, string>,
): { message: string; errors: FieldError[] } {
  if (!(error instanceof ApiRequestError))
    return { message: error instanceof Error ? error.message : String(error), errors: [] };
  if (error.status === 0) return { message: describeError(error), errors: [] };
  const body = error.body?.error as
    | { message?: string; field?: string; issues?: { field: string; message: string }[] }
    | undefined;
  const issues = body?.issues ?? (body?.field ? [{ field: body.field, message: body.message ?? error.message }] : []);
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = issue.field.split('.')[0] ?? '';
    if (field in labels && !errors.some((e) => e.field === field))
      errors.push({ field, label: labels[field]!, message: issue.message });
  }
  return { message: t('form.serverSaid', { message: body?.message ?? error.message }), errors };
}

/**
 * The error summary at the top of a form: announced as an alert, one link per field that takes focus
 * to the field (the form does the focusing, since the field lives in its shadow root).
 *
 * @fires ehds-field-focus-requested - `detail.field`: the user chose an error; bubbles and is composed.
 * @csspart box - the alert box.
 */
@customElement('ehds-form-alert')
export class EhdsFormAlert extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .alert { margin: 0 0 1rem; }
      .alert:focus { outline: 3px solid var(--ehds-focus); outline-offset: 2px; }
      strong { display: block; }
      ul { margin: 0.4rem 0 0; padding-left: 1.2rem; }
      a { color: var(--ehds-danger); font-weight: 600; }
    `,
  ];

  @property({ attribute: false }) errors: FieldError[] = [];
  /** A message that belongs to no field (e.g. the server's), shown above the list. */
  @property() message = '';

  protected readonly i18n = new LangController(this);

  /** Moves focus to the summary so that keyboard and screen-reader users land on it after a failed save. */
  focus() {
    (this.renderRoot.querySelector('.alert') as HTMLElement | null)?.focus();
  }

  private choose(e: Event, field: string) {
    e.preventDefault();
    this.dispatchEvent(
      new CustomEvent('ehds-field-focus-requested', { detail: { field }, bubbles: true, composed: true }),
    );
  }

  render() {
    if (this.errors.length === 0 && !this.message) return nothing;
    return html`<div class="alert" role="alert" tabindex="-1" part="box">
      <strong>${t('form.errorHeading')}</strong>
      ${this.message ? html`<p>${this.message}</p>` : nothing}
      ${
        this.errors.length
          ? html`<p>${t('form.errorCount', { count: this.errors.length })}</p>
              <ul>
                ${this.errors.map(
                  (e) =>
                    html`<li><a href="#${e.field}" @click=${(ev: Event) => this.choose(ev, e.field)}>${e.label}: ${e.message}</a></li>`,
                )}
              </ul>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-form-alert': EhdsFormAlert;
  }
}
