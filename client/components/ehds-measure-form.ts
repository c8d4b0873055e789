import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { MEASURE_STATUS, type MeasureStatus } from '../../schema/types.ts';
import { ApiRequestError, api, ok } from '../api.ts';
import { LangController } from '../i18n/index.ts';
import { t } from '../i18n/measures.ts';
import { parseDate } from '../pages/measure-values.ts';
import { fetchOrganisations, fetchSolutions, type Measure } from '../pages/measures-data.ts';
import { shared } from '../styles/shared.ts';
import './ehds-async-state.ts';
import './ehds-conflict-resolver.ts';
import type { ConflictField, EhdsConflictResolver } from './ehds-conflict-resolver.ts';
import { type EhdsFormAlert, errorsFromServer, type FieldError } from './ehds-form-alert.ts';
import './ehds-form-alert.ts';
import './ehds-ref-picker.ts';
import { requirementOptions } from './ehds-ref-picker.ts';
import {
  changedFields,
  draftOf,
  emptyDraft,
  FIELDS,
  type Field,
  type MeasureDraft,
  norm,
  validate,
} from './measure-draft.ts';

/**
 * Creates or changes a measure: title, description, owner, planned start and end, status, cost estimate
 * with its price year, source, the requirements it closes (ref picker) and its national solutions. A change
 * sends only the fields changed, with the version read; on 409 both versions are shown field by field and
 * the analyst's edits are kept until they choose.
 *
 * @fires ehds-measure-saved - `detail.measure`, `detail.created`: the measure as stored; bubbles and is composed.
 * @fires ehds-measure-cancelled - the analyst pressed «Avbryt» (edit mode only).
 */
