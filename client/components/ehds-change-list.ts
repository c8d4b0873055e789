import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { api, SuccessBody } from '../api.ts';
import { LangController, lang, t } from '../i18n/index.ts';
import '../i18n/versions.ts';
import { shared } from '../styles/shared.ts';
import {
  coverageTable,
  decidedTable,
  dispositionTable,
  fieldTable,
  inputTable,
  questionTable,
  removedInputTable,
  reqLink,
  requirementTable,
} from './change-tables.ts';

export type Comparison = SuccessBody<Awaited<ReturnType<typeof api.versions.compare.$get>>>;

interface Group {
  id: string;
  label: string;
  count: number;
  body: () => TemplateResult;
}

/**
 * The change list of a comparison, grouped: coverage from → to, other assessment and requirement
 * changes, requirements added and removed, questions decided and otherwise changed, input added and
 * removed, dispositions changed, measures changed. A summary table with a count per group links to
 * each group; empty groups are listed with 0 and not shown.
 */
@customElement('ehds-change-list')
export class EhdsChangeList extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .summary { width: auto; min-width: 24rem; margin-bottom: 1rem; }
      .summary td.n { text-align: right; font-variant-numeric: tabular-nums; }
      .unchanged { color: var(--ehds-text-muted); font-size: 0.92rem; max-width: 62rem; }
      section { margin-top: 1.75rem; }
      h2 .n { color: var(--ehds-text-muted); font-weight: 400; }
      .table-wrap { overflow-x: auto; }
      tbody th { background: none; white-space: nowrap; }
      td.text { white-space: pre-wrap; min-width: 14rem; max-width: 36rem; overflow-wrap: anywhere; }
      td.to { white-space: nowrap; }
      .arrow { color: var(--ehds-text-muted); margin-right: 0.25rem; }
      .empty { color: var(--ehds-text-muted); font-style: italic; }
      .refs { display: flex; flex-wrap: wrap; gap: 0.2rem 0.5rem; }
      .kind { font-size: 0.85rem; font-weight: 600; white-space: nowrap; }
      .disp { font-weight: 600; white-space: nowrap; }
    `,
  ];

  @property({ attribute: false }) comparison?: Comparison;
  protected readonly i18n = new LangController(this);

  private groups(c: Comparison): Group[] {
    const questionRows = [
      ...c.questions_added.map((q) => ({
        ...q,
        removed: false,
        kind: t('compare.q.added'),
        from: '',
        to: t(`question_status.${q.status}`),
      })),
      ...c.questions_removed.map((q) => ({
        ...q,
        removed: true,
        kind: t('compare.q.removed'),
        from: t(`question_status.${q.status}`),
        to: '',
      })),
      ...c.question_status_changed.map((q) => ({
        ...q,
        removed: false,
        kind: t('compare.q.status'),
        from: t(`question_status.${q.from}`),
        to: t(`question_status.${q.to}`),
      })),
      ...c.question_changed.map((q) => ({
        ref: q.ref,
        text: q.title,
        removed: false,
        kind: q.field,
        from: q.from,
        to: q.to,
      })),
    ];
    const measureRows = [
      ...c.measures_added.map((m) => ({ ref: m.ref, title: m.title, field: t('compare.m.added'), from: '', to: '' })),
      ...c.measures_removed.map((m) => ({
        ref: m.ref,
        title: m.title,
        field: t('compare.m.removed'),
        from: '',
        to: '',
      })),
      ...c.measure_changed,
    ];
    return [
      {
        id: 'coverage',
        label: t('compare.g.coverage'),
        count: c.coverage_changed.length,
        body: () => coverageTable(c),
      },
      {
        id: 'assessment',
        label: t('compare.g.assessment'),
        count: c.assessment_changed.length,
        body: () => fieldTable(c.assessment_changed, reqLink),
      },
      {
        id: 'requirement',
        label: t('compare.g.requirement'),
        count: c.requirement_changed.length,
        body: () => fieldTable(c.requirement_changed, reqLink),
      },
      {
        id: 'added',
        label: t('compare.g.added'),
        count: c.requirements_added.length,
        body: () => requirementTable(c.requirements_added, false),
      },
      {
        id: 'removed',
        label: t('compare.g.removed'),
        count: c.requirements_removed.length,
        body: () => requirementTable(c.requirements_removed, true),
      },
      {
        id: 'decided',
        label: t('compare.g.decided'),
        count: c.questions_decided.length,
        body: () => decidedTable(c),
      },
      {
        id: 'questions',
        label: t('compare.g.questions'),
        count: questionRows.length,
        body: () => questionTable(questionRows),
      },
      { id: 'inputs', label: t('compare.g.inputs'), count: c.inputs_added.length, body: () => inputTable(c) },
      {
        id: 'inputs-removed',
        label: t('compare.g.inputsRemoved'),
        count: c.inputs_removed.length,
        body: () => removedInputTable(c),
      },
      {
        id: 'dispositions',
        label: t('compare.g.dispositions'),
        count: c.dispositions_changed.length,
        body: () => dispositionTable(c),
      },
      {
        id: 'measures',
        label: t('compare.g.measures'),
        count: measureRows.length,
        body: () => fieldTable(measureRows, (ref) => ref),
      },
    ];
  }

  /** In-page links cannot reach into a shadow root by fragment, so the jump is done here. */
  private jump(e: Event, id: string) {
    e.preventDefault();
    const heading = this.renderRoot.querySelector(`#g-${id} h2`) as HTMLElement | null;
    if (!heading) return;
    heading.tabIndex = -1;
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  }

  render() {
    const c = this.comparison;
    if (!c) return nothing;
    const groups = this.groups(c);
    const changed = groups.filter((g) => g.count > 0);
    const unchanged = groups.filter((g) => g.count === 0);
    return html`
      ${changed.length ? this.summary(changed) : nothing}
      ${
        unchanged.length
          ? html`<p class="unchanged">${t('compare.unchanged', { groups: unchanged.map((g) => g.label.toLowerCase()).join(', ') })}</p>`
          : nothing
      }
      ${lang() === 'en' && c.total ? html`<p class="muted">${t('compare.fieldsInNorwegian')}</p>` : nothing}
      ${changed.map(
        (g) => html`<section id="g-${g.id}" aria-labelledby="h-${g.id}">
          <h2 id="h-${g.id}">${g.label} <span class="n">(${g.count})</span></h2>
          <div class="table-wrap">${g.body()}</div>
        </section>`,
      )}
    `;
  }

  private summary(changed: Group[]) {
    return html`
      <table class="summary">
        <caption class="visually-hidden">${t('compare.summary')}</caption>
        <thead><tr><th scope="col">${t('compare.group')}</th><th scope="col">${t('compare.countCol')}</th></tr></thead>
        <tbody>
          ${changed.map(
            (g) => html`<tr>
              <th scope="row"><a href="#g-${g.id}" @click=${(e: Event) => this.jump(e, g.id)}>${g.label}</a></th>
              <td class="n">${g.count}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-change-list': EhdsChangeList;
  }
}
