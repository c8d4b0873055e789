import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  type Aggregates,
  CURRENT_FORMULA,
  emptyLeaves,
  emptyNotes,
  type Leaf,
  type LeafNotes,
  type LeafValues,
  scoreMeasure,
} from '../../server/queries/scoring.ts';
import { LangController } from '../i18n/index.ts';
import { formatScore, leafLabel, t } from '../i18n/measures.ts';
import { shared } from '../styles/shared.ts';

type Part = 'goal' | 'cost' | 'patient' | 'staff';

/** The sector's model as nested groups: M and K over their leaves, N over Pasient, Helsepersonell and one leaf. */
export const MODEL_LAYOUT: { part: 'goal' | 'cost' | 'benefit'; groups: { sub?: Part; leaves: Leaf[] }[] }[] = [
  { part: 'goal', groups: [{ leaves: ['needs_met', 'sector_priorities'] }] },
  { part: 'cost', groups: [{ leaves: ['technical', 'organisational', 'legal', 'semantic'] }] },
  {
    part: 'benefit',
    groups: [
      { sub: 'patient', leaves: ['patient_safety', 'patient_everyday'] },
      { sub: 'staff', leaves: ['staff_workday', 'staff_decisions'] },
      { leaves: ['infrastructure'] },
    ],
  },
];

/**
 * Read-only breakdown of one measure's score: the eleven answers (0–10) with their notes, grouped as
 * the sector's model, and M, K, Pasient, Helsepersonell, N and the score computed from them with the
 * server's own pure function. A missing answer says «mangler» with its note; an unscored measure shows
 * the aggregates without the missing answers in brackets; a measure under the older formula shows that
 * formula's figures, marked as such.
 *
 * @csspart table - the table.
 */
@customElement('ehds-score-breakdown')
export class EhdsScoreBreakdown extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      table { font-size: 0.92rem; background: var(--ehds-bg); }
      caption { text-align: left; font-weight: 600; padding: 0 0 0.35rem; }
      tr.part th { background: #e9eff6; font-weight: 700; }
      tr.sub th { background: var(--ehds-bg-subtle); font-weight: 600; padding-left: 1.2rem; }
      tr.sub + tr th, tr.leaf.indent th { padding-left: 2rem; }
      tr.leaf th { font-weight: 400; }
      .agg { float: right; font-variant-numeric: tabular-nums; margin-left: 1rem; }
      .formula { font-weight: 400; color: var(--ehds-text-muted); font-size: 0.86rem; margin-left: 0.4rem; }
      td.num { text-align: right; width: 4.5rem; font-variant-numeric: tabular-nums; font-weight: 600; }
      td.note { color: var(--ehds-text-muted); width: 35%; }
      .missing { color: var(--ehds-danger); font-weight: 700; }
      tfoot th, tfoot td { border-top: 2px solid var(--ehds-border); font-weight: 700; }
      .legacy { font-size: 0.88rem; color: #6b4500; margin: 0.35rem 0 0; }
    `,
  ];

  @property({ attribute: false }) leaves: LeafValues = emptyLeaves();
  @property({ attribute: false }) notes: LeafNotes = emptyNotes();
  /** `2022` or `2022-old`; decides which formula the figures come from. */
  @property() formulaVersion: string = CURRENT_FORMULA;
  /** Visible caption; the default names the table in general. */
  @property() caption = '';

  protected readonly i18n = new LangController(this);

  private aggregate(agg: Aggregates, without: Aggregates | null, key: keyof Aggregates) {
    const value = agg[key];
    if (value !== null || !without || without[key] === null) return formatScore(value);
    return `– (${t('measures.withoutMissing', { score: formatScore(without[key]) })})`;
  }

  private leafRow(leaf: Leaf, indent: boolean) {
    const value = this.leaves[leaf];
    const note = this.notes[leaf];
    return html`<tr class="leaf ${indent ? 'indent' : ''}" data-leaf=${leaf}>
      <th scope="row">${leafLabel(leaf)}</th>
      <td class="num">${value === null ? html`<span class="missing">${t('breakdown.missing')}</span>` : value}</td>
      <td class="note">${note}</td>
    </tr>`;
  }

  render() {
    const result = scoreMeasure({ leaves: this.leaves, notes: this.notes, formula_version: this.formulaVersion });
    const legacy = result.legacy;
    const agg: Aggregates = legacy ? legacy.aggregates : result.aggregates;
    const without = result.aggregates_without_missing;
    const score = legacy ? legacy.score : result.score;
    return html`
      <table part="table">
        <caption>${this.caption || t('breakdown.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('breakdown.question')}</th>
            <th scope="col">${t('breakdown.value')}</th>
            <th scope="col">${t('breakdown.note')}</th>
          </tr>
        </thead>
        ${MODEL_LAYOUT.map(
          ({ part, groups }) => html`<tbody data-part=${part}>
            <tr class="part">
              <th scope="rowgroup" colspan="3">
                ${t(`group.${part}`)}<span class="formula">${part === 'cost' ? t('group.costScale') : t(`group.${part}Formula`)}</span>
                <span class="agg" data-aggregate=${part}>${this.aggregate(agg, without, part)}</span>
              </th>
            </tr>
            ${groups.map((g) =>
              g.sub
                ? html`<tr class="sub">
                      <th scope="rowgroup" colspan="3">
                        ${t(`group.${g.sub}`)}<span class="formula">${t(`group.${g.sub}Formula`)}</span>
                        <span class="agg" data-aggregate=${g.sub}>${this.aggregate(agg, without, g.sub)}</span>
                      </th>
                    </tr>
                    ${g.leaves.map((l) => this.leafRow(l, true))}`
                : g.leaves.map((l) => this.leafRow(l, false)),
            )}
          </tbody>`,
        )}
        <tfoot>
          <tr>
            <th scope="row">${t('breakdown.score')}</th>
            <td class="num" data-aggregate="score">${formatScore(score)}</td>
            <td></td>
          </tr>
        </tfoot>
      </table>
      ${legacy ? html`<p class="legacy">${t('breakdown.legacy')}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-score-breakdown': EhdsScoreBreakdown;
  }
}