@customElement('ehds-measure-form')
export class EhdsMeasureForm extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      form { display: grid; gap: 0.9rem; }
      .field { margin: 0; }
      input[type='text'] { width: 100%; }
      .row { display: flex; flex-wrap: wrap; gap: 0.9rem 1.5rem; }
      .row .field { min-width: 11rem; }
      fieldset.solutions { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.5rem 0.75rem 0.75rem; margin: 0; }
      fieldset.solutions legend { font-weight: 600; padding: 0 0.25rem; }
      .check { display: flex; gap: 0.5rem; align-items: flex-start; font-weight: 400; margin: 0.15rem 0; }
      .check input { margin-top: 0.3rem; }
      .check .muted { font-size: 0.88rem; }
      .actions { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
      .dirty { color: #6b4500; font-weight: 600; }
      .req { color: var(--ehds-text-muted); font-weight: 400; font-size: 0.9rem; }
    `,
  ];

  /** The measure to change; without it the form creates a new one. */
  @property({ attribute: false }) measure?: Measure;
  /** Requirements chosen up front (new measure from a requirement). */
  @property({ attribute: false }) initialRequirements: string[] = [];

  /** The stored measure the next save goes against (its id and version). */
  @state() private current?: Measure;
  @state() private base?: MeasureDraft;
  @state() private draft: MeasureDraft = emptyDraft();
  @state() private conflict?: Measure;
  @state() private conflictBase?: MeasureDraft;
  @state() private errors: FieldError[] = [];
  @state() private message = '';
  @state() private notice = '';
  @state() private saving = false;
  @query('ehds-form-alert') private alertBox?: EhdsFormAlert;
  @query('ehds-conflict-resolver') private resolver?: EhdsConflictResolver;

  protected readonly i18n = new LangController(this);

  private readonly options = new Task(this, {
    task: async (_args, { signal }) => {
      const [organisations, solutions, requirements] = await Promise.all([
        fetchOrganisations(signal),
        fetchSolutions(signal),
        requirementOptions(signal),
      ]);
      return { organisations: organisations.items, solutions: solutions.items, requirements };
    },
    args: () => [],
  });

  /** Unsaved edits. */
  get dirty() {
    return (
      changedFields(this.draft, this.base ?? { ...emptyDraft(), requirements: this.initialRequirements }).length > 0
    );
  }

  private linkNote = new Map<string, string>();

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('initialRequirements') && !this.measure && this.draft.requirements.length === 0)
      this.draft = { ...this.draft, requirements: [...this.initialRequirements] };
    if (!changed.has('measure') || !this.measure) return;
    const m = this.measure;
    if (this.current && this.current.id === m.id && this.current.version >= m.version) return;
    for (const r of m.requirements) this.linkNote.set(r.ref, r.link_note);
    const fresh = draftOf(m);
    // A newer version from this page (score saved): keep what the analyst typed, save against it.
    if (!this.base || this.current?.id !== m.id || !this.dirty) this.draft = fresh;
    this.base = fresh;
    this.current = m;
  }

  private label(field: Field) {
    const key: Partial<Record<Field, string>> = { owner_organisation_id: 'owner', solution_ids: 'solutions' };
    return t(`mform.${key[field] ?? field}`);
  }

  private set<F extends Field>(field: F, value: MeasureDraft[F]) {
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

  /** The draft's fields in the API's shape. */
  private body(fields: Field[]) {
    const d = norm(this.draft);
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (f === 'planned_start' || f === 'planned_end') out[f] = parseDate(d[f]) ?? null;
      else if (f === 'cost_estimate_nok' || f === 'cost_estimate_year') out[f] = d[f] === '' ? null : Number(d[f]);
      else if (f === 'requirements')
        out[f] = d.requirements.map((ref) => ({ ref, link_note: this.linkNote.get(ref) ?? '' }));
      else out[f] = d[f];
    }
    return out;
  }

  private async save(e?: Event) {
    e?.preventDefault();
    if (this.saving) return;
    const invalid = validate(this.draft);
    if (invalid.length) {
      await this.fail(invalid.map((i) => ({ ...i, label: this.label(i.field) })));
      return;
    }
    const base = this.current;
    const fields = base && this.base ? changedFields(this.draft, this.base) : FIELDS;
    if (base && fields.length === 0) {
      this.notice = t('mform.noChanges');
      return;
    }
    this.saving = true;
    this.errors = [];
    this.message = '';
    try {
      const body = this.body(fields);
      const saved = base
        ? await ok(
            api.measures[':id'].$patch({
              param: { id: String(base.id) },
              json: { version: base.version, ...body } as Parameters<(typeof api.measures)[':id']['$patch']>[0]['json'],
            }),
          )
        : await ok(api.measures.$post({ json: body as Parameters<typeof api.measures.$post>[0]['json'] }));
      this.conflict = undefined;
      if (base) this.current = saved;
      this.base = draftOf(saved);
      this.draft = draftOf(saved);
      this.notice = t('mform.saved', { version: saved.version });
      this.dispatchEvent(
        new CustomEvent('ehds-measure-saved', {
          detail: { measure: saved, created: !base },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (err) {
      if (base && err instanceof ApiRequestError && err.status === 409 && err.body?.error?.current) {
        this.conflict = err.body.error.current as Measure;
        this.conflictBase = this.base;
        await this.updateComplete;
        this.resolver?.focusHeading();
      } else {
        const labels = Object.fromEntries(FIELDS.map((f) => [f, this.label(f)]));
        const { message, errors } = errorsFromServer(err, labels);
        await this.fail(errors, message);
      }
    } finally {
      this.saving = false;
    }
  }

  private onResolved(e: CustomEvent<{ values: Record<string, unknown>; save: boolean }>) {
    const current = this.conflict;
    if (!current) return;
    this.current = current;
    for (const r of current.requirements) this.linkNote.set(r.ref, r.link_note);
    this.base = draftOf(current);
    this.draft = e.detail.values as unknown as MeasureDraft;
    this.conflict = undefined;
    this.conflictBase = undefined;
    if (e.detail.save) void this.save();
  }

  private conflictFields(): ConflictField[] {
    const value = this.options.value;
    const org = (v: unknown) => value?.organisations.find((o) => o.id === v)?.name ?? (v === null ? '' : String(v));
    const solution = (v: unknown) =>
      (v as number[]).map((id) => value?.solutions.find((s) => s.id === id)?.name ?? String(id)).join(', ');
    return FIELDS.map((f) => ({
      key: f,
      label: this.label(f),
      format:
        f === 'status'
          ? (v: unknown) => t(`measure_status.${v}`)
          : f === 'owner_organisation_id'
            ? org
            : f === 'solution_ids'
              ? solution
              : undefined,
    }));
  }

  private input(
    field: 'title' | 'source' | 'planned_start' | 'planned_end' | 'cost_estimate_nok' | 'cost_estimate_year',
    type: string,
    hint = '',
    required = false,
  ) {
    const error = this.errors.find((e) => e.field === field);
    const describedBy = [error ? `${field}-error` : '', hint ? `${field}-hint` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${field}>${this.label(field)}${required ? html` <span class="req">${t('form.requiredMark')}</span>` : nothing}</label>
      <input id=${field} name=${field} type=${type} .value=${this.draft[field]} ?required=${required}
        inputmode=${type === 'text' && field.startsWith('cost') ? 'numeric' : nothing}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy || nothing}
        @input=${(e: Event) => this.set(field, (e.target as HTMLInputElement).value)} />
      ${hint ? html`<div class="hint" id="${field}-hint">${hint}</div>` : nothing}
      ${error ? html`<div class="field-error" id="${field}-error">${error.message}</div>` : nothing}
    </div>`;
  }

  private toggleSolution(id: number, checked: boolean) {
    const chosen = new Set(this.draft.solution_ids);
    if (checked) chosen.add(id);
    else chosen.delete(id);
    this.set(
      'solution_ids',
      [...chosen].sort((a, b) => a - b),
    );
  }

  render() {
    const d = this.draft;
    const options = this.options.value;
    const editing = !!this.current;
    return html`
      ${
        this.conflict
          ? html`<ehds-conflict-resolver .fields=${this.conflictFields()} .mine=${norm(d)} .theirs=${norm(draftOf(this.conflict))}
              .base=${this.conflictBase ? norm(this.conflictBase) : undefined}
              theirsLabel=${t('score.conflictLabel', { version: this.conflict.version })}
              @ehds-conflict-resolved=${this.onResolved}></ehds-conflict-resolver>`
          : nothing
      }
      <form novalidate @submit=${this.save} @ehds-field-focus-requested=${(e: CustomEvent<{ field: string }>) =>
        (this.renderRoot.querySelector(`#${e.detail.field}`) as HTMLElement | null)?.focus()}>
        <ehds-form-alert .errors=${this.errors} message=${this.message}></ehds-form-alert>
        ${this.input('title', 'text', '', true)}
        <div class="field">
          <label for="description">${this.label('description')}</label>
          <textarea id="description" .value=${d.description}
            @input=${(e: Event) => this.set('description', (e.target as HTMLTextAreaElement).value)}></textarea>
        </div>
        <div class="row">
          <div class="field">
            <label for="status">${this.label('status')}</label>
            <select id="status" @change=${(e: Event) => this.set('status', (e.target as HTMLSelectElement).value as MeasureStatus)}>
              ${MEASURE_STATUS.map((s) => html`<option value=${s} ?selected=${d.status === s}>${t(`measure_status.${s}`)}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="owner_organisation_id">${this.label('owner_organisation_id')}</label>
            <select id="owner_organisation_id" @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              this.set('owner_organisation_id', v === '' ? null : Number(v));
            }}>
              <option value="" ?selected=${d.owner_organisation_id === null}>${t('mform.ownerNone')}</option>
              ${(options?.organisations ?? []).map(
                (o) => html`<option value=${o.id} ?selected=${d.owner_organisation_id === o.id}>${o.name}</option>`,
              )}
            </select>
          </div>
        </div>
        <div class="row">
          ${this.input('planned_start', 'text', t('mform.dateHint'))}
          ${this.input('planned_end', 'text', `${t('mform.dateHint')}. ${t('mform.planned_endHint')}`)}
        </div>
        <div class="row">
          ${this.input('cost_estimate_nok', 'text', t('mform.costHint'))}
          ${this.input('cost_estimate_year', 'text')}
        </div>
        ${this.input('source', 'text')}
        ${
          options
            ? html`<ehds-ref-picker id="requirements" legend=${this.label('requirements')} .options=${options.requirements}
                  .value=${d.requirements}
                  @ehds-refs-changed=${(e: CustomEvent<{ value: string[] }>) => this.set('requirements', e.detail.value)}></ehds-ref-picker>
                <fieldset class="solutions" id="solution_ids">
                  <legend>${this.label('solution_ids')}</legend>
                  ${options.solutions.map(
                    (s) => html`<label class="check">
                      <input type="checkbox" .checked=${d.solution_ids.includes(s.id)}
                        @change=${(e: Event) => this.toggleSolution(s.id, (e.target as HTMLInputElement).checked)} />
                      <span>${s.name} <span class="muted">· ${t(`solutions.kind.${s.kind}`)}</span></span>
                    </label>`,
                  )}
                </fieldset>`
            : this.options.render({
                pending: () => html`<ehds-async-state status="loading"></ehds-async-state>`,
                error: (err) =>
                  html`<ehds-async-state status="error" .error=${err} @ehds-retry-requested=${() => this.options.run()}></ehds-async-state>`,
              })
        }
        <div class="actions">
          <button type="submit" ?disabled=${this.saving}>
            ${this.saving ? t('mform.saving') : editing ? t('mform.save') : t('mform.create')}
          </button>
          ${
            editing
              ? html`<button type="button" class="secondary" @click=${() =>
                  this.dispatchEvent(
                    new CustomEvent('ehds-measure-cancelled', { bubbles: true, composed: true }),
                  )}>${t('mform.cancel')}</button>`
              : nothing
          }
          <span role="status">
            ${this.notice ? html`<span>${this.notice}</span>` : this.dirty ? html`<span class="dirty">${t('mform.unsaved')}</span>` : nothing}
          </span>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-measure-form': EhdsMeasureForm;
  }
}
