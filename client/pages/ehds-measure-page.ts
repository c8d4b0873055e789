import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { PreventResult, Router, RouterLocation } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import '../components/ehds-async-state.ts';
import '../components/ehds-measure-form.ts';
import type { EhdsMeasureForm } from '../components/ehds-measure-form.ts';
import '../components/ehds-score-breakdown.ts';
import '../components/ehds-score-form.ts';
import { renderTask } from '../components/ehds-async-state.ts';
import type { EhdsScoreForm } from '../components/ehds-score-form.ts';
import { formatDate, LangController } from '../i18n/index.ts';
import { formatNok, formatScore, t } from '../i18n/measures.ts';
import { canWriteAnalysis, type Session, sessionContext } from '../session.ts';
import { shared } from '../styles/shared.ts';
import { fetchMeasure, type Measure } from './measures-data.ts';

/** The id of the address: `/tiltak/12` → `12`. */
function idOf(location: RouterLocation | undefined): string {
  const param = location?.params?.id;
  return typeof param === 'string' ? param : (window.location.pathname.split('/')[2] ?? '');
}

/** How a measure stands against one requirement's deadline, in words. */
export function timing(m: Pick<Measure, 'status' | 'planned_end'>, link: Measure['requirements'][number]) {
  if (m.status === 'stopped') return { ok: false, text: t('measure.stopped') };
  if (link.in_time) return { ok: true, text: t('measure.inTime') };
  if (m.planned_end === null) return { ok: false, text: t('measure.lateNoEnd') };
  return { ok: false, text: t('measure.late') };
}

/**
 * Tiltak-side: one measure with its facts, the requirements it closes (with their deadline and whether it
 * ends in time) and its national solutions, editable with the version read; and the scoring form, whose
 * M, K, N and score follow the answers as they are typed.
 */
