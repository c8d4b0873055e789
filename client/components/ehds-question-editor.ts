import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiRequestError, api, ok, type SuccessBody } from '../api.ts';
import { LangController, t } from '../i18n/index.ts';
import '../i18n/questions.ts';
import { shared } from '../styles/shared.ts';
import { type EhdsFormAlert, errorsFromServer, type FieldError } from './ehds-form-alert.ts';
import './ehds-form-alert.ts';
import './ehds-options-editor.ts';

export type Question = SuccessBody<Awaited<ReturnType<(typeof api.questions)[':ref']['$get']>>>;

const STATUSES = ['open', 'in_progress', 'decided'] as const;
const FIELDS = ['status', 'options', 'decision', 'rationale', 'consequences', 'decision_owner'] as const;
type Field = (typeof FIELDS)[number];
type Draft = Pick<Question, Field>;

const draftOf = (q: Question): Draft => ({
  status: q.status,
  options: [...q.options],
  decision: q.decision,
  rationale: q.rationale,
  consequences: q.consequences,
  decision_owner: q.decision_owner,
});

const clean = (d: Draft): Draft => ({ ...d, options: d.options.map((o) => o.trim()).filter(Boolean) });
const same = (a: Draft[Field], b: Draft[Field]) => JSON.stringify(a) === JSON.stringify(b);
/** The fields where `draft` differs from what `base` holds. */
const changedFields = (draft: Draft, base: Question): Field[] => {
  const from = draftOf(base);
  const to = clean(draft);
  return FIELDS.filter((f) => !same(to[f], from[f]));
};

/**
 * Handles one principle question: status, options, decision, rationale, consequences, decision owner.
 * Saves only the fields the analyst changed, with the version read. When someone else saved in between
 * (409), the form keeps the analyst's edits, takes the other person's changes to the other fields, and
 * shows both values side by side with a choice: save mine over theirs, or take theirs.
 *
 * @fires ehds-question-saved - `detail.question`: the question as stored after a save; bubbles and is composed.
 * @fires ehds-question-conflicted - `detail.question`: the question as stored now, after a stale save; bubbles and is composed.
 */
