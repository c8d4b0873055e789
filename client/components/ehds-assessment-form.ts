import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import {
  COVERAGE,
  type Coverage,
  GAP_DIMENSIONS,
  type GapDimension,
  WORK_STATUS,
  type WorkStatus,
} from '../../schema/types.ts';
import { ApiRequestError, api, ok } from '../api.ts';
import { formatDateTime, LangController, register, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';
import { describeError } from './ehds-async-state.ts';
import './ehds-conflict-resolver.ts';
import type { ConflictField, EhdsConflictResolver } from './ehds-conflict-resolver.ts';

register({
  nb: {
    'assessment.coverage': 'Dekningsgrad',
    'assessment.work_status': 'Arbeidsstatus',
    'assessment.gap_dimensions': 'Gapdimensjoner',
    'assessment.gapHint': 'Hvilke sider av gapet som må lukkes',
    'assessment.situation': 'Dagens situasjon',
    'assessment.situationHint': 'Hva finnes i Norge i dag? Oppgi kilde.',
    'assessment.gap': 'Gap',
    'assessment.gapText': 'Hva mangler for å oppfylle kravet?',
    'assessment.justification': 'Begrunnelse',
    'assessment.justificationHint': 'Påkrevd når dekningsgraden er «Ikke relevant».',
    'assessment.required': '(påkrevd)',
    'assessment.responsible_organisation_id': 'Ansvarlig organisasjon',
    'assessment.noOrganisation': '– Ingen valgt –',
    'assessment.source': 'Kilde for vurderingen',
    'assessment.sourceHint': 'Dokument eller møte vurderingen bygger på',
    'assessment.save': 'Lagre vurdering',
    'assessment.saving': 'Lagrer …',
    'assessment.discard': 'Forkast endringer',
    'assessment.dirty': 'Ulagrede endringer',
    'assessment.saved': 'Vurderingen er lagret ({time}). Versjon {version}.',
    'assessment.unchanged': 'Ingen endringer å lagre.',
    'assessment.meta': 'Sist endret av {who} {when} · versjon {version}',
    'assessment.errorSummary': 'Vurderingen ble ikke lagret. Rett opp dette:',
    'assessment.justificationRequired': 'Skriv en begrunnelse når dekningsgraden er «Ikke relevant».',
    'assessment.failed': 'Vurderingen ble ikke lagret: {message}',
    'assessment.failedKept': 'Endringene dine ligger fortsatt i skjemaet.',
    'assessment.retry': 'Prøv å lagre igjen',
    'assessment.theirsLabel': 'lagret av {who} {when}, versjon {version}',
    'assessment.conflictMoved':
      'Valgene er overført til skjemaet. Lagre når du er klar – du lagrer mot versjon {version}.',
  },
  en: {
    'assessment.coverage': 'Coverage',
    'assessment.work_status': 'Work status',
    'assessment.gap_dimensions': 'Gap dimensions',
    'assessment.gapHint': 'Which sides of the gap must be closed',
    'assessment.situation': 'Current situation',
    'assessment.situationHint': 'What exists in Norway today? Give the source.',
    'assessment.gap': 'Gap',
    'assessment.gapText': 'What is missing to meet the requirement?',
    'assessment.justification': 'Justification',
    'assessment.justificationHint': 'Required when coverage is «Not applicable».',
    'assessment.required': '(required)',
    'assessment.responsible_organisation_id': 'Responsible organisation',
    'assessment.noOrganisation': '– None chosen –',
    'assessment.source': 'Source of the assessment',
    'assessment.sourceHint': 'Document or meeting the assessment rests on',
    'assessment.save': 'Save assessment',
    'assessment.saving': 'Saving …',
    'assessment.discard': 'Discard changes',
    'assessment.dirty': 'Unsaved changes',
    'assessment.saved': 'The assessment is saved ({time}). Version {version}.',
    'assessment.unchanged': 'No changes to save.',
    'assessment.meta': 'Last changed by {who} {when} · version {version}',
    'assessment.errorSummary': 'The assessment was not saved. Please correct this:',
    'assessment.justificationRequired': 'Write a justification when coverage is «Not applicable».',
    'assessment.failed': 'The assessment was not saved: {message}',
    'assessment.failedKept': 'Your edits are still in the form.',
    'assessment.retry': 'Try saving again',
    'assessment.theirsLabel': 'saved by {who} {when}, version {version}',
    'assessment.conflictMoved': 'Your choices are in the form. Save when ready – you save against version {version}.',
  },
});

async function putAssessment(ref: string, version: number, draft: AssessmentDraft, source: string | null) {
  return ok(api.requirements[':ref'].assessment.$put({ param: { ref }, json: { version, ...draft, source } }));
}

/** The assessment as the server returns it. */
export type Assessment = Awaited<ReturnType<typeof putAssessment>>;

/** What the analyst edits. */
export interface AssessmentDraft {
  coverage: Coverage;
  work_status: WorkStatus;
  gap_dimensions: GapDimension[];
  situation: string;
  gap: string;
  justification: string;
  responsible_organisation_id: number | null;
  source: string;
  [key: string]: unknown;
}

export interface OrganisationOption {
  id: number;
  name: string;
  short_name: string | null;
}

type FieldKey = keyof AssessmentDraft & string;
const FIELD_ORDER: FieldKey[] = [
  'coverage',
  'work_status',
  'gap_dimensions',
  'situation',
  'gap',
  'justification',
  'responsible_organisation_id',
  'source',
];

export function draftOf(a: Assessment): AssessmentDraft {
  return {
    coverage: a.coverage,
    work_status: a.work_status,
    gap_dimensions: GAP_DIMENSIONS.filter((d) => a.gap_dimensions.includes(d)),
    situation: a.situation,
    gap: a.gap,
    justification: a.justification,
    responsible_organisation_id: a.responsible_organisation_id,
    source: a.source ?? '',
  };
}

const sameDraft = (a: AssessmentDraft, b: AssessmentDraft) =>
  FIELD_ORDER.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));

