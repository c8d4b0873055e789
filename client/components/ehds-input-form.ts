import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import { formatDate, LangController, t } from '../i18n/index.ts';
import '../i18n/inputs.ts';
import '../i18n/questions.ts';
import { shared } from '../styles/shared.ts';
import { type EhdsFormAlert, errorsFromServer, type FieldError } from './ehds-form-alert.ts';
import './ehds-form-alert.ts';
import './ehds-ref-picker.ts';
import type { RefOption } from './ehds-ref-picker.ts';

const AREAS = ['A1', 'A2', 'A3', 'A4', 'A5'] as const;
const TYPES = ['comment', 'question', 'proposed_change', 'objection'] as const;
type Area = (typeof AREAS)[number];
type InputType = (typeof TYPES)[number];

export interface InputFormChoices {
  requirements: RefOption[];
  questions: RefOption[];
  organisations: { id: number; name: string }[];
  meetings: { id: number; date: string; title: string }[];
}

const EMPTY = {
  text: '',
  type: 'comment' as InputType,
  area: '' as Area | '',
  organisation: '',
  meeting: '',
  source: '',
  requirements: [] as string[],
  questions: [] as string[],
};

/** The API's name for each form value, as used in its error details. */
const FIELD_OF: Record<keyof typeof EMPTY, string> = {
  text: 'text',
  type: 'type',
  area: 'area',
  organisation: 'organisation_id',
  meeting: 'meeting_id',
  source: 'source',
  requirements: 'requirement_refs',
  questions: 'question_refs',
};

/**
 * Registers stakeholder input: text, type, area, organisation, meeting, source, and the requirements
 * and questions it is about. Nothing typed is lost when the server refuses it.
 *
 * @fires ehds-input-created - `detail.id`: the new input's id; bubbles and is composed.
 */
