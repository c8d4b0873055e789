import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import {
  CURRENT_FORMULA,
  LEAVES,
  type Leaf,
  type LeafNotes,
  type LeafValues,
  MAX_LEAF,
  MIN_LEAF,
  scoreMeasure,
} from '../../server/queries/scoring.ts';
import { ApiRequestError, api, ok } from '../api.ts';
import { LangController } from '../i18n/index.ts';
import { formatScore, leafLabel, t } from '../i18n/measures.ts';
import { parseLeaf } from '../pages/measure-values.ts';
import type { Measure } from '../pages/measures-data.ts';
import { shared } from '../styles/shared.ts';
import './ehds-conflict-resolver.ts';
import type { ConflictField, EhdsConflictResolver } from './ehds-conflict-resolver.ts';
import { type EhdsFormAlert, errorsFromServer, type FieldError } from './ehds-form-alert.ts';
import './ehds-form-alert.ts';
import { MODEL_LAYOUT } from './ehds-score-breakdown.ts';
import { draftOf, flat, fromFlat, leavesOf, type ScoreDraft, sameDraft } from './score-draft.ts';

/**
 * The scoring form of one measure: the eleven questions 0–10 grouped as the sector's model (Måloppnåelse;
 * Kostnader, «10 lite kompleks – 0 ekstremt komplekst»; Nytte with Pasient, Helsepersonell and sentral
 * infrastruktur), a note per answer, and M, K, N and the score computed as you type with the server's own
 * pure function. Missing answers are named. Saves with PUT `/api/measures/{id}/score` and the version read;
 * on 409 the other person's answers and the analyst's are shown side by side and nothing is lost.
 *
 * @fires ehds-score-saved - `detail.measure`: the measure as stored after the save; bubbles and is composed.
 * @fires ehds-score-conflicted - `detail.measure`: the measure as stored now, after a stale save.
 */
