import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { RouterLocation } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { SOLUTION_KINDS } from '../../schema/types.ts';
import '../components/ehds-async-state.ts';
import { renderTask } from '../components/ehds-async-state.ts';
import { formatDate, LangController } from '../i18n/index.ts';
import { formatScore, rankLabel, t } from '../i18n/measures.ts';
import { canWriteAnalysis, type Session, sessionContext } from '../session.ts';
import { shared } from '../styles/shared.ts';
import { readQuery, writeQuery } from '../url-state.ts';
import { fetchMeasures, fetchSolutions, type Measure, type Solution } from './measures-data.ts';
import { measuresSubnav, subnavStyles } from './measures-subnav.ts';

type Kind = (typeof SOLUTION_KINDS)[number];
const kindOf = (v: string | undefined) => SOLUTION_KINDS.find((k) => k === v);

/**
 * Nasjonale løsninger: the national e-health solutions and portfolio projects (PLL, Kjernejournal, ICD-11…)
 * with owner, status and planned end as the sources give them, and the measures that build on each.
 * Filter by kind in the address (`?kind=project`); `#losning-4` scrolls to one.
 */
@customElement('ehds-solutions-page')
export class EhdsSolutionsPage extends LitElement {
  static styles = [
    shared,
    subnavStyles,
    css`
      :host { display: block; }
      .lead { color: var(--ehds-text-muted); max-width: 62rem; }
      .filters { display: flex; gap: 1rem; align-items: flex-end; margin: 0.75rem 0; }
      .filters .field { margin: 0; }
      .count { font-weight: 700; }
      ul.solutions { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(26rem, 1fr)); }
      @media (max-width: 40rem) { ul.solutions { grid-template-columns: 1fr; } }
      article { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.9rem 1.1rem; height: 100%; }
      article:target, article.target { outline: 3px solid var(--ehds-focus); outline-offset: 2px; }
      h2 { margin: 0 0 0.25rem; font-size: 1.15rem; }
      .kind { color: var(--ehds-text-muted); font-size: 0.9rem; margin: 0 0 0.5rem; }
      .description { font-size: 0.95rem; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.9rem; margin: 0 0 0.6rem; font-size: 0.92rem; }
      dt { color: var(--ehds-text-muted); }
      dd { margin: 0; overflow-wrap: anywhere; }
      .note { display: block; color: var(--ehds-text-muted); font-size: 0.86rem; }
      h3 { font-size: 1rem; margin: 0.75rem 0 0.35rem; }
      ul.measures { list-style: none; padding: 0; margin: 0; font-size: 0.93rem; }
      ul.measures li { padding: 0.3rem 0; border-bottom: 1px solid var(--ehds-border); display: flex; justify-content: space-between; gap: 0.75rem; }
      ul.measures .meta { color: var(--ehds-text-muted); font-size: 0.86rem; white-space: nowrap; text-align: right; }
      .source { font-size: 0.85rem; color: var(--ehds-text-muted); margin: 0.5rem 0 0; }
    `,
  ];

  /** Set by the router on every navigation to this view. */
  @property({ attribute: false }) location?: RouterLocation;
  @state() private kind?: Kind;
  /** Who is signed in: only analysts and administrators are offered changes. */
  @consume({ context: sessionContext, subscribe: true }) @state() private session?: Session;
  protected readonly i18n = new LangController(this);
  private scrolled = false;

