import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiRequestError, api, ok, type SuccessBody } from '../api.ts';
import { LangController, t } from '../i18n/index.ts';
import '../i18n/inputs.ts';
import { shared } from '../styles/shared.ts';
import { type EhdsFormAlert, errorsFromServer, type FieldError } from './ehds-form-alert.ts';
import './ehds-form-alert.ts';

export type Input = SuccessBody<Awaited<ReturnType<(typeof api.inputs)[':id']['$get']>>>;

const DISPOSITIONS = ['pending', 'accepted', 'partially_accepted', 'rejected', 'noted'] as const;
type Disposition = (typeof DISPOSITIONS)[number];

/**
 * The disposition of one input, set in place: shows the current disposition and reason, and on
 * «Behandle» a small form (disposition, reason) that saves with the version read. A reason is
 * required for anything but «Til behandling». After a 409 the stored state is shown and the
 * analyst's choice stays in the form.
 *
 * @fires ehds-disposition-saved - `detail.input`: the input as stored after the save; bubbles and is composed.
 * @csspart current - the current disposition and reason.
 */
@customElement('ehds-disposition-editor')
export class EhdsDispositionEditor extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .current { display: flex; flex-direction: column; gap: 0.25rem; }
      .disp { font-weight: 700; display: inline-flex; align-items: center; gap: 0.4rem; }
      .disp::before { content: ''; width: 0.7rem; height: 0.7rem; border-radius: 50%; border: 2px solid currentColor; flex: none; }
      .disp.pending { color: #6b4500; }
      .disp.accepted, .disp.partially_accepted { color: var(--ehds-success); }
      .disp.accepted::before { background: currentColor; }
      .disp.partially_accepted::before { background: linear-gradient(90deg, currentColor 50%, transparent 50%); }
      .disp.rejected { color: var(--ehds-danger); }
      .disp.rejected::before { border-radius: 2px; background: currentColor; }
      .disp.noted { color: var(--ehds-text-muted); }
      .reason { font-size: 0.9rem; white-space: pre-wrap; }
      form { margin-top: 0.5rem; display: grid; gap: 0.6rem; }
      fieldset { border: 0; padding: 0; margin: 0; display: grid; gap: 0.6rem; }
      legend { font-weight: 600; padding: 0; }
      .field { margin: 0; }
      select { width: 100%; }
      textarea { min-height: 4.5rem; }
      .buttons { display: flex; gap: 0.5rem; flex-wrap: wrap; }
      .conflict { border-left: 4px solid #8a5a00; background: var(--ehds-warning-bg); padding: 0.5rem 0.75rem; font-size: 0.9rem; margin: 0; }
      .saved { color: var(--ehds-success); font-size: 0.9rem; }
      ehds-form-alert { font-size: 0.9rem; }
    `,
  ];

  @property({ attribute: false }) input?: Input;

  @state() private open = false;
  @state() private disposition: Disposition = 'pending';
  @state() private reason = '';
  @state() private version = 0;
  @state() private errors: FieldError[] = [];
  @state() private message = '';
  @state() private conflict = '';
  @state() private notice = '';
  @state() private saving = false;
  @query('ehds-form-alert') private alertBox?: EhdsFormAlert;

  protected readonly i18n = new LangController(this);

  private start() {
    if (!this.input) return;
    this.disposition = this.input.disposition;
    this.reason = this.input.disposition_reason;
    this.version = this.input.version;
    this.errors = [];
    this.message = '';
    this.conflict = '';
    this.notice = '';
    this.open = true;
    void this.updateComplete.then(() => (this.renderRoot.querySelector('select') as HTMLElement | null)?.focus());
  }

  private async cancel() {
    this.open = false;
    await this.updateComplete;
    (this.renderRoot.querySelector('button.toggle') as HTMLElement | null)?.focus();
  }

  private async fail(errors: FieldError[], message = '') {
    this.errors = errors;
    this.message = message;
    await this.updateComplete;
    this.alertBox?.focus();
  }

  private async save(e: Event) {
    e.preventDefault();
    const input = this.input;
    if (!input || this.saving) return;
    if (this.disposition !== 'pending' && this.reason.trim() === '') {
      const label = t(`disposition.${this.disposition}`);
      await this.fail([
        { field: 'reason', label: t('disp.reason'), message: t('disp.reasonRequired', { disposition: label }) },
      ]);
      return;
    }
    this.saving = true;
    try {
      const saved = await ok(
        api.inputs[':id'].disposition.$put({
          param: { id: String(input.id) },
          json: { version: this.version, disposition: this.disposition, reason: this.reason.trim() },
        }),
      );
      this.input = saved;
      this.open = false;
      this.notice = t('disp.saved');
      this.dispatchEvent(
        new CustomEvent('ehds-disposition-saved', { detail: { input: saved }, bubbles: true, composed: true }),
      );
      await this.updateComplete;
      (this.renderRoot.querySelector('button.toggle') as HTMLElement | null)?.focus();
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 409 && err.body?.error?.current) {
        const current = err.body.error.current as Input;
        this.input = current;
        this.version = current.version;
        this.conflict = t('disp.conflict', {
          disposition: t(`disposition.${current.disposition}`),
          reason: current.disposition_reason || '–',
        });
        this.errors = [];
        this.message = '';
      } else {
        const { message, errors } = errorsFromServer(err, {
          reason: t('disp.reason'),
          disposition: t('inputs.disposition'),
        });
        await this.fail(errors, message);
      }
    } finally {
      this.saving = false;
    }
  }

  render() {
    const input = this.input;
    if (!input) return nothing;
    const id = input.id;
    const reasonError = this.errors.find((e) => e.field === 'reason');
    return html`
      <div class="current" part="current">
        <span class="disp ${input.disposition}">${t(`disposition.${input.disposition}`)}</span>
        <span class="reason">${input.disposition_reason || html`<span class="muted">${t('inputs.noReason')}</span>`}</span>
        <span role="status" class="saved">${this.notice}</span>
      </div>
      ${
        this.open
          ? html`<form novalidate @submit=${this.save} @ehds-field-focus-requested=${(
              e: CustomEvent<{ field: string }>,
            ) => (this.renderRoot.querySelector(`#${e.detail.field}`) as HTMLElement | null)?.focus()}>
              ${this.conflict ? html`<p class="conflict" role="alert">${this.conflict}</p>` : nothing}
              <ehds-form-alert .errors=${this.errors} message=${this.message}></ehds-form-alert>
              <fieldset>
                <legend class="visually-hidden">${t('disp.legend', { id })}</legend>
                <div class="field">
                  <label for="disposition">${t('inputs.disposition')}</label>
                  <select id="disposition" @change=${(e: Event) => {
                    this.disposition = (e.target as HTMLSelectElement).value as Disposition;
                    this.errors = [];
                  }}>
                    ${DISPOSITIONS.map((d) => html`<option value=${d} ?selected=${this.disposition === d}>${t(`disposition.${d}`)}</option>`)}
                  </select>
                </div>
                <div class="field">
                  <label for="reason">${t('disp.reason')}</label>
                  <textarea id="reason" .value=${this.reason} aria-invalid=${reasonError ? 'true' : 'false'}
                    aria-describedby=${reasonError ? 'reason-error reason-hint' : 'reason-hint'}
                    @input=${(e: Event) => {
                      this.reason = (e.target as HTMLTextAreaElement).value;
                    }}></textarea>
                  <div class="hint" id="reason-hint">${t('disp.reasonHint', { pending: t('disposition.pending') })}</div>
                  ${reasonError ? html`<div class="field-error" id="reason-error">${reasonError.message}</div>` : nothing}
                </div>
              </fieldset>
              <div class="buttons">
                <button type="submit" ?disabled=${this.saving}>${t('disp.save')}</button>
                <button type="button" class="secondary" @click=${this.cancel}>${t('common.cancel')}</button>
              </div>
            </form>`
          : html`<button type="button" class="secondary toggle" aria-label=${t('disp.editLabel', { id })} @click=${this.start}>
              ${t('disp.edit')}
            </button>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-disposition-editor': EhdsDispositionEditor;
  }
}