@customElement('ehds-input-form')
export class EhdsInputForm extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      form { display: grid; gap: 1rem; }
      .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
      .field { margin: 0; }
      select, input[type='text'] { width: 100%; }
      fieldset.types { border: 0; padding: 0; margin: 0; }
      fieldset.types legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
      .radios { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; }
      .radios label { font-weight: 400; display: flex; align-items: center; gap: 0.4rem; margin: 0; }
      .pickers { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
    `,
  ];

  @property({ attribute: false }) choices: InputFormChoices = {
    requirements: [],
    questions: [],
    organisations: [],
    meetings: [],
  };

  @state() private value = { ...EMPTY };
  @state() private errors: FieldError[] = [];
  @state() private message = '';
  @state() private saving = false;
  @query('ehds-form-alert') private alertBox?: EhdsFormAlert;

  protected readonly i18n = new LangController(this);

  private labels(): Record<string, string> {
    return {
      text: t('iform.text'),
      type: t('iform.type'),
      area: t('iform.area'),
      organisation_id: t('iform.organisation'),
      meeting_id: t('iform.meeting'),
      source: t('iform.source'),
      requirement_refs: t('iform.requirements'),
      question_refs: t('iform.questions'),
    };
  }

  private set<K extends keyof typeof EMPTY>(key: K, v: (typeof EMPTY)[K]) {
    this.value = { ...this.value, [key]: v };
    // A field the analyst has changed no longer shows the error it had.
    const field = FIELD_OF[key];
    if (this.errors.some((e) => e.field === field)) this.errors = this.errors.filter((e) => e.field !== field);
  }

  private async fail(errors: FieldError[], message = '') {
    this.errors = errors;
    this.message = message;
    await this.updateComplete;
    this.alertBox?.focus();
  }

  private async submit(e: Event) {
    e.preventDefault();
    if (this.saving) return;
    const v = this.value;
    if (v.text.trim() === '') {
      await this.fail([
        {
          field: 'text',
          label: t('iform.text'),
          message: t('form.required', { field: t('iform.text').toLocaleLowerCase() }),
        },
      ]);
      return;
    }
    this.saving = true;
    try {
      const json: Parameters<typeof api.inputs.$post>[0]['json'] = {
        text: v.text.trim(),
        type: v.type,
        area: v.area || null,
        organisation_id: v.organisation ? Number(v.organisation) : null,
        meeting_id: v.meeting ? Number(v.meeting) : null,
        requirement_refs: v.requirements,
        question_refs: v.questions,
      };
      if (v.source.trim()) json.source = v.source.trim();
      const created = await ok(api.inputs.$post({ json }));
      this.value = { ...EMPTY };
      this.errors = [];
      this.message = '';
      this.dispatchEvent(
        new CustomEvent('ehds-input-created', { detail: { id: created.id }, bubbles: true, composed: true }),
      );
    } catch (err) {
      const { message, errors } = errorsFromServer(err, this.labels());
      await this.fail(errors, message);
    } finally {
      this.saving = false;
    }
  }

  private focusField(field: string) {
    const id = { organisation_id: 'organisation', meeting_id: 'meeting' }[field] ?? field;
    (this.renderRoot.querySelector(`#${id}`) as HTMLElement | null)?.focus();
  }

  render() {
    const v = this.value;
    const err = (f: string) => this.errors.find((e) => e.field === f);
    const described = (f: string, hint?: string) =>
      [err(f) ? `${f}-error` : '', hint ?? ''].filter(Boolean).join(' ') || nothing;
    const errorText = (f: string) =>
      err(f) ? html`<div class="field-error" id="${f}-error">${err(f)!.message}</div>` : nothing;
    return html`
      <form novalidate @submit=${this.submit} @ehds-field-focus-requested=${(e: CustomEvent<{ field: string }>) => this.focusField(e.detail.field)}>
        <ehds-form-alert .errors=${this.errors} message=${this.message}></ehds-form-alert>
        <div class="field">
          <label for="text">${t('iform.text')} <span class="hint">${t('form.requiredMark')}</span></label>
          <textarea id="text" aria-required="true" .value=${v.text} aria-invalid=${err('text') ? 'true' : 'false'}
            aria-describedby=${described('text', 'text-hint')}
            @input=${(e: Event) => this.set('text', (e.target as HTMLTextAreaElement).value)}></textarea>
          <div class="hint" id="text-hint">${t('iform.textHint')}</div>
          ${errorText('text')}
        </div>
        <fieldset class="types">
          <legend>${t('iform.type')}</legend>
          <div class="radios">
            ${TYPES.map(
              (ty, i) => html`<label>
                <input type="radio" name="type" id=${i === 0 ? 'type' : `type-${ty}`} .checked=${v.type === ty} @change=${() => this.set('type', ty)} />
                ${t(`input_type.${ty}`)}
              </label>`,
            )}
          </div>
        </fieldset>
        <div class="row">
          <div class="field">
            <label for="area">${t('iform.area')}</label>
            <select id="area" aria-describedby=${described('area')} @change=${(e: Event) => this.set('area', (e.target as HTMLSelectElement).value as Area | '')}>
              <option value="" ?selected=${v.area === ''}>${t('iform.areaNone')}</option>
              ${AREAS.map((a) => html`<option value=${a} ?selected=${v.area === a}>${a} ${t(`area.${a}`)}</option>`)}
            </select>
            ${errorText('area')}
          </div>
          <div class="field">
            <label for="organisation">${t('iform.organisation')}</label>
            <select id="organisation" aria-describedby=${described('organisation_id')}
              @change=${(e: Event) => this.set('organisation', (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${v.organisation === ''}>${t('iform.organisationNone')}</option>
              ${this.choices.organisations.map((o) => html`<option value=${o.id} ?selected=${v.organisation === String(o.id)}>${o.name}</option>`)}
            </select>
            ${errorText('organisation_id')}
          </div>
          <div class="field">
            <label for="meeting">${t('iform.meeting')}</label>
            <select id="meeting" aria-describedby=${described('meeting_id')}
              @change=${(e: Event) => this.set('meeting', (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${v.meeting === ''}>${t('iform.meetingNone')}</option>
              ${this.choices.meetings.map(
                (m) =>
                  html`<option value=${m.id} ?selected=${v.meeting === String(m.id)}>${formatDate(m.date)} – ${m.title}</option>`,
              )}
            </select>
            ${errorText('meeting_id')}
          </div>
        </div>
        <div class="field">
          <label for="source">${t('iform.source')}</label>
          <input id="source" type="text" .value=${v.source} aria-describedby=${described('source', 'source-hint')}
            @input=${(e: Event) => this.set('source', (e.target as HTMLInputElement).value)} />
          <div class="hint" id="source-hint">${t('iform.sourceHint')}</div>
          ${errorText('source')}
        </div>
        <div class="pickers">
          <ehds-ref-picker id="requirement_refs" legend=${t('iform.requirements')} .options=${this.choices.requirements}
            .value=${v.requirements} ?invalid=${!!err('requirement_refs')} description=${err('requirement_refs')?.message ?? ''}
            @ehds-refs-changed=${(e: CustomEvent<{ value: string[] }>) => this.set('requirements', e.detail.value)}></ehds-ref-picker>
          <ehds-ref-picker id="question_refs" legend=${t('iform.questions')} .options=${this.choices.questions}
            .value=${v.questions} ?invalid=${!!err('question_refs')} description=${err('question_refs')?.message ?? ''}
            @ehds-refs-changed=${(e: CustomEvent<{ value: string[] }>) => this.set('questions', e.detail.value)}></ehds-ref-picker>
        </div>
        <div>
          <button type="submit" ?disabled=${this.saving}>${this.saving ? t('qform.saving') : t('iform.submit')}</button>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-input-form': EhdsInputForm;
  }
}
