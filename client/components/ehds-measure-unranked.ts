import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LEAF_MODEL, type Leaf } from '../../server/queries/scoring.ts';
import { LangController } from '../i18n/index.ts';
import { formatScore, leafLabel, t } from '../i18n/measures.ts';
import type { Measure } from '../pages/measures-data.ts';
import { shared } from '../styles/shared.ts';
import './ehds-score-breakdown.ts';

/** The part (M, K or N) a question belongs to. */
const partOf = (leaf: Leaf) => {
  const group = LEAF_MODEL[leaf].group;
  return group === 'goal' || group === 'cost' ? group : 'benefit';
};

/**
 * The measures that get no rank, as what they are: an unscored one names each missing answer with the
 * note its cell held, and what it would score with those answers left out; one scored with the sheet's
 * older formula shows that formula's figure and the sheet's own, never mixed into the ranking.
 *
 * @csspart item - one measure.
 */
@customElement('ehds-measure-unranked')
export class EhdsMeasureUnranked extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      ul.items { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75rem; }
      li.item { border: 1px solid var(--ehds-border); border-left: 5px solid #8a5a00; border-radius: var(--ehds-radius); padding: 0.75rem 1rem; }
      h3 { margin: 0 0 0.35rem; font-size: 1.05rem; }
      .tag { display: inline-block; font-size: 0.82rem; font-weight: 700; border-radius: 999px; padding: 0 0.55rem; border: 1px dashed #8a5a00; background: var(--ehds-warning-bg); color: #6b4500; margin-left: 0.4rem; vertical-align: middle; }
      ul.missing { margin: 0.25rem 0 0.5rem; padding-left: 1.2rem; }
      ul.missing li { margin-bottom: 0.2rem; }
      .note { color: var(--ehds-text-muted); }
      .without { font-size: 1rem; }
      .without strong { font-variant-numeric: tabular-nums; }
      .sheet, .explanation { font-size: 0.9rem; color: var(--ehds-text-muted); }
      button.toggle { font-size: 0.88rem; padding: 0.2rem 0.6rem; }
      ehds-score-breakdown { margin-top: 0.6rem; }
    `,
  ];

  /** Unscored or legacy-formula measures, in the order to show them. */
  @property({ attribute: false }) measures: Measure[] = [];
  @state() private open = new Set<number>();
  protected readonly i18n = new LangController(this);

  private toggle(id: number) {
    const next = new Set(this.open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.open = next;
  }

  private unscored(m: Measure) {
    const w = m.aggregates_without_missing;
    return html`
      <p>${t('measures.missingHeading')}</p>
      <ul class="missing">
        ${m.missing_leaves.map(
          (l) => html`<li data-missing=${l.leaf}>
            <strong>${t(`group.${partOf(l.leaf)}`)}: ${leafLabel(l.leaf)}</strong>
            ${l.note ? html`<span class="note"> – ${t('measures.missingNote', { note: l.note })}</span>` : nothing}
          </li>`,
        )}
      </ul>
      ${
        m.score_without_missing !== null && w
          ? html`<p class="without" data-without=${m.score_without_missing}>
              ${t('measures.withoutMissingLabel')}
              <strong>${formatScore(m.score_without_missing)}</strong>
              <span class="note">(${t('measures.withoutMissingParts', {
                goal: formatScore(w.goal),
                cost: formatScore(w.cost),
                benefit: formatScore(w.benefit),
                score: formatScore(m.score_without_missing),
              })})</span>
            </p>`
          : html`<p class="without">${t('measures.withoutMissingNone')}</p>`
      }
      ${this.sheet(m)}
    `;
  }

  private legacy(m: Measure) {
    const l = m.legacy!;
    return html`
      <p class="without" data-sheet-score=${l.sheet_score ?? ''}>
        ${t('measures.legacyScore', { sheet: formatScore(l.sheet_score) })}
      </p>
      <p>${t('measures.legacyRecomputed', { score: formatScore(l.score) })}</p>
      ${
        l.score_if_current_formula !== null
          ? html`<p class="sheet">${t('measures.legacyCurrent', { score: formatScore(l.score_if_current_formula) })}</p>`
          : nothing
      }
      <p class="explanation" lang="nb">${l.explanation}</p>
    `;
  }

  private sheet(m: Measure) {
    if (m.sheet_score === null) return nothing;
    return html`<p class="sheet">
      ${
        m.sheet_rank !== null
          ? t('measures.sheetSaidRank', { score: formatScore(m.sheet_score), rank: m.sheet_rank })
          : t('measures.sheetSaid', { score: formatScore(m.sheet_score) })
      }
    </p>`;
  }

  render() {
    return html`<ul class="items">
      ${this.measures.map((m) => {
        const open = this.open.has(m.id);
        const legacy = m.scoring_state === 'legacy_formula';
        return html`<li class="item" part="item" data-measure=${m.id} data-state=${m.scoring_state}>
          <h3>
            <a href="/tiltak/${m.id}">${m.title}</a>
            <span class="tag">${legacy ? t('measures.formulaVersion', { version: m.formula_version }) : t('measures.unscored')} · ${t('measures.notRanked')}</span>
          </h3>
          ${legacy ? this.legacy(m) : this.unscored(m)}
          <button type="button" class="secondary toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls="leaves-${m.id}"
            @click=${() => this.toggle(m.id)}>${open ? t('measures.hideLeaves') : t('measures.showLeaves')}<span class="visually-hidden">: ${m.title}</span></button>
          ${
            open
              ? html`<ehds-score-breakdown id="leaves-${m.id}" .leaves=${m.leaves} .notes=${m.notes}
                  formulaVersion=${m.formula_version} caption=${t('measures.leavesOf', { title: m.title })}></ehds-score-breakdown>`
              : nothing
          }
        </li>`;
      })}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-measure-unranked': EhdsMeasureUnranked;
  }
}