  private readonly data = new Task(this, {
    task: async (_args, { signal }) => {
      const [solutions, measures] = await Promise.all([fetchSolutions(signal), fetchMeasures({}, signal)]);
      const bySolution = new Map<number, Measure[]>();
      for (const m of measures.items)
        for (const s of m.solutions) bySolution.set(s.id, [...(bySolution.get(s.id) ?? []), m]);
      return { solutions: solutions.items, bySolution };
    },
    args: () => [],
  });

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('location') || !this.hasUpdated) this.kind = kindOf(readQuery().kind?.[0]);
  }

  updated() {
    document.title = `${t('solutions.title')} – ${t('app.title')}`;
    if (this.scrolled || !this.data.value || !location.hash) return;
    this.scrolled = true;
    const target = this.renderRoot.querySelector<HTMLElement>(location.hash.replace(/[^#\w-]/g, ''));
    if (target) {
      target.classList.add('target');
      target.scrollIntoView({ block: 'start' });
    }
  }

  private setKind(value: string) {
    this.kind = kindOf(value);
    writeQuery({ kind: this.kind }, { push: true });
  }

  private solution(s: Solution, measures: Measure[]) {
    const unknown = (text: string) => html`<span class="muted">${text}</span>`;
    return html`<li>
      <article id="losning-${s.id}" aria-labelledby="losning-${s.id}-name" data-solution=${s.id}>
        <h2 id="losning-${s.id}-name">${s.name}</h2>
        <p class="kind">${t(`solutions.kind.${s.kind}`)}</p>
        ${s.description ? html`<p class="description">${s.description}</p>` : nothing}
        <dl>
          <dt>${t('solutions.owner')}</dt>
          <dd>${s.owner_organisation ?? unknown(t('solutions.statusUnknown'))}${s.owner_note ? html`<span class="note">${s.owner_note}</span>` : nothing}</dd>
          <dt>${t('solutions.status')}</dt>
          <dd>${s.status ? t(`solutions.status.${s.status}`) : unknown(t('solutions.statusUnknown'))}${s.status_note ? html`<span class="note">${s.status_note}</span>` : nothing}</dd>
          <dt>${t('solutions.end')}</dt>
          <dd>${s.planned_end ? formatDate(s.planned_end) : unknown(t('solutions.endUnknown'))}${s.planned_end_note ? html`<span class="note">${s.planned_end_note}</span>` : nothing}</dd>
        </dl>
        <h3>${t('solutions.measures', { count: measures.length })}</h3>
        ${
          measures.length === 0
            ? html`<p class="muted">${t('solutions.measuresNone')}</p>`
            : html`<ul class="measures">
                ${measures.map(
                  (m) => html`<li>
                    <a href="/tiltak/${m.id}">${m.title}</a>
                    <span class="meta">${t(`measure_status.${m.status}`)} · ${m.planned_end ? formatDate(m.planned_end) : t('measures.noEnd')}
                      ${m.score !== null ? html`<br />${formatScore(m.score)} · ${t('measures.col.rank').toLocaleLowerCase()} ${rankLabel(m.rank, m.tied)}` : nothing}</span>
                  </li>`,
                )}
              </ul>
              <p><a href="/tiltak?solution=${s.id}">${t('solutions.measuresLink')}</a></p>`
        }
        <p class="source">${t('solutions.source')}: ${s.source}</p>
      </article>
    </li>`;
  }

  private content(value: NonNullable<typeof this.data.value>) {
    const shown = value.solutions.filter((s) => !this.kind || s.kind === this.kind);
    return html`<p class="count" role="status">${t('solutions.count', { count: shown.length })}</p>
      <ul class="solutions">${shown.map((s) => this.solution(s, value.bySolution.get(s.id) ?? []))}</ul>`;
  }

  render() {
    return html`
      <h1>${t('solutions.title')}</h1>
      <p class="lead">${t('solutions.lead')}</p>
      ${measuresSubnav('/losninger', canWriteAnalysis(this.session?.user ?? null))}
      <div class="filters">
        <div class="field">
          <label for="kind">${t('solutions.kind')}</label>
          <select id="kind" @change=${(e: Event) => this.setKind((e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.kind}>${t('solutions.kindAll')}</option>
            ${SOLUTION_KINDS.map((k) => html`<option value=${k} ?selected=${this.kind === k}>${t(`solutions.kind.${k}`)}</option>`)}
          </select>
        </div>
      </div>
      ${renderTask(this.data, (value) => this.content(value))}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-solutions-page': EhdsSolutionsPage;
  }
}