@customElement('ehds-measure-page')
export class EhdsMeasurePage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .crumbs { list-style: none; display: flex; gap: 0.4rem; padding: 0; margin: 0 0 0.75rem; font-size: 0.92rem; }
      .crumbs li + li::before { content: '›'; margin-right: 0.4rem; color: var(--ehds-text-muted); }
      .status-row { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; align-items: center; padding: 0.6rem 0.9rem; margin: 0.75rem 0 1.25rem; background: var(--ehds-bg-subtle); border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); }
      .status-row .k { color: var(--ehds-text-muted); font-size: 0.88rem; margin-right: 0.35rem; }
      .status-row .v { font-weight: 600; font-variant-numeric: tabular-nums; }
      .grid { display: grid; grid-template-columns: minmax(0, 1fr) 20rem; gap: 1.5rem; align-items: start; }
      @media (max-width: 64rem) { .grid { grid-template-columns: 1fr; } }
      section { margin-bottom: 1.75rem; }
      section > h2:first-child { margin-top: 0; }
      .description { white-space: pre-wrap; max-width: 62rem; }
      section.score { border: 1px solid var(--ehds-border); border-top: 4px solid var(--ehds-primary); border-radius: var(--ehds-radius); padding: 1rem 1.25rem; }
      section.edit { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 1rem 1.25rem; }
      aside { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); background: var(--ehds-bg-subtle); padding: 1rem; }
      aside h2 { font-size: 1.05rem; margin: 0 0 0.5rem; }
      dl.facts { margin: 0; font-size: 0.93rem; }
      dl.facts dt { color: var(--ehds-text-muted); font-size: 0.85rem; margin-top: 0.6rem; }
      dl.facts dt:first-child { margin-top: 0; }
      dl.facts dd { margin: 0; overflow-wrap: anywhere; }
      .timing { font-weight: 600; white-space: nowrap; }
      .timing.ok { color: var(--ehds-success); }
      .timing.ok::before { content: '✓ '; }
      .timing.late { color: var(--ehds-danger); }
      .timing.late::before { content: '! '; }
      tbody th { font-weight: 400; background: none; }
      tbody th a { font-weight: 600; }
      td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
      .small { font-size: 0.86rem; color: var(--ehds-text-muted); display: block; }
      ul.plain { list-style: none; padding: 0; margin: 0; }
      ul.plain li { padding: 0.3rem 0; border-bottom: 1px solid var(--ehds-border); }
      .edit-head { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; }
      .edit-head h2 { margin: 0; }
    `,
  ];

  /** Set by the router; `params.id` is the measure. */
  @property({ attribute: false }) location?: RouterLocation;
  /** Who is signed in: only analysts and administrators are offered changes. */
  @consume({ context: sessionContext, subscribe: true }) @state() private session?: Session;
  /** The measure after a save on this page (newer than what the task read). */
  @state() private current?: Measure;
  @state() private editing = false;
  @state() private notice = '';
  @query('ehds-score-form') private scoreForm?: EhdsScoreForm;
  @query('ehds-measure-form') private measureForm?: EhdsMeasureForm;
  protected readonly i18n = new LangController(this);

  private readonly data = new Task(this, {
    task: ([id], { signal }) => fetchMeasure(id, signal),
    args: () => [idOf(this.location)],
  });

  connectedCallback() {
    super.connectedCallback();
    if (new URLSearchParams(location.search).get('ny') === '1') this.notice = t('measure.created');
  }

  /** Router hook: unsaved answers or fields are not dropped by a click in the menu without asking. */
  onBeforeLeave(_location: RouterLocation, commands: { prevent: () => PreventResult }, _router: Router) {
    const dirty = this.scoreForm?.dirty || (this.editing && this.measureForm?.dirty);
    if (dirty && !window.confirm(t('measure.leaveUnsaved'))) return commands.prevent();
    return undefined;
  }

  private measure(): Measure | undefined {
    const read = this.data.value;
    if (this.current && String(this.current.id) === idOf(this.location)) {
      return read && read.version > this.current.version ? read : this.current;
    }
    return read;
  }

  updated() {
    const m = this.measure();
    document.title = `${m ? m.title : t('measures.title')} – ${t('app.title')}`;
  }

  private onSaved(e: CustomEvent<{ measure: Measure }>) {
    this.current = e.detail.measure;
    this.editing = false;
    this.notice = t('mform.saved', { version: e.detail.measure.version });
    this.updateComplete.then(() => (this.renderRoot.querySelector('#edit-button') as HTMLElement | null)?.focus());
  }

  private onScored(e: CustomEvent<{ measure: Measure }>) {
    this.current = e.detail.measure;
    this.notice = '';
  }

  private facts(m: Measure) {
    const none = html`<span class="muted">${t('measure.none')}</span>`;
    return html`<aside aria-labelledby="facts-heading">
      <h2 id="facts-heading">${t('measure.facts')}</h2>
      <dl class="facts">
        <dt>${t('measure.status')}</dt><dd>${t(`measure_status.${m.status}`)}</dd>
        <dt>${t('measure.owner')}</dt><dd>${m.owner_organisation ?? none}</dd>
        <dt>${t('measure.start')}</dt><dd>${m.planned_start ? formatDate(m.planned_start) : none}</dd>
        <dt>${t('measure.end')}</dt><dd data-fact="planned_end">${m.planned_end ? formatDate(m.planned_end) : none}</dd>
        <dt>${t('measure.cost')}</dt>
        <dd>${m.cost_estimate_nok !== null ? t('measure.costValue', { amount: formatNok(m.cost_estimate_nok), year: m.cost_estimate_year ?? '' }) : none}</dd>
        <dt>${t('measure.source')}</dt><dd>${m.source}</dd>
        ${m.score_note ? html`<dt>${t('measure.scoreNote')}</dt><dd>${m.score_note}</dd>` : nothing}
      </dl>
    </aside>`;
  }

  private requirements(m: Measure) {
    return html`<section aria-labelledby="req-heading">
      <h2 id="req-heading">${t('measure.requirements')} <span class="muted">(${m.requirements.length})</span></h2>
      ${
        m.requirements.length === 0
          ? html`<p class="muted">${t('measure.requirementsNone')}</p>`
          : html`<table id="requirements">
              <caption class="visually-hidden">${t('measure.requirementsCaption')}</caption>
              <thead><tr>
                <th scope="col">${t('measure.col.requirement')}</th>
                <th scope="col">${t('measure.col.deadline')}</th>
                <th scope="col">${t('measure.col.inTime')}</th>
              </tr></thead>
              <tbody>
                ${m.requirements.map((r) => {
                  const when = timing(m, r);
                  return html`<tr data-ref=${r.ref}>
                    <th scope="row"><a href="/krav/${r.ref}">${r.ref}</a> ${r.title}
                      ${r.link_note ? html`<span class="small">${r.link_note}</span>` : nothing}</th>
                    <td class="date">${r.deadline ? formatDate(r.deadline) : t('measure.noDeadline')}</td>
                    <td><span class="timing ${when.ok ? 'ok' : 'late'}" data-in-time=${r.in_time ? 'true' : 'false'}>${when.text}</span></td>
                  </tr>`;
                })}
              </tbody>
            </table>`
      }
    </section>`;
  }

  private solutions(m: Measure) {
    return html`<section aria-labelledby="sol-heading">
      <h2 id="sol-heading">${t('measure.solutions')} <span class="muted">(${m.solutions.length})</span></h2>
      ${
        m.solutions.length === 0
          ? html`<p class="muted">${t('measure.solutionsNone')}</p>`
          : html`<ul class="plain">${m.solutions.map((s) => html`<li><a href="/losninger#losning-${s.id}">${s.name}</a></li>`)}</ul>`
      }
    </section>`;
  }

  private content(m: Measure) {
    const scoreText =
      m.scoring_state === 'scored'
        ? `${formatScore(m.score)} · ${m.tied ? t('measure.rankShared', { rank: m.rank ?? '' }) : t('measure.rank', { rank: m.rank ?? '' })}`
        : m.scoring_state === 'unscored'
          ? t('measures.unscored')
          : t('measures.formulaVersion', { version: m.formula_version });
    return html`
      <h1>${m.title}</h1>
      <div class="status-row">
        <span><span class="k">${t('measure.status')}</span><span class="v">${t(`measure_status.${m.status}`)}</span></span>
        <span><span class="k">${t('measure.end')}</span><span class="v">${m.planned_end ? formatDate(m.planned_end) : '–'}</span></span>
        <span><span class="k">${t('measures.col.score')}</span><span class="v" data-score-summary>${scoreText}</span></span>
      </div>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      <div class="grid">
        <div class="main">
          <section aria-labelledby="desc-heading">
            <h2 id="desc-heading">${t('measure.description')}</h2>
            <p class="description">${m.description || t('measure.noDescription')}</p>
          </section>
          ${this.requirements(m)}
          ${this.solutions(m)}
          ${
            !canWriteAnalysis(this.session?.user ?? null)
              ? nothing
              : this.editing
                ? html`<section class="edit" aria-labelledby="edit-heading">
                  <h2 id="edit-heading">${t('measure.editHeading')}</h2>
                  <ehds-measure-form .measure=${m} @ehds-measure-saved=${this.onSaved}
                    @ehds-measure-cancelled=${() => {
                      this.editing = false;
                    }}></ehds-measure-form>
                </section>`
                : html`<p><button type="button" id="edit-button" class="secondary" @click=${() => {
                    this.editing = true;
                    this.notice = '';
                  }}>${t('measure.edit')}</button></p>`
          }
        </div>
        ${this.facts(m)}
      </div>
      <section class="score" aria-labelledby="score-heading">
        <h2 id="score-heading">${t('score.heading')}</h2>
        <p class="hint">${t('score.intro')}</p>
        ${
          canWriteAnalysis(this.session?.user ?? null)
            ? html`<ehds-score-form .measure=${m} @ehds-score-saved=${this.onScored}></ehds-score-form>`
            : html`<ehds-score-breakdown .leaves=${m.leaves} .notes=${m.notes} formulaVersion=${m.formula_version}></ehds-score-breakdown>`
        }
      </section>
    `;
  }

  render() {
    const m = this.measure();
    return html`
      <nav aria-label=${t('measure.breadcrumb')}>
        <ol class="crumbs">
          <li><a href="/tiltak">${t('measures.title')}</a></li>
          <li aria-current="page">${m?.title ?? idOf(this.location)}</li>
        </ol>
      </nav>
      ${
        m && String(m.id) === idOf(this.location)
          ? this.content(m)
          : renderTask(this.data, (value) => this.content(value), html`<h1>${t('measures.title')}</h1>`)
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-measure-page': EhdsMeasurePage;
  }
}
