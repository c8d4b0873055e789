import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import { LangController, t } from '../i18n/index.ts';
import '../i18n/questions.ts';
import { shared } from '../styles/shared.ts';
import { type EhdsFormAlert, errorsFromServer, type FieldError } from './ehds-form-alert.ts';
import './ehds-form-alert.ts';
import './ehds-options-editor.ts';
import './ehds-ref-picker.ts';
import type { RefOption } from './ehds-ref-picker.ts';

const AREAS = ['A1', 'A2', 'A3', 'A4', 'A5'] as const;
type Area = (typeof AREAS)[number];

/**
 * Creates a principle question: text, area, linked requirements and options. Checks what it can before
 * sending; when the server says no, its reasons are shown by the fields and nothing typed is lost.
 *
 * @fires ehds-question-created - `detail.ref`: the new question's ref; bubbles and is composed.
 */
@customElement('ehds-question-form')
export class EhdsQuestionForm extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      form { display: grid; gap: 1rem; }
      .field { margin: 0; }
      select { min-width: 20rem; }
      .actions { display: flex; gap: 0.75rem; align-items: center; }
    `,
  ];

  /** The requirements that may be linked. */
  @property({ attribute: false }) requirementOptions: RefOption[] = [];

  @state() private text = '';
  @state() private area: Area | '' = '';
  @state() private refs: string[] = [];
  @state() private options: string[] = [];
  @state() private errors: FieldError[] = [];
  @state() private message = '';
  @state() private saving = false;
  @query('ehds-form-alert') private alertBox?: EhdsFormAlert;

  protected readonly i18n = new LangController(this);

  private labels() {
    return {
      text: t('qform.text'),
      area: t('qform.area'),
      requirement_refs: t('qform.requirements'),
      options: t('options.legend'),
    };
  }

  private errorFor(field: string) {
    return this.errors.find((e) => e.field === field);
  }

  /** A field the analyst has changed no longer shows the error it had. */
  private clearError(field: string) {
    if (this.errors.some((e) => e.field === field)) this.errors = this.errors.filter((e) => e.field !== field);
  }

  private focusField(field: string) {
    (this.renderRoot.querySelector(`#${field}`) as HTMLElement | null)?.focus();
  }

  private async showErrors(errors: FieldError[], message = '') {
    this.errors = errors;
    this.message = message;
    await this.updateComplete;
    this.alertBox?.focus();
  }

  private async submit(e: Event) {
    e.preventDefault();
    if (this.saving) return;
    if (this.text.trim() === '') {
      await this.showErrors([
        {
          field: 'text',
          label: t('qform.text'),
          message: t('form.required', { field: t('qform.text').toLocaleLowerCase() }),
        },
      ]);
      return;
    }
    this.saving = true;
    try {
      const created = await ok(
        api.questions.$post({
          json: {
            text: this.text.trim(),
            area: this.area || null,
            requirement_refs: this.refs,
            options: this.options.map((o) => o.trim()).filter(Boolean),
          },
        }),
      );
      this.text = '';
      this.area = '';
      this.refs = [];
      this.options = [];
      this.errors = [];
      this.message = '';
      this.dispatchEvent(
        new CustomEvent('ehds-question-created', { detail: { ref: created.ref }, bubbles: true, composed: true }),
      );
    } catch (err) {
      const { message, errors } = errorsFromServer(err, this.labels());
      await this.showErrors(errors, message);
    } finally {
      this.saving = false;
    }
  }

  render() {
    const textError = this.errorFor('text');
    const refsError = this.errorFor('requirement_refs');
    const areaError = this.errorFor('area');
    return html`
      <form novalidate @submit=${this.submit} @ehds-field-focus-requested=${(e: CustomEvent<{ field: string }>) => this.focusField(e.detail.field)}>
        <ehds-form-alert .errors=${this.errors} message=${this.message}></ehds-form-alert>
        <div class="field">
          <label for="text">${t('qform.text')} <span class="hint">${t('form.requiredMark')}</span></label>
          <textarea id="text" required aria-required="true" .value=${this.text}
            aria-invalid=${textError ? 'true' : 'false'}
            aria-describedby=${textError ? 'text-error text-hint' : 'text-hint'}
            @input=${(e: Event) => {
              this.text = (e.target as HTMLTextAreaElement).value;
              this.clearError('text');
            }}></textarea>
          <div class="hint" id="text-hint">${t('qform.textHint')}</div>
          ${textError ? html`<div class="field-error" id="text-error">${textError.message}</div>` : nothing}
        </div>
        <div class="field">
          <label for="area">${t('qform.area')}</label>
          <select id="area" aria-invalid=${areaError ? 'true' : 'false'} aria-describedby=${areaError ? 'area-error' : nothing}
            @change=${(e: Event) => {
              this.area = (e.target as HTMLSelectElement).value as Area | '';
            }}>
            <option value="" ?selected=${this.area === ''}>${t('qform.areaNone')}</option>
            ${AREAS.map((a) => html`<option value=${a} ?selected=${this.area === a}>${a} ${t(`area.${a}`)}</option>`)}
          </select>
          ${areaError ? html`<div class="field-error" id="area-error">${areaError.message}</div>` : nothing}
        </div>
        <ehds-ref-picker id="requirement_refs" legend=${t('qform.requirements')} .options=${this.requirementOptions}
          .value=${this.refs} ?invalid=${!!refsError} description=${refsError?.message ?? ''}
          @ehds-refs-changed=${(e: CustomEvent<{ value: string[] }>) => {
            this.refs = e.detail.value;
            this.clearError('requirement_refs');
          }}></ehds-ref-picker>
        <ehds-options-editor id="options" .value=${this.options}
          @ehds-options-changed=${(e: CustomEvent<{ value: string[] }>) => {
            this.options = e.detail.value;
          }}></ehds-options-editor>
        <div class="actions">
          <button type="submit" ?disabled=${this.saving}>${this.saving ? t('qform.saving') : t('qform.submit')}</button>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-question-form': EhdsQuestionForm;
  }
}
