import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { COVERAGE, type Coverage } from '../../schema/types.ts';
import { LangController, register, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';

register({
  nb: {
    'chart.legend': 'Forklaring',
    'chart.total': 'Totalt',
    'chart.showTable': 'Vis tallene som tabell',
    'chart.segment': '{row}: {count} {status} av {total}',
    'chart.rowTotal': '{row}: alle {total} krav',
    'chart.empty': 'Ingen krav',
  },
  en: {
    'chart.legend': 'Legend',
    'chart.total': 'Total',
    'chart.showTable': 'Show the figures as a table',
    'chart.segment': '{row}: {count} {status} of {total}',
    'chart.rowTotal': '{row}: all {total} requirements',
    'chart.empty': 'No requirements',
  },
});

export interface CoverageRow {
  /** Machine key passed back to `hrefFor`, e.g. the area code. */
  key: string;
  /** Visible row label, e.g. «A2 Primærbruk». */
  label: string;
  counts: Record<Coverage, number>;
  total: number;
}

/**
 * Coverage per row (area) as stacked horizontal bars in the fixed colour-blind-safe palette of
 * `global.css`. Every segment is a link to the list behind it and carries its number as text; a text
 * legend and a data table with the same links give the figures without relying on colour.
 *
 * @csspart bars - the list of bars.
 * @csspart legend - the legend.
 * @csspart table - the table alternative.
 */
@customElement('ehds-coverage-chart')
export class EhdsCoverageChart extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; list-style: none; padding: 0; margin: 0 0 1rem; }
      .bars { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 0.55rem; }
      .bars li { display: grid; grid-template-columns: 15rem 1fr 2.5rem; gap: 0.9rem; align-items: center; }
      .row-label { font-weight: 600; text-decoration: none; color: var(--ehds-text); }
      .row-label:hover { text-decoration: underline; color: var(--ehds-primary); }
      .row-label .code { color: var(--ehds-primary); margin-right: 0.35rem; }
      .bar { display: flex; height: 2.1rem; border-radius: 4px; overflow: hidden; background: var(--ehds-bg-subtle); border: 1px solid var(--ehds-border); }
      .seg {
        display: flex; align-items: center; justify-content: center; min-width: 1.8rem; color: #1b1f24;
        font-weight: 700; font-size: 0.9rem; text-decoration: none; border-right: 2px solid #fff;
        background: var(--swatch);
      }
      .seg:last-child { border-right: 0; }
      .seg:hover { filter: brightness(1.08); text-decoration: underline; color: #000; }
      .seg:focus-visible { outline: 3px solid var(--ehds-focus); outline-offset: -3px; position: relative; z-index: 1; }
      .covered { --swatch: var(--ehds-covered); }
      .partially_covered { --swatch: var(--ehds-partially-covered); }
      .not_covered { --swatch: var(--ehds-not-covered); }
      .not_applicable { --swatch: var(--ehds-not-applicable); }
      .not_assessed { --swatch: var(--ehds-not-assessed); }
      /* A hatch on the uncertain statuses so they differ in more than hue (also in greyscale print). */
      .seg.partially_covered, .legend .partially_covered::before { background-image: repeating-linear-gradient(135deg, transparent 0 6px, rgba(255,255,255,0.35) 6px 9px); }
      .seg.not_assessed, .legend .not_assessed::before { background-image: repeating-linear-gradient(45deg, transparent 0 6px, rgba(255,255,255,0.55) 6px 9px); }
      .total { text-align: right; font-variant-numeric: tabular-nums; }
      .total a { font-weight: 600; }
      details { margin-top: 1rem; }
      summary { cursor: pointer; color: var(--ehds-primary); width: max-content; }
      table { margin-top: 0.5rem; font-variant-numeric: tabular-nums; }
      td.num, th.num { text-align: right; }
    `,
  ];

  /** The rows to draw, top to bottom. */
  @property({ attribute: false }) rows: CoverageRow[] = [];
  /** Where a segment (or, with coverage null, a row) links to. */
  @property({ attribute: false }) hrefFor: (key: string, coverage: Coverage | null) => string = () => '#';
  /** Caption of the table alternative. */
  @property() caption = '';

  protected readonly i18n = new LangController(this);

  private segment(row: CoverageRow, coverage: Coverage) {
    const count = row.counts[coverage];
    if (count === 0) return null;
    const label = t('chart.segment', { row: row.label, count, status: t(`coverage.${coverage}`), total: row.total });
    return html`<a class="seg ${coverage}" style="flex-grow:${count}" href=${this.hrefFor(row.key, coverage)}
      aria-label=${label} title=${label}>${count}</a>`;
  }

  render() {
    return html`
      <ul class="legend" part="legend" aria-label=${t('chart.legend')}>
        ${COVERAGE.map((c) => html`<li class="badge ${c}">${t(`coverage.${c}`)}</li>`)}
      </ul>
      <ul class="bars" part="bars">
        ${this.rows.map(
          (row) => html`<li>
            <a class="row-label" href=${this.hrefFor(row.key, null)} aria-label=${t('chart.rowTotal', { row: row.label, total: row.total })}>${row.label}</a>
            <div class="bar">${row.total === 0 ? html`<span class="muted">${t('chart.empty')}</span>` : COVERAGE.map((c) => this.segment(row, c))}</div>
            <span class="total" aria-hidden="true">${row.total}</span>
          </li>`,
        )}
      </ul>
      <details>
        <summary>${t('chart.showTable')}</summary>
        <table part="table">
          <caption class="visually-hidden">${this.caption}</caption>
          <thead>
            <tr>
              <th scope="col"></th>
              ${COVERAGE.map((c) => html`<th scope="col" class="num">${t(`coverage.${c}`)}</th>`)}
              <th scope="col" class="num">${t('chart.total')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.rows.map(
              (row) => html`<tr>
                <th scope="row">${row.label}</th>
                ${COVERAGE.map((c) => html`<td class="num">${row.counts[c] === 0 ? '0' : html`<a href=${this.hrefFor(row.key, c)}>${row.counts[c]}</a>`}</td>`)}
                <td class="num"><a href=${this.hrefFor(row.key, null)}>${row.total}</a></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </details>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-coverage-chart': EhdsCoverageChart;
  }
}