@customElement('ehds-question-editor')
export class EhdsQuestionEditor extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      form { display: grid; gap: 1rem; }
      .field { margin: 0; }
      fieldset.status { border: 0; padding: 0; margin: 0; }
      fieldset.status legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
      .radios { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; }
      .radios label { font-weight: 400; display: flex; align-items: center; gap: 0.4rem; margin: 0; }
      input[type='text'] { width: 100%; }
      .actions { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
      .dirty { color: #6b4500; font-weight: 600; }
      .conflict { border-left: 4px solid #8a5a00; background: var(--ehds-warning-bg); padding: 0.75rem 1rem; }
      .conflict:focus { outline: 3px solid var(--ehds-focus); outline-offset: 2px; }
      .conflict h3 { margin-top: 0; }
      .conflict table { background: var(--ehds-bg); margin: 0.5rem 0 0.75rem; }
      .conflict td { white-space: pre-wrap; }
      .conflict .buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    `,
  ];

  /** The question as read from the server; the editor starts from it. */
  @property({ attribute: false }) question?: Question;

  @state() private base?: Question;
  @state() private draft?: Draft;
  /** The question as the server holds it now, after a 409. */
  @state() private conflict?: Question;
  @state() private conflictFields: Field[] = [];
  @state() private errors: FieldError[] = [];
  @state() private message = '';
  @state() private notice = '';
  @state() private saving = false;
  @query('ehds-form-alert') private alertBox?: EhdsFormAlert;

  protected readonly i18n = new LangController(this);

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('question') && this.question && (!this.base || this.base.ref !== this.question.ref)) {
      this.base = this.question;
      this.draft = draftOf(this.question);
    }
  }

  private label(field: Field) {
    return field === 'status'
      ? t('question.status')
      : field === 'options'
        ? t('options.legend')
        : field === 'decision_owner'
          ? t('question.owner')
          : t(`question.${field}`);
  }

  private set<F extends Field>(field: F, value: Draft[F]) {
    if (!this.draft) return;
    this.draft = { ...this.draft, [field]: value };
    this.notice = '';
    if (this.errors.some((e) => e.field === field)) this.errors = this.errors.filter((e) => e.field !== field);
  }

  private async fail(errors: FieldError[], message = '') {
    this.errors = errors;
    this.message = message;
    await this.updateComplete;
    this.alertBox?.focus();
  }

  private async save(e?: Event) {
    e?.preventDefault();
    const { base, draft } = this;
    if (!base || !draft || this.saving) return;
    const decided = t('question_status.decided');
    if (draft.status === 'decided' && draft.decision.trim() === '') {
      await this.fail([
        { field: 'decision', label: t('question.decision'), message: t('question.decisionRequired', { decided }) },
      ]);
      return;
    }
    const fields = changedFields(draft, base);
    if (fields.length === 0) {
      this.notice = t('question.noChanges');
      return;
    }
    const cleaned = clean(draft);
    const patch = Object.fromEntries(fields.map((f) => [f, cleaned[f]])) as Partial<Draft>;
    this.saving = true;
    this.errors = [];
    this.message = '';
    try {
      const saved = await ok(
        api.questions[':ref'].$patch({ param: { ref: base.ref }, json: { version: base.version, ...patch } }),
      );
      this.base = saved;
      this.draft = draftOf(saved);
      this.conflict = undefined;
      this.notice = t('question.saved', { version: saved.version });
      this.dispatchEvent(
        new CustomEvent('ehds-question-saved', { detail: { question: saved }, bubbles: true, composed: true }),
      );
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 409 && err.body?.error?.current) {
        await this.showConflict(err.body.error.current as Question, fields);
      } else {
        const labels = Object.fromEntries(FIELDS.map((f) => [f, this.label(f)]));
        const { message, errors } = errorsFromServer(err, labels);
        await this.fail(errors, message);
      }
    } finally {
      this.saving = false;
    }
  }

  /** Keeps the fields the analyst changed, takes the rest from what is stored now. */
  private async showConflict(current: Question, mine: Field[]) {
    const draft = this.draft!;
    const merged = draftOf(current);
    for (const f of mine) (merged as Record<Field, unknown>)[f] = draft[f];
    this.draft = merged;
    this.conflict = current;
    this.dispatchEvent(
      new CustomEvent('ehds-question-conflicted', { detail: { question: current }, bubbles: true, composed: true }),
    );
    this.conflictFields = mine.filter((f) => !same(clean(merged)[f], draftOf(current)[f]));
    await this.updateComplete;
    (this.renderRoot.querySelector('.conflict') as HTMLElement | null)?.focus();
  }

  private keepMine() {
    if (!this.conflict) return;
    this.base = this.conflict;
    this.conflict = undefined;
    void this.save();
  }

  private takeTheirs() {
    if (!this.conflict) return;
    this.base = this.conflict;
    this.draft = draftOf(this.conflict);
    this.conflict = undefined;
    this.notice = '';
  }

  private show(field: Field, d: Draft): string {
    const v = d[field];
    if (field === 'status') return t(`question_status.${v as string}`);
    if (Array.isArray(v)) return v.length ? v.map((o, i) => `${i + 1}. ${o}`).join('\n') : t('conflict.empty');
    return (v as string) || t('conflict.empty');
  }

  render() {
    const { draft, base } = this;
    if (!draft || !base) return nothing;
    const dirty = changedFields(draft, base).length > 0;
    const decided = t('question_status.decided');
    const err = (f: Field) => this.errors.find((e) => e.field === f);
    const textarea = (f: 'decision' | 'rationale' | 'consequences', hint = '') => html`<div class="field">
      <label for=${f}>${this.label(f)}</label>
      <textarea id=${f} .value=${draft[f]} aria-invalid=${err(f) ? 'true' : 'false'}
        aria-describedby=${[err(f) ? `${f}-error` : '', hint ? `${f}-hint` : ''].filter(Boolean).join(' ') || nothing}
        @input=${(e: Event) => this.set(f, (e.target as HTMLTextAreaElement).value)}></textarea>
      ${hint ? html`<div class="hint" id="${f}-hint">${hint}</div>` : nothing}
      ${err(f) ? html`<div class="field-error" id="${f}-error">${err(f)!.message}</div>` : nothing}
    </div>`;
    return html`
      ${this.conflict ? this.renderConflict(this.conflict) : nothing}
      <form novalidate @submit=${this.save} @ehds-field-focus-requested=${(e: CustomEvent<{ field: string }>) =>
        (this.renderRoot.querySelector(`#${e.detail.field}`) as HTMLElement | null)?.focus()}>
        <ehds-form-alert .errors=${this.errors} message=${this.message}></ehds-form-alert>
        <fieldset class="status">
          <legend>${t('question.status')}</legend>
          <div class="radios">
            ${STATUSES.map(
              (s, i) => html`<label>
                <input type="radio" name="status" id=${i === 0 ? 'status' : `status-${s}`} value=${s} .checked=${draft.status === s}
                  @change=${() => this.set('status', s)} />
                ${t(`question_status.${s}`)}
              </label>`,
            )}
          </div>
        </fieldset>
        <ehds-options-editor id="options" .value=${draft.options}
          @ehds-options-changed=${(e: CustomEvent<{ value: string[] }>) => this.set('options', e.detail.value)}></ehds-options-editor>
        ${textarea('decision', t('question.decisionHint', { decided }))}
        ${textarea('rationale')}
        ${textarea('consequences')}
        <div class="field">
          <label for="decision_owner">${t('question.owner')}</label>
          <input id="decision_owner" type="text" .value=${draft.decision_owner} aria-describedby="owner-hint"
            @input=${(e: Event) => this.set('decision_owner', (e.target as HTMLInputElement).value)} />
          <div class="hint" id="owner-hint">${t('question.ownerHint')}</div>
        </div>
        <div class="actions">
          <button type="submit" ?disabled=${this.saving}>${this.saving ? t('qform.saving') : t('question.save')}</button>
          <span role="status">
            ${this.notice ? html`<span>${this.notice}</span>` : dirty ? html`<span class="dirty">${t('question.unsaved')}</span>` : nothing}
          </span>
        </div>
      </form>
    `;
  }

  private renderConflict(current: Question) {
    const draft = this.draft!;
    const theirs = draftOf(current);
    return html`<section class="conflict" role="alert" tabindex="-1" aria-labelledby="conflict-heading">
      <h3 id="conflict-heading">${t('conflict.heading')}</h3>
      <p>${t('conflict.text', { version: current.version })}</p>
      ${
        this.conflictFields.length
          ? html`<table>
              <caption class="visually-hidden">${t('conflict.caption')}</caption>
              <thead><tr><th scope="col">${t('conflict.field')}</th><th scope="col">${t('conflict.theirs')}</th><th scope="col">${t('conflict.mine')}</th></tr></thead>
              <tbody>
                ${this.conflictFields.map(
                  (f) =>
                    html`<tr><th scope="row">${this.label(f)}</th><td>${this.show(f, theirs)}</td><td>${this.show(f, draft)}</td></tr>`,
                )}
              </tbody>
            </table>`
          : nothing
      }
      <div class="buttons">
        <button type="button" @click=${this.keepMine}>${t('conflict.keepMine', { version: current.version })}</button>
        <button type="button" class="secondary" @click=${this.takeTheirs}>${t('conflict.takeTheirs')}</button>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-question-editor': EhdsQuestionEditor;
  }
}
