import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDate, LangController } from '../i18n/index.ts';
import { formatScore, rankLabel, t } from '../i18n/measures.ts';
import type { Measure } from '../pages/measures-data.ts';
import { shared } from '../styles/shared.ts';
import './ehds-score-breakdown.ts';

/**
 * The ranked measures as a table: place (a tie says «delt» and names the others to a screen reader), M, K,
 * N and the score, status and planned end; each row opens the eleven answers behind its score.
 *
 * @csspart table - the table.
 */
@customElement('ehds-measure-ranking')
export class EhdsMeasureRanking extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .table-wrap { overflow-x: auto; border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); }
      table { font-size: 0.94rem; min-width: 58rem; }
      th abbr { text-decoration: none; cursor: help; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      td.score { font-weight: 700; }
      td.rank { font-weight: 700; white-space: nowrap; font-variant-numeric: tabular-nums; }
      td.rank .tie { font-weight: 400; color: var(--ehds-text-muted); }
      tbody th { font-weight: 400; background: none; }
      tbody th a { font-weight: 600; }
      .links { display: block; font-size: 0.85rem; color: var(--ehds-text-muted); }
      tr.open > * { border-bottom: 0; background: #f7fafd; }
      tr.leaves > td { background: #f7fafd; padding: 0.25rem 1rem 1rem; }
      button.toggle { font-size: 0.88rem; padding: 0.2rem 0.6rem; white-space: nowrap; }
    `,
  ];

  /** Scored measures in rank order. */
  @property({ attribute: false }) measures: Measure[] = [];
  @state() private open = new Set<number>();
  protected readonly i18n = new LangController(this);

  private toggle(id: number) {
    const next = new Set(this.open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.open = next;
  }

  private rankCell(m: Measure) {
    if (!m.tied) return html`<td class="rank" data-rank=${m.rank ?? ''}>${rankLabel(m.rank, false)}</td>`;
    const others = this.measures
      .filter((o) => o.id !== m.id && o.rank === m.rank)
      .map((o) => o.title)
      .join(', ');
    return html`<td class="rank" data-rank=${m.rank ?? ''} data-tied="true">
      ${m.rank} <span class="tie">${t('measures.shared')}</span>
      <span class="visually-hidden">${t('measures.sharedLong', { rank: m.rank ?? '', others })}</span>
    </td>`;
  }

  private rankedRow(m: Measure) {
    const open = this.open.has(m.id);
    const a = m.aggregates;
    return html`<tr class=${open ? 'open' : ''} data-measure=${m.id}>
        ${this.rankCell(m)}
        <th scope="row">
          <a href="/tiltak/${m.id}">${m.title}</a>
          ${m.requirements.length ? html`<span class="links">${t('measures.requirementsShort', { list: m.requirements.map((r) => r.ref).join(', ') })}</span>` : nothing}
          ${m.solutions.length ? html`<span class="links">${t('measures.solutionsShort', { list: m.solutions.map((s) => s.name).join(', ') })}</span>` : nothing}
        </th>
        <td class="num" data-col="goal">${formatScore(a.goal)}</td>
        <td class="num" data-col="cost">${formatScore(a.cost)}</td>
        <td class="num" data-col="benefit">${formatScore(a.benefit)}</td>
        <td class="num score" data-col="score">${formatScore(m.score)}</td>
        <td>${t(`measure_status.${m.status}`)}</td>
        <td class="num">${m.planned_end ? formatDate(m.planned_end) : '–'}</td>
        <td>
          <button type="button" class="secondary toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls="leaves-${m.id}"
            @click=${() => this.toggle(m.id)}>${open ? t('measures.hideLeaves') : t('measures.showLeaves')}<span class="visually-hidden">: ${m.title}</span></button>
        </td>
      </tr>
      ${
        open
          ? html`<tr class="leaves" id="leaves-${m.id}">
              <td colspan="9">
                <ehds-score-breakdown .leaves=${m.leaves} .notes=${m.notes} formulaVersion=${m.formula_version}
                  caption=${t('measures.leavesOf', { title: m.title })}></ehds-score-breakdown>
              </td>
            </tr>`
          : nothing
      }`;
  }

  render() {
    const abbr = (key: 'goal' | 'cost' | 'benefit') =>
      html`<abbr title=${t(`measures.colLong.${key}`)}>${t(`measures.col.${key}`)}</abbr><span class="visually-hidden"> ${t(`measures.colLong.${key}`)}</span>`;
    return html`      <div class="table-wrap">
        <table id="ranked" part="table">
          <caption class="visually-hidden">${t('measures.rankedCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('measures.col.rank')}</th>
              <th scope="col">${t('measures.col.measure')}</th>
              <th scope="col" class="num">${abbr('goal')}</th>
              <th scope="col" class="num">${abbr('cost')}</th>
              <th scope="col" class="num">${abbr('benefit')}</th>
              <th scope="col" class="num">${t('measures.col.score')}</th>
              <th scope="col">${t('measures.col.status')}</th>
              <th scope="col" class="num">${t('measures.col.end')}</th>
              <th scope="col">${t('measures.col.leaves')}</th>
            </tr>
          </thead>
          <tbody>${this.measures.map((m) => this.rankedRow(m))}</tbody>
        </table>
      </div>
`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-measure-ranking': EhdsMeasureRanking;
  }
}
