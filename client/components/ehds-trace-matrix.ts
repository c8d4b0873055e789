import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { api, SuccessBody } from '../api.ts';
import { formatDate, LangController, lang, t } from '../i18n/index.ts';
import '../i18n/measures.ts';
import '../i18n/trace.ts';
import { shared } from '../styles/shared.ts';

export type Trace = SuccessBody<Awaited<ReturnType<typeof api.trace.$get>>>;
type TraceArticle = Trace['articles'][number];
type TraceRequirement = TraceArticle['requirements'][number];

/**
 * The traceability matrix: one row group per article (its header cell spans the group), one row per
 * requirement citing it with coverage, work status, principle questions, measures (with planned end and
 * whether they are in time), national solutions and input. An untraced article
 * is one row saying so in text; a requirement not assessed says «Ikke vurdert» in text and a dashed frame.
 *
 * @csspart table - the matrix table.
 */
@customElement('ehds-trace-matrix')
export class EhdsTraceMatrix extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      table { font-size: 0.9rem; }
      th, td { padding: 0.35rem 0.45rem; }
      caption { text-align: left; font-weight: 600; padding: 0.25rem 0 0.5rem; }
      thead th { position: sticky; top: 0; z-index: 1; box-shadow: inset 0 -2px 0 var(--ehds-border); }
      tbody { border-top: 2px solid var(--ehds-border); }
      tbody th { background: var(--ehds-bg); font-weight: 400; min-width: 8.5rem; }
      .art { font-weight: 700; }
      .art-title { display: block; color: var(--ehds-text-muted); font-size: 0.9rem; }
      .rtitle { display: block; font-size: 0.9rem; }
      td.req { min-width: 9.5rem; }
      td.cite { min-width: 5rem; }
      td.date { white-space: nowrap; }
      tr.untraced td, tr.untraced th { background: #fffcf3; }
      .chip {
        display: inline-block; font-size: 0.85rem; font-weight: 600; padding: 0.05rem 0.5rem; border-radius: 999px;
        border: 1px dashed #8a5a00; background: var(--ehds-warning-bg); color: #6b4500; margin-right: 0.4rem;
      }
      .chip::before { content: '○ '; }
      .badge.not_assessed { outline: 1px dashed #6b7580; outline-offset: 2px; border-radius: 2px; font-style: italic; }
      ul.qs { list-style: none; margin: 0; padding: 0; }
      ul.qs li { white-space: nowrap; }
      .pending { display: block; font-size: 0.85rem; font-weight: 600; }
      ul.ms, ul.sol { list-style: none; margin: 0; padding: 0; }
      .rtitle, ul.ms a, ul.sol a { overflow-wrap: anywhere; }
      ul.ms { min-width: 9rem; }
      ul.sol { min-width: 7.5rem; }
      ul.sol li { margin-bottom: 0.2rem; }
      ul.ms li { margin-bottom: 0.25rem; }
      .when { display: block; font-size: 0.84rem; color: var(--ehds-text-muted); white-space: nowrap; }
      .when.ok::before { content: '✓ '; color: var(--ehds-success); font-weight: 700; }
      .when.late::before { content: '! '; color: var(--ehds-danger); font-weight: 700; }
      .risk { display: inline-block; font-size: 0.8rem; font-weight: 700; border-radius: 999px; padding: 0 0.5rem; background: #fff4ec; border: 1px solid #e0a27a; color: #8a2c00; margin-top: 0.15rem; }
    `,
  ];

  @property({ attribute: false }) trace?: Trace;
  /** Which article rows to show: all, only those with requirements, only untraced ones. */
  @property() show: 'all' | 'traced' | 'untraced' = 'all';
  /** Describes the active filters for the caption, e.g. «A1 Innbyggerrettigheter». */
  @property() filterLabel = '';

  protected readonly i18n = new LangController(this);

  /** The rows the `show` setting keeps. */
  static visible(trace: Trace, show: 'all' | 'traced' | 'untraced') {
    return trace.articles.filter((a) =>
      show === 'all' ? true : show === 'untraced' ? a.requirements.length === 0 : a.requirements.length > 0,
    );
  }

  render() {
    if (!this.trace) return nothing;
    const rows = EhdsTraceMatrix.visible(this.trace, this.show);
    if (rows.length === 0) return html`<p>${t('trace.none')}</p>`;
    const caption = this.filterLabel
      ? t('trace.captionFiltered', { caption: t('trace.caption'), filters: this.filterLabel })
      : t('trace.caption');
    return html`
      <table part="table">
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${t('trace.col.article')}</th>
            <th scope="col">${t('trace.col.applies')}</th>
            <th scope="col">${t('trace.col.requirement')}</th>
            <th scope="col">${t('trace.col.citation')}</th>
            <th scope="col">${t('trace.col.coverage')}</th>
            <th scope="col">${t('trace.col.workStatus')}</th>
            <th scope="col">${t('trace.col.questions')}</th>
            <th scope="col">${t('trace.col.measures')}</th>
            <th scope="col">${t('trace.col.solutions')}</th>
            <th scope="col">${t('trace.col.inputs')}</th>
          </tr>
        </thead>
        ${rows.map((a) => this.renderArticle(a))}
      </table>
    `;
  }

  private articleHeader(a: TraceArticle, span: number) {
    const label =
      a.kind === 'annex'
        ? t('trace.annex', { number: a.number.replace(/^Annex\s+/, '') })
        : t('trace.article', { number: a.number });
    const nbTitle = lang() === 'nb' && a.title_nb;
    return html`<th scope="rowgroup" rowspan=${span}>
        <a class="art" href="/artikler/${encodeURIComponent(a.number)}">${label}</a>
        <span class="art-title" lang=${nbTitle ? 'nb' : 'en'}>${nbTitle || a.title_en}</span>
      </th>
      <td class="date" rowspan=${span}>${formatDate(a.applies_from) || '–'}</td>`;
  }

  private renderArticle(a: TraceArticle) {
    if (a.requirements.length === 0) {
      return html`<tbody>
        <tr class="untraced">
          ${this.articleHeader(a, 1)}
          <td colspan="8"><span class="chip">${t('trace.untraced')}</span>${t('trace.untracedText')}</td>
        </tr>
      </tbody>`;
    }
    const [first, ...rest] = a.requirements;
    return html`<tbody>
      <tr>${this.articleHeader(a, a.requirements.length)}${this.requirementCells(first!)}</tr>
      ${rest.map((r) => html`<tr>${this.requirementCells(r)}</tr>`)}
    </tbody>`;
  }

  /** The measures of a requirement with planned end and whether they are in time; the risk flag when at risk. */
  private measureCell(r: TraceRequirement) {
    const risk =
      r.at_risk && r.at_risk_reason
        ? html`<span class="risk" title=${t(`risk.badgeTitle.${r.at_risk_reason}`)}>${t(`risk.${r.at_risk_reason}`)}</span>`
        : nothing;
    if (r.measures.length === 0) return html`${t('trace.noMeasures')}${risk ? html`<br />${risk}` : nothing}`;
    return html`<ul class="ms">
        ${r.measures.map((m) => {
          const when =
            m.status === 'stopped'
              ? t('measure.stopped')
              : m.planned_end
                ? `${t('trace.measureEnd', { date: formatDate(m.planned_end) })} · ${m.in_time ? t('measure.inTime') : t('measure.late')}`
                : t('measure.lateNoEnd');
          return html`<li><a href="/tiltak/${m.id}">${m.title}</a><span class="when ${m.in_time ? 'ok' : 'late'}">${when}</span></li>`;
        })}
      </ul>${risk}`;
  }

  private requirementCells(r: TraceRequirement) {
    return html`
      <td class="req"><a href="/krav/${r.ref}">${r.ref}</a><span class="rtitle">${r.title}</span></td>
      <td class="cite">${r.pinpoint}</td>
      <td><span class="badge ${r.coverage}">${t(`coverage.${r.coverage}`)}</span></td>
      <td>${t(`work_status.${r.work_status}`)}</td>
      <td>
        ${
          r.questions.length
            ? html`<ul class="qs">
                ${r.questions.map(
                  (q) => html`<li><a href="/sporsmal/${q.ref}">${q.ref}</a> · ${t(`question_status.${q.status}`)}</li>`,
                )}
              </ul>`
            : t('trace.noQuestions')
        }
      </td>
      <td class="measures">${this.measureCell(r)}</td>
      <td class="solutions">
        ${
          r.solutions.length
            ? html`<ul class="sol">${r.solutions.map((s) => html`<li><a href="/losninger#losning-${s.id}">${s.name}</a></li>`)}</ul>`
            : t('trace.noSolutions')
        }
      </td>
      <td>
        ${
          r.input_count
            ? html`<a
                href="/innspill?requirement=${r.ref}"
                aria-label=${t('trace.inputsLink', { count: r.input_count, ref: r.ref, pending: r.pending_input_count })}
                >${r.input_count}</a
              >${r.pending_input_count ? html`<span class="pending" aria-hidden="true">${r.pending_input_count} ${t('disposition.pending').toLocaleLowerCase()}</span>` : nothing}`
            : t('trace.inputsNone')
        }
      </td>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-trace-matrix': EhdsTraceMatrix;
  }
}
