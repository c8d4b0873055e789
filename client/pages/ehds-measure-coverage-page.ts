import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { RouterLocation } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AREA_CODES, type AreaCode } from '../../schema/types.ts';
import '../components/ehds-async-state.ts';
import { renderTask } from '../components/ehds-async-state.ts';
import { formatDate, LangController } from '../i18n/index.ts';
import { t } from '../i18n/measures.ts';
import { canWriteAnalysis, type Session, sessionContext } from '../session.ts';
import { shared } from '../styles/shared.ts';
import { readQuery, toSearch, writeQuery } from '../url-state.ts';
import { type CoverageRow, coverageGroups, type LinkedMeasure } from './measure-values.ts';
import { fetchMeasures, fetchRequirements } from './measures-data.ts';
import { measuresSubnav, subnavStyles } from './measures-subnav.ts';

/**
 * Dekning krav ↔ tiltak: every requirement not covered, grouped by deadline, with its measures and their
 * planned ends, and whether the deadline is at risk (no measure, or only late ones). Filter by area and
 * to the requirements at risk, in the address (`?area=A2&at_risk=true`).
 */
@customElement('ehds-measure-coverage-page')
export class EhdsMeasureCoveragePage extends LitElement {
  static styles = [
    shared,
    subnavStyles,
    css`
      :host { display: block; }
      .lead { color: var(--ehds-text-muted); max-width: 62rem; }
      form.filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: flex-end; padding: 0.8rem 1rem; background: var(--ehds-bg-subtle); border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); margin: 1rem 0; }
      form.filters .field { margin: 0; }
      fieldset { border: 0; margin: 0; padding: 0; }
      legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
      .radios { display: flex; gap: 1rem; flex-wrap: wrap; }
      .radios label { font-weight: 400; display: flex; align-items: center; gap: 0.35rem; margin: 0; }
      dl.figures { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0 0 1rem; }
      dl.figures div { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.5rem 0.9rem; min-width: 10rem; }
      dl.figures div.warn { border-left: 5px solid var(--ehds-not-covered); }
      dl.figures dt { font-size: 0.9rem; color: var(--ehds-text-muted); }
      dl.figures dd { margin: 0; font-size: 1.5rem; font-weight: 700; font-variant-numeric: tabular-nums; }
      section { margin-top: 1.5rem; }
      h2 .muted { font-size: 1rem; font-weight: 400; }
      table { font-size: 0.94rem; }
      col.c-req { width: 34%; } col.c-cov { width: 12rem; } col.c-risk { width: 15rem; }
      tbody th { font-weight: 400; background: none; }
      tbody th a { font-weight: 600; }
      ul.ms { list-style: none; margin: 0; padding: 0; }
      ul.ms li { margin-bottom: 0.2rem; }
      .end { white-space: nowrap; font-variant-numeric: tabular-nums; color: var(--ehds-text-muted); }
      .timing { font-weight: 600; white-space: nowrap; font-size: 0.88rem; }
      .timing.ok { color: var(--ehds-success); }
      .timing.late { color: var(--ehds-danger); }
      .risk { white-space: nowrap; font-weight: 700; display: inline-block; border-radius: 999px; padding: 0.05rem 0.6rem; font-size: 0.88rem; }
      .risk.at { background: #fff4ec; border: 1px solid #e0a27a; color: #8a2c00; }
      .risk.ok { background: var(--ehds-success-bg); border: 1px solid #7fc4a0; color: var(--ehds-success); }
      .none { color: var(--ehds-danger); font-weight: 600; }
    `,
  ];

  /** Set by the router on every navigation to this view. */
  @property({ attribute: false }) location?: RouterLocation;
  @state() private area?: AreaCode;
  @state() private atRiskOnly = false;
  /** Who is signed in: only analysts and administrators are offered changes. */
  @consume({ context: sessionContext, subscribe: true }) @state() private session?: Session;
  protected readonly i18n = new LangController(this);

