import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { Coverage } from '../../schema/types.ts';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import '../components/ehds-coverage-chart.ts';
import type { CoverageRow } from '../components/ehds-coverage-chart.ts';
import '../components/ehds-deadline-timeline.ts';
import '../components/ehds-open-rounds.ts';
import type { TimelineItem } from '../components/ehds-deadline-timeline.ts';
import '../i18n/dashboard.ts';
import { formatDate, LangController, lang, t } from '../i18n/index.ts';
import '../i18n/measures.ts';
import { renderTask } from '../components/ehds-async-state.ts';
import { shared } from '../styles/shared.ts';
import { toSearch } from '../url-state.ts';

/** Coverage codes that count as «not covered yet» for a deadline: everything but covered and not applicable. */
export const OPEN_COVERAGE: Coverage[] = ['partially_covered', 'not_covered', 'not_assessed'];

const listHref = (query: Record<string, string | string[]>) => `/krav${toSearch(query)}`;

/** Oversikt: key figures, coverage per area and the legal deadlines, every figure a link to the list behind it. */
@customElement('ehds-dashboard-page')
export class EhdsDashboardPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .lead { color: var(--ehds-text-muted); max-width: 60rem; }
      .figures { list-style: none; padding: 0; margin: 1rem 0 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.75rem; }
      .figure { display: flex; flex-direction: column; gap: 0.15rem; padding: 0.9rem 1rem; border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); border-left: 5px solid var(--accent, var(--ehds-primary)); text-decoration: none; color: var(--ehds-text); background: var(--ehds-bg); height: 100%; }
      .figure:hover { background: var(--ehds-bg-subtle); color: var(--ehds-text); }
      .figure:hover .label { text-decoration: underline; }
      .figure .value { font-size: 2rem; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; color: var(--ehds-primary); }
      .figure .label { font-weight: 600; }
      .figure .sub { font-size: 0.88rem; color: var(--ehds-text-muted); }
      .figure.warn { --accent: var(--ehds-not-covered); }
      section.card { margin-top: 1.5rem; padding: 1rem 1.25rem 1.25rem; }
      section.card h2 { margin-top: 0; }
      .hint { margin-bottom: 1rem; max-width: 60rem; }
      table.risk { max-width: 48rem; }
      table.risk td, table.risk th.num { text-align: right; font-variant-numeric: tabular-nums; }
      table.risk tbody th { font-weight: 400; background: none; font-variant-numeric: tabular-nums; }
      table.risk a.count { font-weight: 700; }
      table.risk + p { margin: 0.75rem 0 0; }
    `,
  ];

  protected readonly i18n = new LangController(this);

  private readonly data = new Task(this, {
    task: async () => {
      const [dashboard, milestones] = await Promise.all([ok(api.dashboard.$get()), ok(api.milestones.$get())]);
      return { dashboard, milestones };
    },
    args: () => [],
  });

  updated() {
    document.title = `${t('dashboard.title')} – ${t('app.title')}`;
  }

  private coverageRows(d: NonNullable<typeof this.data.value>['dashboard']): CoverageRow[] {
    return d.coverage_by_area.map((row) => ({
      key: row.area,
      label: `${row.area} ${t(`area.${row.area}`)}`,
      counts: row.counts,
      total: row.total,
    }));
  }

  private timelineItems(value: NonNullable<typeof this.data.value>): TimelineItem[] {
    const due = new Map(value.dashboard.due_not_covered.map((d) => [d.date, d]));
    return value.milestones.legal.map((m) => {
      const figures = due.get(m.date);
      return {
        date: m.date,
        title: lang() === 'en' ? m.title_en : m.title_nb,
        description: m.description,
        total: figures?.total ?? 0,
        notCovered: figures?.not_covered ?? 0,
        hrefDue: listHref({ deadline: m.date }),
        hrefNotCovered: listHref({ deadline: m.date, coverage: OPEN_COVERAGE }),
      };
    });
  }

  /** Requirements at deadline risk per legal date, each figure a link to the list behind it. */
  private riskSection(d: NonNullable<typeof this.data.value>['dashboard']) {
    return html`<section class="card" aria-labelledby="risk-heading">
      <h2 id="risk-heading">${t('dashboard.risk')}</h2>
      <p class="hint">${t('dashboard.riskHint')}</p>
      <table class="risk">
        <caption class="visually-hidden">${t('dashboard.riskCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('dashboard.riskCol.date')}</th>
            <th scope="col" class="num">${t('dashboard.riskCol.atRisk')}</th>
            <th scope="col" class="num">${t('dashboard.riskCol.noMeasure')}</th>
            <th scope="col" class="num">${t('dashboard.riskCol.late')}</th>
          </tr>
        </thead>
        <tbody>
          ${d.at_risk_by_deadline.map(
            (row) => html`<tr data-deadline=${row.date}>
              <th scope="row">${formatDate(row.date)}</th>
              <td>
                <a class="count" href=${listHref({ at_risk: 'true', deadline: row.date })}
                  aria-label=${t('dashboard.riskLink', { count: row.at_risk, date: formatDate(row.date) })}>${row.at_risk}</a>
              </td>
              <td>${row.no_measure}</td>
              <td>${row.late_measures}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <p><a href="/tiltak/dekning">${t('dashboard.toCoverage')}</a></p>
    </section>`;
  }

  private content(value: NonNullable<typeof this.data.value>) {
    const d = value.dashboard;
    return html`
      <p class="lead">${t('dashboard.lead', { requirements: d.totals.requirements, articles: d.totals.articles })}</p>
      <h2 class="visually-hidden">${t('dashboard.figures')}</h2>
      <ul class="figures">
        <li>
          <a class="figure ${d.not_assessed > 0 ? 'warn' : ''}" href=${listHref({ coverage: 'not_assessed' })} data-figure="not-assessed">
            <span class="value">${d.not_assessed}</span>
            <span class="label">${t('dashboard.notAssessed')}</span>
            <span class="sub">${t('dashboard.notAssessedOf', { total: d.totals.requirements })}</span>
          </a>
        </li>
        <li>
          <a class="figure" href="/sporsmal?status=open" data-figure="open-questions">
            <span class="value">${d.questions.open}</span>
            <span class="label">${t('dashboard.openQuestions')}</span>
            <span class="sub">${t('dashboard.questionsOf', d.questions)}</span>
          </a>
        </li>
        <li>
          <a class="figure" href="/innspill?disposition=pending" data-figure="pending-inputs">
            <span class="value">${d.inputs_pending}</span>
            <span class="label">${t('dashboard.pendingInputs')}</span>
            <span class="sub">${t('dashboard.pendingInputsHint')}</span>
          </a>
        </li>
        <li>
          <a class="figure ${d.at_risk_total > 0 ? 'warn' : ''}" href=${listHref({ at_risk: 'true' })} data-figure="at-risk">
            <span class="value">${d.at_risk_total}</span>
            <span class="label">${t('dashboard.atRisk')}</span>
            <span class="sub">${t('dashboard.atRiskSub')}</span>
          </a>
        </li>
        <li>
          <a class="figure" href="/artikler?untraced=true" data-figure="untraced-articles">
            <span class="value">${d.totals.untraced_articles}</span>
            <span class="label">${t('dashboard.untraced')}</span>
            <span class="sub">${t('dashboard.untracedOf', { total: d.totals.articles })}</span>
          </a>
        </li>
      </ul>

      <section class="card" aria-labelledby="rounds-heading">
        <h2 id="rounds-heading">${t('dashRounds.title')}</h2>
        <ehds-open-rounds .rounds=${d.open_rounds}></ehds-open-rounds>
      </section>

      <section class="card" aria-labelledby="coverage-heading">
        <h2 id="coverage-heading">${t('dashboard.coverage')}</h2>
        <p class="hint">${t('dashboard.coverageHint')}</p>
        <ehds-coverage-chart
          .rows=${this.coverageRows(d)}
          .hrefFor=${(area: string, coverage: Coverage | null) => listHref(coverage ? { area, coverage } : { area })}
          caption=${t('dashboard.coverageCaption')}
        ></ehds-coverage-chart>
      </section>

      <section class="card" aria-labelledby="deadline-heading">
        <h2 id="deadline-heading">${t('dashboard.deadlines')}</h2>
        <p class="hint">${t('dashboard.deadlinesHint')}</p>
        <ehds-deadline-timeline .items=${this.timelineItems(value)} from="2025" to="2035"></ehds-deadline-timeline>
      </section>

      ${this.riskSection(d)}
    `;
  }

  render() {
    return html`
      <h1>${t('dashboard.title')}</h1>
      ${renderTask(this.data, (value) => this.content(value))}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-dashboard-page': EhdsDashboardPage;
  }
}