@customElement('ehds-score-form')
export class EhdsScoreForm extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .layout { display: grid; grid-template-columns: minmax(0, 1fr) 16rem; gap: 1.25rem; align-items: start; }
      @media (max-width: 60rem) { .layout { grid-template-columns: 1fr; } }
      fieldset { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.5rem 0.9rem 0.75rem; margin: 0 0 0.9rem; min-width: 0; }
      fieldset fieldset { border-style: dashed; margin: 0.5rem 0 0.25rem; }
      legend { font-weight: 700; padding: 0 0.3rem; }
      .scale, .formula { font-weight: 400; color: var(--ehds-text-muted); font-size: 0.88rem; }
      .agg-inline { font-weight: 700; color: var(--ehds-primary); margin-left: 0.35rem; font-variant-numeric: tabular-nums; }
      .leaf { display: grid; grid-template-columns: minmax(0, 1fr) 5.5rem minmax(8rem, 14rem); gap: 0.35rem 0.75rem; align-items: start; padding: 0.4rem 0; border-bottom: 1px solid #e6eaee; }
      .leaf:last-of-type { border-bottom: 0; }
      .leaf label { font-weight: 400; margin: 0; padding-top: 0.35rem; }
      .leaf input[type='number'] { width: 5.5rem; text-align: right; font-variant-numeric: tabular-nums; }
      .leaf input[type='text'] { width: 100%; }
      .leaf .field-error { grid-column: 1 / -1; margin: 0; }
      .leaf.missing label::after { content: ' •'; color: var(--ehds-danger); }
      .cols { display: grid; grid-template-columns: minmax(0, 1fr) 5.5rem minmax(8rem, 14rem); gap: 0.75rem; font-size: 0.85rem; color: var(--ehds-text-muted); padding: 0 0.9rem; margin-bottom: 0.25rem; }
      aside { position: sticky; top: 1rem; border: 1px solid var(--ehds-border); border-top: 4px solid var(--ehds-primary); border-radius: var(--ehds-radius); padding: 0.75rem 1rem; background: var(--ehds-bg-subtle); }
      aside h3 { margin: 0 0 0.5rem; font-size: 1rem; }
      dl.sum { display: grid; grid-template-columns: 1fr auto; gap: 0.25rem 0.75rem; margin: 0; }
      dl.sum dt { color: var(--ehds-text); }
      dl.sum dt.sub { padding-left: 0.9rem; color: var(--ehds-text-muted); font-size: 0.9rem; }
      dl.sum dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
      dl.sum dd.sub { font-weight: 400; color: var(--ehds-text-muted); font-size: 0.9rem; }
      dl.sum .total { border-top: 2px solid var(--ehds-border); padding-top: 0.35rem; font-size: 1.15rem; font-weight: 700; }
      .state { margin: 0.6rem 0 0; font-size: 0.9rem; }
      .state.unscored { color: var(--ehds-danger); font-weight: 600; }
      .state.complete { color: var(--ehds-success); font-weight: 600; }
      .missing-list { margin: 0.3rem 0 0; padding-left: 1.1rem; font-size: 0.88rem; }
      .actions { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; margin-top: 0.5rem; }
      .dirty { color: #6b4500; font-weight: 600; }
      .warn { border-left: 4px solid #8a5a00; background: var(--ehds-warning-bg); padding: 0.5rem 0.9rem; margin: 0 0 1rem; }
      ehds-conflict-resolver { margin-bottom: 1rem; }
      textarea { min-height: 3.5rem; }
    `,
  ];

  /** The measure as read; the form starts from its answers and saves against its version. */
  @property({ attribute: false }) measure?: Measure;

  @state() private base?: Measure;
  @state() private draft?: ScoreDraft;
  @state() private conflict?: Measure;
  /** The draft as it was when the save that conflicted was sent. */
  @state() private conflictBase?: ScoreDraft;
  @state() private errors: FieldError[] = [];
  @state() private message = '';
  @state() private notice = '';
  @state() private saving = false;
  @query('ehds-form-alert') private alertBox?: EhdsFormAlert;
  @query('ehds-conflict-resolver') private resolver?: EhdsConflictResolver;

  protected readonly i18n = new LangController(this);

  /** Unsaved answers or notes. */
  get dirty() {
    return !!this.base && !!this.draft && !sameDraft(this.draft, draftOf(this.base));
  }

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (!changed.has('measure') || !this.measure) return;
    const m = this.measure;
    if (!this.base || this.base.id !== m.id) {
      this.base = m;
      this.draft = draftOf(m);
    } else if (m.version > this.base.version) {
      // A newer version from this page (fields saved): keep what the analyst typed, save against it.
      const keep = this.dirty;
      this.base = m;
      if (!keep) this.draft = draftOf(m);
    }
  }

  private setValue(leaf: Leaf, text: string) {
    if (!this.draft) return;
    this.draft = { ...this.draft, values: { ...this.draft.values, [leaf]: text } };
    this.notice = '';
    if (parseLeaf(text) !== undefined) this.errors = this.errors.filter((e) => e.field !== `leaf-${leaf}`);
  }

  private setNote(leaf: Leaf, text: string) {
    if (!this.draft) return;
    this.draft = { ...this.draft, notes: { ...this.draft.notes, [leaf]: text } };
    this.notice = '';
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
    const invalid = LEAVES.filter((l) => parseLeaf(draft.values[l]) === undefined);
    if (invalid.length) {
      const errors = invalid.map((l) => ({
        field: `leaf-${l}`,
        label: leafLabel(l),
        message: t('score.invalid'),
      }));
      await this.fail(errors);
      return;
    }
    if (!this.dirty && base.formula_version === CURRENT_FORMULA) {
      this.notice = t('score.noChanges');
      return;
    }
    this.saving = true;
    this.errors = [];
    this.message = '';
    try {
      const saved = await ok(
        api.measures[':id'].score.$put({
          param: { id: String(base.id) },
          json: {
            version: base.version,
            leaves: leavesOf(draft),
            notes: Object.fromEntries(LEAVES.map((l) => [l, draft.notes[l].trim()])) as LeafNotes,
            score_note: draft.score_note.trim(),
          },
        }),
      );
      this.base = saved;
      this.draft = draftOf(saved);
      this.conflict = undefined;
      this.notice = t('score.saved', { version: saved.version });
      this.dispatchEvent(
        new CustomEvent('ehds-score-saved', { detail: { measure: saved }, bubbles: true, composed: true }),
      );
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 409 && err.body?.error?.current) {
        this.conflict = err.body.error.current as Measure;
        this.conflictBase = draftOf(base);
        this.dispatchEvent(
          new CustomEvent('ehds-score-conflicted', {
            detail: { measure: this.conflict },
            bubbles: true,
            composed: true,
          }),
        );
        await this.updateComplete;
        this.resolver?.focusHeading();
      } else {
        const labels: Record<string, string> = { leaves: t('score.heading'), notes: t('score.note') };
        const { message, errors } = errorsFromServer(err, labels);
        await this.fail(errors, message);
      }
    } finally {
      this.saving = false;
    }
  }

  private onResolved(e: CustomEvent<{ values: Record<string, unknown>; save: boolean }>) {
    if (!this.conflict) return;
    this.base = this.conflict;
    this.draft = fromFlat(e.detail.values);
    this.conflict = undefined;
    this.conflictBase = undefined;
    if (e.detail.save) void this.save();
  }

  private conflictFields(): ConflictField[] {
    return [
      ...LEAVES.flatMap((l) => [
        { key: l, label: leafLabel(l) },
        { key: `note.${l}`, label: t('score.noteFor', { label: leafLabel(l) }) },
      ]),
      { key: 'score_note', label: t('score.scoreNote') },
    ];
  }

  private leaf(leaf: Leaf, draft: ScoreDraft) {
    const id = `leaf-${leaf}`;
    const error = this.errors.find((e) => e.field === id);
    const missing = parseLeaf(draft.values[leaf]) == null;
    return html`<div class="leaf ${missing ? 'missing' : ''}" data-leaf=${leaf}>
      <label for=${id}>${leafLabel(leaf)}</label>
      <input id=${id} name=${leaf} type="number" inputmode="numeric" min=${MIN_LEAF} max=${MAX_LEAF} step="1"
        .value=${draft.values[leaf]} aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
        @input=${(e: Event) => this.setValue(leaf, (e.target as HTMLInputElement).value)} />
      <input id="note-${leaf}" name="note-${leaf}" type="text" .value=${draft.notes[leaf]}
        aria-label=${t('score.noteFor', { label: leafLabel(leaf) })} placeholder=${t('score.note')}
        @input=${(e: Event) => this.setNote(leaf, (e.target as HTMLInputElement).value)} />
      ${error ? html`<div class="field-error" id="${id}-error">${t('score.invalid')}</div>` : nothing}
    </div>`;
  }

  private summary(leaves: LeafValues) {
    const r = scoreMeasure({ leaves, notes: this.draft?.notes, formula_version: CURRENT_FORMULA });
    const a = r.aggregates;
    const row = (key: string, label: string, value: number | null, sub = false) =>
      html`<dt class=${sub ? 'sub' : ''}>${label}</dt><dd class=${sub ? 'sub' : ''} data-live=${key}>${formatScore(value)}</dd>`;
    return html`<aside aria-labelledby="sum-heading">
      <h3 id="sum-heading">${t('score.summary')}</h3>
      <dl class="sum">
        ${row('goal', t('group.goal'), a.goal)}
        ${row('cost', t('group.cost'), a.cost)}
        ${row('patient', t('group.patient'), a.patient, true)}
        ${row('staff', t('group.staff'), a.staff, true)}
        ${row('benefit', t('group.benefit'), a.benefit)}
        <dt class="total">${t('score.total')}</dt>
        <dd class="total" data-live="score" aria-live="polite">${formatScore(r.score)}</dd>
      </dl>
      ${
        r.state === 'scored'
          ? html`<p class="state complete">${t('score.complete')}</p>`
          : html`<p class="state unscored" data-live="missing">${r.missing_leaves.length === 1 ? t('score.unscoredOne') : t('score.unscored', { count: r.missing_leaves.length })}</p>
              <ul class="missing-list">${r.missing_leaves.map((m) => html`<li>${leafLabel(m.leaf)}</li>`)}</ul>
              ${
                r.score_without_missing !== null
                  ? html`<p class="state" data-live="without">${t('measures.withoutMissing', { score: formatScore(r.score_without_missing) })}</p>`
                  : nothing
              }`
      }
    </aside>`;
  }

  render() {
    const { draft, base } = this;
    if (!draft || !base) return nothing;
    const leaves = leavesOf(draft);
    const live = scoreMeasure({ leaves, formula_version: CURRENT_FORMULA }).aggregates;
    const inline = (value: number | null, key: string) =>
      html`<span class="agg-inline" data-inline=${key}>= ${formatScore(value)}</span>`;
    return html`
      ${
        this.conflict
          ? html`<ehds-conflict-resolver .fields=${this.conflictFields()} .mine=${flat(draft)}
              .theirs=${flat(draftOf(this.conflict))} .base=${this.conflictBase ? flat(this.conflictBase) : undefined}
              theirsLabel=${t('score.conflictLabel', { version: this.conflict.version })}
              @ehds-conflict-resolved=${this.onResolved}></ehds-conflict-resolver>`
          : nothing
      }
      ${
        base.formula_version !== CURRENT_FORMULA
          ? html`<p class="warn">${t('score.legacyWarning', { version: base.formula_version, current: CURRENT_FORMULA })}</p>`
          : nothing
      }
      <form novalidate @submit=${this.save} @ehds-field-focus-requested=${(e: CustomEvent<{ field: string }>) =>
        (this.renderRoot.querySelector(`#${e.detail.field}`) as HTMLElement | null)?.focus()}>
        <ehds-form-alert .errors=${this.errors} message=${this.message}></ehds-form-alert>
        <div class="layout">
          <div>
            <div class="cols" aria-hidden="true"><span>${t('breakdown.question')}</span><span>${t('score.value')}</span><span>${t('score.note')}</span></div>
            ${MODEL_LAYOUT.map(
              ({ part, groups }) => html`<fieldset data-part=${part}>
                <legend>
                  ${t(`group.${part}`)}${inline(live[part], part)}
                  <span class="scale">· ${part === 'cost' ? t('group.costScale') : t(`group.${part}Formula`)}</span>
                </legend>
                ${groups.map((g) =>
                  g.sub
                    ? html`<fieldset data-part=${g.sub}>
                        <legend>${t(`group.${g.sub}`)}${inline(live[g.sub], g.sub)}</legend>
                        ${g.leaves.map((l) => this.leaf(l, draft))}
                      </fieldset>`
                    : g.leaves.map((l) => this.leaf(l, draft)),
                )}
              </fieldset>`,
            )}
            <div class="field">
              <label for="score-note">${t('score.scoreNote')}</label>
              <textarea id="score-note" .value=${draft.score_note}
                @input=${(e: Event) => {
                  this.draft = { ...draft, score_note: (e.target as HTMLTextAreaElement).value };
                  this.notice = '';
                }}></textarea>
            </div>
          </div>
          ${this.summary(leaves)}
        </div>
        <div class="actions">
          <button type="submit" ?disabled=${this.saving}>${this.saving ? t('score.saving') : t('score.save')}</button>
          <span role="status">
            ${this.notice ? html`<span>${this.notice}</span>` : this.dirty ? html`<span class="dirty">${t('score.unsaved')}</span>` : nothing}
          </span>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-score-form': EhdsScoreForm;
  }
}
