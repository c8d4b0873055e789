import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../i18n/rounds.ts';
import { LangController, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';
import type { Input } from './ehds-disposition-editor.ts';
import { type EhdsFormAlert, errorsFromServer, type FieldError } from './ehds-form-alert.ts';
import './ehds-form-alert.ts';

const TYPES = ['comment', 'question', 'proposed_change', 'objection'] as const;
type InputType = (typeof TYPES)[number];

/**
 * A reference-group member's input in a round: its type (comment, question, proposed change, objection)
 * and text, about one requirement (`ref`) or the round as a whole. With `input` set it edits that input
 * (with the version read; a 409 says someone changed it). Nothing typed is lost when the server refuses.
 *
 * @fires ehds-round-input-saved - `detail.input`: the input as stored; bubbles and is composed.
 * @fires ehds-round-input-cancelled - editing was given up; bubbles and is composed.
 */
@customElement('ehds-round-input-form')
export class EhdsRoundInputForm extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      form { display: grid; gap: 0.75rem; }
      fieldset { border: 0; padding: 0; margin: 0; }
      legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
      .radios { display: flex; flex-wrap: wrap; gap: 0.4rem 1.1rem; }
      .radios label { font-weight: 400; display: flex; align-items: center; gap: 0.35rem; margin: 0; }
      .field { margin: 0; }
      textarea { min-height: 5rem; }
      .buttons { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    `,
  ];

  @property({ type: Number }) round = 0;
  /** The requirement the input is about; empty for the round as a whole. */
  @property() ref = '';
  /** What the label says the input is about, e.g. «A2-05». */
  @property() about = '';
  /** The input to edit; unset to give a new one. */
  @property({ attribute: false }) input?: Input;

  @state() private type: InputType = 'comment';
  @state() private text = '';
  @state() private errors: FieldError[] = [];
  @state() private message = '';
  @state() private busy = false;
  @query('ehds-form-alert') private alertBox?: EhdsFormAlert;
  protected readonly i18n = new LangController(this);

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('input') && this.input) {
      this.type = this.input.type;
      this.text = this.input.text;
    }
  }

  /** Focus to the text, for «Endre». */
  focus() {
    (this.renderRoot.querySelector('textarea') as HTMLElement | null)?.focus();
  }

  private async submit(e: Event) {
    e.preventDefault();
    if (this.busy) return;
    if (!this.text.trim()) {
      await this.fail([{ field: 'text', label: t('minput.text'), message: t('minput.required') }]);
      return;
    }
    this.busy = true;
    try {
      const saved = this.input
        ? await ok(
            api.inputs[':id'].$patch({
              param: { id: String(this.input.id) },
              json: { version: this.input.version, text: this.text.trim(), type: this.type },
            }),
          )
        : await ok(
            api.inputs.$post({
              json: {
                text: this.text.trim(),
                type: this.type,
                round_id: this.round,
                requirement_refs: this.ref ? [this.ref] : [],
              },
            }),
          );
      this.text = '';
      this.type = 'comment';
      this.errors = [];
      this.message = '';
      this.dispatchEvent(
        new CustomEvent('ehds-round-input-saved', { detail: { input: saved }, bubbles: true, composed: true }),
      );
    } catch (err) {
      const { message, errors } = errorsFromServer(err, { text: t('minput.text'), type: t('minput.type') });
      await this.fail(errors, message);
    } finally {
      this.busy = false;
    }
  }

  private async fail(errors: FieldError[], message = '') {
    this.errors = errors;
    this.message = message;
    await this.updateComplete;
    this.alertBox?.focus();
  }

  render() {
    const err = this.errors.find((e) => e.field === 'text');
    const label = this.input
      ? t('minput.editLabel')
      : this.ref
        ? t('minput.labelFor', { ref: this.about || this.ref })
        : t('minput.labelWhole');
    return html`<form novalidate @submit=${this.submit} @ehds-field-focus-requested=${() => this.focus()}>
      <ehds-form-alert .errors=${this.errors} message=${this.message}></ehds-form-alert>
      <fieldset>
        <legend>${t('minput.type')}</legend>
        <div class="radios">
          ${TYPES.map(
            (ty) =>
              html`<label><input type="radio" name="type" .checked=${this.type === ty} @change=${() => {
                this.type = ty;
              }} />${t(`input_type.${ty}`)}</label>`,
          )}
        </div>
      </fieldset>
      <div class="field">
        <label for="text">${label}</label>
        <textarea id="text" .value=${this.text} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${err ? 'text-error' : nothing}
          @input=${(e: Event) => {
            this.text = (e.target as HTMLTextAreaElement).value;
            this.errors = [];
          }}></textarea>
        ${err ? html`<div class="field-error" id="text-error">${err.message}</div>` : nothing}
      </div>
      <div class="buttons">
        <button type="submit" ?disabled=${this.busy}>${this.input ? t('minput.saveEdit') : t('minput.submit')}</button>
        ${
          this.input
            ? html`<button type="button" class="secondary" @click=${() =>
                this.dispatchEvent(
                  new CustomEvent('ehds-round-input-cancelled', { bubbles: true, composed: true }),
                )}>${t('common.cancel')}</button>`
            : nothing
        }
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-round-input-form': EhdsRoundInputForm;
  }
}