  private readonly data = new Task(this, {
    task: async (_args, { signal }) => {
      const [requirements, measures] = await Promise.all([fetchRequirements(signal), fetchMeasures({}, signal)]);
      return { requirements: requirements.items, measures: measures.items };
    },
    args: () => [],
  });

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('location') || !this.hasUpdated) {
      const q = readQuery();
      this.area = AREA_CODES.find((a) => a === q.area?.[0]);
      this.atRiskOnly = q.at_risk?.[0] === 'true';
    }
  }

  updated() {
    document.title = `${t('mcov.title')} – ${t('app.title')}`;
  }

  private writeUrl() {
    writeQuery({ area: this.area, at_risk: this.atRiskOnly ? 'true' : undefined }, { push: true });
  }

  private measureItem(m: LinkedMeasure) {
    const text =
      m.status === 'stopped'
        ? t('measure.stopped')
        : m.in_time
          ? t('measure.inTime')
          : m.planned_end
            ? t('measure.late')
            : t('measure.lateNoEnd');
    return html`<li data-measure=${m.id}>
      <a href="/tiltak/${m.id}">${m.title}</a>
      ${m.planned_end ? html`<span class="end">(${formatDate(m.planned_end)})</span>` : nothing}
      <span class="timing ${m.in_time ? 'ok' : 'late'}">${m.in_time ? '✓' : '!'} ${text}</span>
    </li>`;
  }

  private row({ requirement: r, measures }: CoverageRow) {
    return html`<tr data-ref=${r.ref} data-at-risk=${r.at_risk ? 'true' : 'false'}>
      <th scope="row"><a href="/krav/${r.ref}">${r.ref}</a> ${r.title}</th>
      <td><span class="badge ${r.coverage}">${t(`coverage.${r.coverage}`)}</span></td>
      <td>
        ${measures.length ? html`<ul class="ms">${measures.map((m) => this.measureItem(m))}</ul>` : html`<span class="none">${t('mcov.noMeasures')}</span>`}
      </td>
      <td>
        ${
          r.at_risk && r.at_risk_reason
            ? html`<span class="risk at">${t(`risk.${r.at_risk_reason}`)}</span>`
            : html`<span class="risk ok">${t('risk.ok')}</span>`
        }
      </td>
    </tr>`;
  }

  private content(value: NonNullable<typeof this.data.value>) {
    const { groups, figures } = coverageGroups(value.requirements, value.measures, {
      area: this.area,
      atRiskOnly: this.atRiskOnly,
    });
    const riskList = `/krav${toSearch({ at_risk: 'true', area: this.area })}`;
    return html`
      <h2 class="visually-hidden">${t('mcov.figures')}</h2>
      <dl class="figures">
        <div><dt>${t('mcov.figure.open')}</dt><dd data-figure="open">${figures.open}</dd></div>
        <div class="warn"><dt>${t('mcov.figure.no_measure')}</dt><dd data-figure="no_measure">${figures.no_measure}</dd></div>
        <div class="warn"><dt>${t('mcov.figure.late_measures')}</dt><dd data-figure="late_measures">${figures.late_measures}</dd></div>
        <div><dt>${t('mcov.figure.in_time')}</dt><dd data-figure="in_time">${figures.in_time}</dd></div>
      </dl>
      <p><a href=${riskList}>${t('mcov.toList')}</a></p>
      ${groups.length === 0 ? html`<p class="card">${t('mcov.empty')}</p>` : nothing}
      ${groups.map((g, i) => {
        const date = g.deadline ? formatDate(g.deadline) : '';
        const heading = g.deadline ? t('mcov.deadline', { date }) : t('mcov.noDeadline');
        const atRisk = g.rows.filter((r) => r.requirement.at_risk).length;
        return html`<section aria-labelledby="group-${i}" data-deadline=${g.deadline ?? ''}>
          <h2 id="group-${i}">${heading} <span class="muted">· ${t('mcov.groupCount', { count: g.rows.length, risk: atRisk })}</span></h2>
          <table>
            <caption class="visually-hidden">${t('mcov.caption', { date: date || heading })}</caption>
            <colgroup><col class="c-req" /><col class="c-cov" /><col /><col class="c-risk" /></colgroup>
            <thead><tr>
              <th scope="col">${t('mcov.col.requirement')}</th>
              <th scope="col">${t('mcov.col.coverage')}</th>
              <th scope="col">${t('mcov.col.measures')}</th>
              <th scope="col">${t('mcov.col.risk')}</th>
            </tr></thead>
            <tbody>${g.rows.map((r) => this.row(r))}</tbody>
          </table>
        </section>`;
      })}
    `;
  }

  render() {
    return html`
      <h1>${t('mcov.title')}</h1>
      <p class="lead">${t('mcov.lead')}</p>
      ${measuresSubnav('/tiltak/dekning', canWriteAnalysis(this.session?.user ?? null))}
      <form class="filters" aria-label=${t('measures.filters')} @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="area">${t('mcov.area')}</label>
          <select id="area" @change=${(e: Event) => {
            this.area = AREA_CODES.find((a) => a === (e.target as HTMLSelectElement).value);
            this.writeUrl();
          }}>
            <option value="" ?selected=${!this.area}>${t('mcov.allAreas')}</option>
            ${AREA_CODES.map((a) => html`<option value=${a} ?selected=${this.area === a}>${a} ${t(`area.${a}`)}</option>`)}
          </select>
        </div>
        <fieldset>
          <legend>${t('mcov.show')}</legend>
          <div class="radios">
            ${(['all', 'at_risk'] as const).map(
              (s) => html`<label>
                <input type="radio" name="show" value=${s} .checked=${this.atRiskOnly === (s === 'at_risk')} @change=${() => {
                  this.atRiskOnly = s === 'at_risk';
                  this.writeUrl();
                }} />
                ${t(`mcov.show.${s}`)}
              </label>`,
            )}
          </div>
        </fieldset>
      </form>
      ${renderTask(this.data, (value) => this.content(value))}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-measure-coverage-page': EhdsMeasureCoveragePage;
  }
}
