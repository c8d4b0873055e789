import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiRequestError, api, ok } from '../api.ts';
import { formatDate, LangController, t } from '../i18n/index.ts';
import '../i18n/versions.ts';
import { shared } from '../styles/shared.ts';
import { type EhdsFormAlert, errorsFromServer, type FieldError } from './ehds-form-alert.ts';
import './ehds-form-alert.ts';

/** The server's rule for names (server/routes/versions.ts), checked here too so the message comes early. */
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u;

/** Today in Norway as YYYY-MM-DD. */
const todayIso = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());

/** `28.03.2025` (or `28.3.2025`, or `2025-03-28`) → `2025-03-28`; undefined when it is not a real date. */
export function parseNorwegianDate(text: string): string | undefined {
  const value = text.trim();
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = value.includes('.') ? [m[3], m[2], m[1]] : [m[1], m[2], m[3]];
  const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}

type Field = 'name' | 'date' | 'note';

/**
 * Freezing a version: name, date and note, then a confirmation dialog that says the version can
 * never change. Focus goes to «Avbryt» in the dialog (the freeze cannot be undone) and back to the
 * button that opened it.
 *
 * @fires ehds-version-frozen - `detail: { name }` after the server froze it; bubbles and is composed.
 */
@customElement('ehds-version-freezer')
export class EhdsVersionFreezer extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .row { display: flex; flex-wrap: wrap; gap: 0 1.25rem; }
      #name { width: 12rem; }
      #date { width: 9rem; }
      dialog { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 1.25rem 1.5rem; max-width: 34rem; box-shadow: 0 10px 30px rgba(0, 0, 0, 0.25); }
      dialog::backdrop { background: rgba(15, 23, 42, 0.45); }
      dialog h2 { margin-top: 0; }
      .warning { border-left: 4px solid var(--ehds-partially-covered); background: var(--ehds-warning-bg); padding: 0.6rem 0.9rem; }
      .actions { display: flex; gap: 0.75rem; justify-content: flex-end; margin-top: 1rem; }
    `,
  ];

  /** Names already taken, so that a duplicate is caught before the dialog. */
  @property({ attribute: false }) takenNames: string[] = [];

  @state() private name = '';
  @state() private date = formatDate(todayIso());
  @state() private note = '';
  @state() private errors: FieldError[] = [];
  @state() private serverMessage = '';
  @state() private saving = false;

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('ehds-form-alert') private alert?: EhdsFormAlert;
  private opener?: HTMLElement;
  /** The dialog closes because the freeze finished (or failed), not because it was cancelled. */
  private settled = false;
  protected readonly i18n = new LangController(this);

  private readonly labels = (): Record<Field, string> => ({
    name: t('freeze.name'),
    date: t('freeze.date'),
    note: t('freeze.note'),
  });

  private validate(): FieldError[] {
    const labels = this.labels();
    const errors: FieldError[] = [];
    const name = this.name.trim();
    if (!name) errors.push({ field: 'name', label: labels.name, message: t('freeze.nameRequired') });
    else if (!NAME_PATTERN.test(name) || name.length > 40)
      errors.push({ field: 'name', label: labels.name, message: t('freeze.namePattern') });
    else if (this.takenNames.some((n) => n === name))
      errors.push({ field: 'name', label: labels.name, message: t('freeze.nameTaken', { name }) });
    if (!parseNorwegianDate(this.date))
      errors.push({ field: 'date', label: labels.date, message: t('freeze.dateInvalid') });
    return errors;
  }

  private async showErrors(errors: FieldError[], message = '') {
    this.errors = errors;
    this.serverMessage = message;
    await this.updateComplete;
    this.alert?.focus();
  }

  private async ask(e: Event) {
    e.preventDefault();
    const errors = this.validate();
    if (errors.length) return this.showErrors(errors);
    this.errors = [];
    this.serverMessage = '';
    this.opener = (this.renderRoot.querySelector('button[type="submit"]') as HTMLElement | null) ?? undefined;
    this.dialog.showModal();
    (this.dialog.querySelector('button.secondary') as HTMLElement | null)?.focus();
  }

  private close() {
    if (this.dialog.open) this.dialog.close();
  }

  /** Cancelled (button or Escape): back to the button that opened it. After a save the page or the error summary takes focus. */
  private onDialogClose() {
    if (this.settled) this.settled = false;
    else this.opener?.focus();
  }

  private async freeze() {
    if (this.saving) return;
    this.saving = true;
    const name = this.name.trim();
    try {
      await ok(
        api.versions.$post({
          json: { name, date: parseNorwegianDate(this.date), note: this.note.trim() || undefined },
        }),
      );
      this.settled = true;
      this.close();
      this.name = '';
      this.note = '';
      this.dispatchEvent(new CustomEvent('ehds-version-frozen', { detail: { name }, bubbles: true, composed: true }));
    } catch (error) {
      this.settled = true;
      this.close();
      const { message, errors } = errorsFromServer(error, this.labels());
      const taken = error instanceof ApiRequestError && error.status === 409;
      await this.showErrors(
        taken ? [{ field: 'name', label: this.labels().name, message: t('freeze.nameTaken', { name }) }] : errors,
        taken ? '' : message,
      );
    } finally {
      this.saving = false;
    }
  }

  private focusField(e: CustomEvent<{ field: string }>) {
    (this.renderRoot.querySelector(`#${e.detail.field}`) as HTMLElement | null)?.focus();
  }

  private errorOf(field: Field) {
    return this.errors.find((e) => e.field === field);
  }

  private describedBy(field: Field, hint: boolean) {
    const ids = [hint ? `${field}-hint` : '', this.errorOf(field) ? `${field}-error` : ''].filter(Boolean);
    return ids.join(' ') || nothing;
  }

  private fieldError(field: Field) {
    const error = this.errorOf(field);
    return error ? html`<div class="field-error" id="${field}-error">${error.message}</div>` : nothing;
  }

  render() {
    const name = this.name.trim();
    const iso = parseNorwegianDate(this.date);
    return html`
      <form @submit=${this.ask} novalidate @ehds-field-focus-requested=${this.focusField}>
        <p>${t('freeze.intro')}</p>
        <ehds-form-alert .errors=${this.errors} .message=${this.serverMessage}></ehds-form-alert>
        <div class="row">
          <div class="field">
            <label for="name">${t('freeze.name')}</label>
            <input id="name" autocomplete="off" maxlength="40" .value=${this.name} required aria-required="true"
              aria-invalid=${this.errorOf('name') ? 'true' : 'false'} aria-describedby=${this.describedBy('name', true)}
              @input=${(e: Event) => {
                this.name = (e.target as HTMLInputElement).value;
              }} />
            <div class="hint" id="name-hint">${t('freeze.nameHint')}</div>
            ${this.fieldError('name')}
          </div>
          <div class="field">
            <label for="date">${t('freeze.date')}</label>
            <input id="date" inputmode="numeric" autocomplete="off" .value=${this.date}
              aria-invalid=${this.errorOf('date') ? 'true' : 'false'} aria-describedby=${this.describedBy('date', true)}
              @input=${(e: Event) => {
                this.date = (e.target as HTMLInputElement).value;
              }} />
            <div class="hint" id="date-hint">${t('freeze.dateHint')}</div>
            ${this.fieldError('date')}
          </div>
        </div>
        <div class="field">
          <label for="note">${t('freeze.note')}</label>
          <textarea id="note" rows="2" maxlength="5000" .value=${this.note} aria-describedby="note-hint"
            @input=${(e: Event) => {
              this.note = (e.target as HTMLTextAreaElement).value;
            }}></textarea>
          <div class="hint" id="note-hint">${t('freeze.noteHint')}</div>
        </div>
        <button type="submit">${t('freeze.submit')}</button>
      </form>
      <dialog role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-text" @close=${this.onDialogClose}>
        <h2 id="confirm-title">${t('freeze.confirmTitle', { name })}</h2>
        <p id="confirm-text" class="warning">${t('freeze.confirmText', { name, date: iso ? formatDate(iso) : this.date })}</p>
        ${this.note.trim() ? html`<p><strong>${t('freeze.note')}:</strong> ${this.note.trim()}</p>` : nothing}
        <div class="actions">
          <button type="button" class="secondary" @click=${this.close}>${t('common.cancel')}</button>
          <button type="button" ?disabled=${this.saving} @click=${this.freeze}>
            ${this.saving ? t('freeze.saving') : t('freeze.confirm')}
          </button>
        </div>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-version-freezer': EhdsVersionFreezer;
  }
}