/** Client-side rules, the same as the server's: a «not applicable» needs a justification. */
export function validateDraft(draft: AssessmentDraft): Partial<Record<FieldKey, string>> {
  const errors: Partial<Record<FieldKey, string>> = {};
  if (draft.coverage === 'not_applicable' && draft.justification.trim() === '') {
    errors.justification = 'assessment.justificationRequired';
  }
  return errors;
}

/**
 * The assessment of one requirement: coverage, work status, gap dimensions, today's situation, gap,
 * justification, responsible organisation and source. Saves with the version it read. Errors are
 * shown inline (tied by aria-describedby) and in a summary announced as an alert. On 409 it shows
 * the other person's version beside the user's edits (`ehds-conflict-resolver`); on a failed request
 * the edits stay in the form. Nothing the user typed is dropped without their choice.
 *
 * @fires ehds-assessment-saved - detail `{ assessment }` after a successful save.
 * @fires ehds-assessment-conflicted - detail `{ current }`: the server answered 409 with someone else's version.
 * @csspart form - the form element.
 */
@customElement('ehds-assessment-form')
export class EhdsAssessmentForm extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      fieldset { border: 0; padding: 0; margin: 0 0 1rem; min-width: 0; }
      legend { font-weight: 600; padding: 0; margin-bottom: 0.3rem; }
      .choices { display: flex; flex-wrap: wrap; gap: 0.35rem 1.1rem; }
      .choice { display: inline-flex; align-items: center; gap: 0.45rem; font-weight: 400; margin: 0; padding: 0.15rem 0; }
      .choice input { width: 1.1rem; height: 1.1rem; margin: 0; }
      .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0 1.25rem; }
      select, input[type='text'] { width: 100%; }
      .hint { display: block; margin: -0.1rem 0 0.3rem; }
      .req { font-weight: 400; color: var(--ehds-danger); margin-left: 0.3rem; }
      .summary { border-left: 4px solid var(--ehds-danger); background: var(--ehds-danger-bg); padding: 0.75rem 1rem; margin-bottom: 1rem; }
      .summary:focus { outline: 3px solid var(--ehds-focus); outline-offset: 2px; }
      .summary ul { margin: 0.35rem 0 0; padding-left: 1.2rem; }
      .summary a { color: var(--ehds-danger); font-weight: 600; }
      .actions { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; margin-top: 0.5rem; }
      .dirty { color: #8a4b00; font-weight: 600; font-size: 0.92rem; display: inline-flex; align-items: center; gap: 0.35rem; }
      .dirty::before { content: ''; width: 0.55rem; height: 0.55rem; border-radius: 50%; background: #b54708; }
      .meta { font-size: 0.88rem; color: var(--ehds-text-muted); margin-top: 0.75rem; }
      ehds-conflict-resolver { margin-bottom: 1rem; }
      .field-error::before { content: '⚠ '; }
    `,
  ];

  /** The requirement's ref, e.g. `A2-05`. */
  @property() ref = '';
  /** The assessment as read from the server. */
  @property({ attribute: false }) assessment?: Assessment;
  @property({ attribute: false }) organisations: OrganisationOption[] = [];

  /** The last version known from the server: the one a save is sent against. */
  @state() private saved?: Assessment;
  @state() private draft?: AssessmentDraft;
  @state() private errors: Partial<Record<FieldKey, string>> = {};
  @state() private showSummary = false;
  @state() private failure = '';
  @state() private statusText = '';
  @state() private saving = false;
  @state() private theirs?: Assessment;

  @query('.summary') private summaryEl?: HTMLElement;
  @query('ehds-conflict-resolver') private resolver?: EhdsConflictResolver;

  protected readonly i18n = new LangController(this);

  /** True when the form holds edits that are not saved. */
  get dirty(): boolean {
    return !!this.draft && !!this.saved && (!!this.theirs || !sameDraft(this.draft, draftOf(this.saved)));
  }

  private readonly onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (this.dirty) e.preventDefault();
  };

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.onBeforeUnload);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.onBeforeUnload);
  }

  willUpdate(changed: PropertyValues<this>) {
    const otherRequirement = changed.has('ref') && changed.get('ref') !== undefined;
    if (otherRequirement) {
      this.saved = undefined;
      this.theirs = undefined;
      this.failure = '';
      this.statusText = '';
    }
    // A fresh read from the page replaces the form only when it holds no edits of the user's; with
    // edits, the next save meets the newer version as a 409 and the user chooses.
    if (changed.has('assessment') && this.assessment && (!this.saved || !this.dirty)) {
      this.saved = this.assessment;
      this.draft = draftOf(this.assessment);
      this.errors = {};
      this.showSummary = false;
    }
  }

  private set<K extends FieldKey>(key: K, value: AssessmentDraft[K]) {
    if (!this.draft) return;
    this.draft = { ...this.draft, [key]: value };
    this.statusText = '';
    if (this.showSummary) this.errors = validateDraft(this.draft);
  }

  private toggleGap(dim: GapDimension, on: boolean) {
    if (!this.draft) return;
    const dims = on ? [...this.draft.gap_dimensions, dim] : this.draft.gap_dimensions.filter((d) => d !== dim);
    this.set(
      'gap_dimensions',
      GAP_DIMENSIONS.filter((d) => dims.includes(d)),
    );
  }

  private discard() {
    if (!this.saved) return;
    this.draft = draftOf(this.saved);
    this.errors = {};
    this.showSummary = false;
    this.failure = '';
    this.statusText = '';
  }

  private async onSubmit(e?: Event) {
    e?.preventDefault();
    await this.save();
  }

  /** Saves the draft against the version in `saved`. */
  async save() {
    if (!this.draft || !this.saved || this.saving) return;
    this.errors = validateDraft(this.draft);
    this.failure = '';
    this.statusText = '';
    if (Object.keys(this.errors).length > 0) {
      this.showSummary = true;
      await this.updateComplete;
      this.summaryEl?.focus();
      return;
    }
    this.showSummary = false;
    if (sameDraft(this.draft, draftOf(this.saved))) {
      this.statusText = t('assessment.unchanged');
      return;
    }
    this.saving = true;
    const draft = this.draft;
    // An empty source field keeps «no source» rather than writing an empty string over null.
    const source = draft.source === '' && this.saved.source === null ? null : draft.source;
    try {
      const result = await putAssessment(this.ref, this.saved.version, draft, source);
      this.saved = result;
      this.draft = draftOf(result);
      this.statusText = t('assessment.saved', { time: formatDateTime(result.updated_at), version: result.version });
      this.dispatchEvent(
        new CustomEvent('ehds-assessment-saved', { detail: { assessment: result }, bubbles: true, composed: true }),
      );
    } catch (error) {
      this.onSaveError(error);
    } finally {
      this.saving = false;
    }
  }

  private async onSaveError(error: unknown) {
    if (error instanceof ApiRequestError && error.status === 409 && error.body?.error?.current) {
      this.theirs = error.body.error.current as Assessment;
      this.dispatchEvent(
        new CustomEvent('ehds-assessment-conflicted', {
          detail: { current: this.theirs },
          bubbles: true,
          composed: true,
        }),
      );
      await this.updateComplete;
      this.resolver?.focusHeading();
      return;
    }
    if (error instanceof ApiRequestError && error.status === 400 && error.body?.error?.issues?.length) {
      const errors: Partial<Record<FieldKey, string>> = {};
      for (const issue of error.body.error.issues) {
        const key = issue.field as FieldKey;
        errors[FIELD_ORDER.includes(key) ? key : 'coverage'] = issue.message;
      }
      this.errors = errors;
      this.showSummary = true;
      await this.updateComplete;
      this.summaryEl?.focus();
      return;
    }
    this.failure = t('assessment.failed', { message: describeError(error) });
  }

  private onConflictResolved(e: CustomEvent<{ values: AssessmentDraft; save: boolean }>) {
    if (!this.theirs) return;
    this.saved = this.theirs;
    this.draft = e.detail.values;
    this.theirs = undefined;
    if (e.detail.save) void this.save();
    else this.statusText = t('assessment.conflictMoved', { version: this.saved.version });
  }

  private organisationName(id: unknown) {
    const org = this.organisations.find((o) => o.id === id);
    return org ? org.name : '';
  }

  private conflictFields(): ConflictField[] {
    const label = (k: FieldKey) => t(`assessment.${k}`);
    return FIELD_ORDER.map((key) => {
      const field: ConflictField = { key, label: label(key) };
      if (key === 'coverage') field.format = (v) => t(`coverage.${v}`);
      if (key === 'work_status') field.format = (v) => t(`work_status.${v}`);
      if (key === 'gap_dimensions') field.format = (v) => (v as string[]).map((d) => t(`gap.${d}`)).join(', ');
      if (key === 'responsible_organisation_id') field.format = (v) => this.organisationName(v);
      return field;
    });
  }

  private focusField(key: FieldKey) {
    const el = this.renderRoot.querySelector<HTMLElement>(`[name="${key}"]`);
    el?.focus();
  }

  /** `aria-describedby` for a field: its hint and, when present, its error. */
  private describedBy(key: FieldKey, hint = false) {
    return [hint ? `${key}-hint` : '', this.errors[key] ? `${key}-error` : ''].filter(Boolean).join(' ') || nothing;
  }

  private error(key: FieldKey) {
    const message = this.errors[key];
    return message ? html`<p class="field-error" id="${key}-error">${t(message)}</p>` : nothing;
  }

  private summary() {
    const entries = FIELD_ORDER.filter((k) => this.errors[k]);
    if (!this.showSummary || entries.length === 0) return nothing;
    return html`<div class="summary" role="alert" tabindex="-1">
      <strong>${t('assessment.errorSummary')}</strong>
      <ul>
        ${entries.map(
          (k) =>
            html`<li><a href="#${k}" @click=${(e: Event) => {
              e.preventDefault();
              this.focusField(k);
            }}>${t(`assessment.${k}`)}: ${t(this.errors[k]!)}</a></li>`,
        )}
      </ul>
    </div>`;
  }

  private textarea(key: 'situation' | 'gap' | 'justification', hintKey: string, required = false) {
    const d = this.draft!;
    return html`<div class="field">
      <label for=${key}>${t(`assessment.${key}`)}${required ? html`<span class="req">${t('assessment.required')}</span>` : nothing}</label>
      <span class="hint" id="${key}-hint">${t(hintKey)}</span>
      <textarea id=${key} name=${key} .value=${d[key]} aria-describedby=${this.describedBy(key, true)}
        aria-invalid=${this.errors[key] ? 'true' : 'false'} aria-required=${required ? 'true' : 'false'}
        @input=${(e: Event) => this.set(key, (e.target as HTMLTextAreaElement).value)}></textarea>
      ${this.error(key)}
    </div>`;
  }

  private fields() {
    const d = this.draft!;
    const orgs = [...this.organisations].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    return html`
      <fieldset aria-describedby=${this.describedBy('coverage')}>
        <legend>${t('assessment.coverage')}</legend>
        <div class="choices">
          ${COVERAGE.map(
            (c) => html`<label class="choice">
              <input type="radio" name="coverage" value=${c} .checked=${d.coverage === c} @change=${() => this.set('coverage', c)} />
              <span class="badge ${c}">${t(`coverage.${c}`)}</span>
            </label>`,
          )}
        </div>
        ${this.error('coverage')}
      </fieldset>
      <div class="row">
        <div class="field">
          <label for="work_status">${t('assessment.work_status')}</label>
          <select id="work_status" name="work_status" @change=${(e: Event) => this.set('work_status', (e.target as HTMLSelectElement).value as WorkStatus)}>
            ${WORK_STATUS.map((w) => html`<option value=${w} ?selected=${d.work_status === w}>${t(`work_status.${w}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="responsible_organisation_id">${t('assessment.responsible_organisation_id')}</label>
          <select id="responsible_organisation_id" name="responsible_organisation_id"
            aria-describedby=${this.describedBy('responsible_organisation_id')}
            @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              this.set('responsible_organisation_id', v === '' ? null : Number(v));
            }}>
            <option value="" ?selected=${d.responsible_organisation_id === null}>${t('assessment.noOrganisation')}</option>
            ${orgs.map(
              (o) =>
                html`<option value=${o.id} ?selected=${d.responsible_organisation_id === o.id}>${o.name}${o.short_name ? ` (${o.short_name})` : ''}</option>`,
            )}
          </select>
          ${this.error('responsible_organisation_id')}
        </div>
      </div>
      <fieldset aria-describedby="gap_dimensions-hint">
        <legend>${t('assessment.gap_dimensions')}</legend>
        <span class="hint" id="gap_dimensions-hint">${t('assessment.gapHint')}</span>
        <div class="choices">
          ${GAP_DIMENSIONS.map(
            (g) => html`<label class="choice">
              <input type="checkbox" name="gap_dimensions" value=${g} .checked=${d.gap_dimensions.includes(g)}
                @change=${(e: Event) => this.toggleGap(g, (e.target as HTMLInputElement).checked)} />
              ${t(`gap.${g}`)}
            </label>`,
          )}
        </div>
      </fieldset>
      ${this.textarea('situation', 'assessment.situationHint')}
      ${this.textarea('gap', 'assessment.gapText')}
      ${this.textarea('justification', 'assessment.justificationHint', d.coverage === 'not_applicable')}
      <div class="field">
        <label for="source">${t('assessment.source')}</label>
        <span class="hint" id="source-hint">${t('assessment.sourceHint')}</span>
        <input type="text" id="source" name="source" .value=${d.source} aria-describedby="source-hint"
          @input=${(e: Event) => this.set('source', (e.target as HTMLInputElement).value)} />
      </div>
    `;
  }

  render() {
    if (!this.draft || !this.saved) return nothing;
    const saved = this.saved;
    return html`
      ${this.summary()}
      ${
        this.theirs
          ? html`<ehds-conflict-resolver
              .fields=${this.conflictFields()}
              .mine=${this.draft}
              .theirs=${draftOf(this.theirs)}
              .base=${draftOf(saved)}
              theirsLabel=${t('assessment.theirsLabel', {
                who: this.theirs.updated_by,
                when: formatDateTime(this.theirs.updated_at),
                version: this.theirs.version,
              })}
              @ehds-conflict-resolved=${this.onConflictResolved}
            ></ehds-conflict-resolver>`
          : html`<form part="form" novalidate @submit=${this.onSubmit} aria-busy=${this.saving ? 'true' : 'false'}>
              ${this.fields()}
              ${
                this.failure
                  ? html`<div class="alert" role="alert">
                      <p>${this.failure}</p>
                      <p>${t('assessment.failedKept')}</p>
                      <button type="submit" class="secondary">${t('assessment.retry')}</button>
                    </div>`
                  : nothing
              }
              <div class="actions">
                <button type="submit" ?disabled=${this.saving}>${this.saving ? t('assessment.saving') : t('assessment.save')}</button>
                <button type="button" class="secondary" ?disabled=${!this.dirty || this.saving} @click=${this.discard}>${t('assessment.discard')}</button>
                ${this.dirty ? html`<span class="dirty">${t('assessment.dirty')}</span>` : nothing}
              </div>
            </form>`
      }
      <div role="status">${this.statusText ? html`<p class="notice">${this.statusText}</p>` : nothing}</div>
      <p class="meta">${t('assessment.meta', { who: saved.updated_by, when: formatDateTime(saved.updated_at), version: saved.version })}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-assessment-form': EhdsAssessmentForm;
  }
}
