import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LangController, register, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';

register({
  nb: {
    'chips.label': 'Aktive filtre',
    'chips.remove': 'Fjern filter {label}',
    'chips.clearAll': 'Fjern alle filtre',
  },
  en: {
    'chips.label': 'Active filters',
    'chips.remove': 'Remove filter {label}',
    'chips.clearAll': 'Clear all filters',
  },
});

export interface FilterChip {
  /** The filter's name, e.g. `area`. */
  key: string;
  /** One value of it, e.g. `A2`; a multi-value filter gives one chip per value. */
  value: string;
  /** What the chip says, e.g. «Område: A2 Primærbruk». */
  label: string;
}

/**
 * The active filters as a row of removable chips plus «Fjern alle filtre». Renders nothing when there
 * are no chips. Each chip is a real button, so it works with the keyboard.
 *
 * @fires ehds-filter-removed - detail `{ key, value }`: the user removed one chip.
 * @fires ehds-filters-cleared - the user pressed «Fjern alle filtre».
 * @csspart chip - one chip button.
 * @csspart clear - the clear-all button.
 */
@customElement('ehds-filter-chips')
export class EhdsFilterChips extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; }
      .heading { font-size: 0.9rem; color: var(--ehds-text-muted); margin-right: 0.25rem; }
      .chip {
        display: inline-flex; align-items: center; gap: 0.4rem; padding: 0.2rem 0.35rem 0.2rem 0.7rem;
        border-radius: 999px; background: #e7eef6; color: var(--ehds-primary-hover); border: 1px solid #9fb6cf; font-size: 0.9rem;
      }
      .chip:hover { background: #d5e2f0; color: var(--ehds-primary-hover); }
      .x { display: inline-grid; place-items: center; width: 1.2rem; height: 1.2rem; border-radius: 50%; background: var(--ehds-primary); color: #fff; font-size: 0.8rem; line-height: 1; }
      .clear { background: none; border: none; color: var(--ehds-primary); text-decoration: underline; padding: 0.2rem 0.4rem; font-size: 0.9rem; }
      .clear:hover { background: none; color: var(--ehds-primary-hover); }
    `,
  ];

  @property({ attribute: false }) chips: FilterChip[] = [];

  protected readonly i18n = new LangController(this);

  /** Index of the chip just removed, so focus can stay in the row instead of falling to the page. */
  private removedIndex = -1;

  private removeChip(chip: FilterChip, index: number) {
    this.removedIndex = index;
    this.dispatchEvent(
      new CustomEvent('ehds-filter-removed', {
        detail: { key: chip.key, value: chip.value },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private clear() {
    this.dispatchEvent(new CustomEvent('ehds-filters-cleared', { bubbles: true, composed: true }));
  }

  updated() {
    if (this.removedIndex < 0) return;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button.chip')];
    buttons[Math.min(this.removedIndex, buttons.length - 1)]?.focus();
    this.removedIndex = -1;
  }

  render() {
    if (this.chips.length === 0) return nothing;
    return html`<div class="row" role="group" aria-label=${t('chips.label')}>
      <span class="heading" aria-hidden="true">${t('chips.label')}:</span>
      ${this.chips.map(
        (chip, i) => html`<button type="button" part="chip" class="chip" data-key=${chip.key} data-value=${chip.value}
          aria-label=${t('chips.remove', { label: chip.label })} @click=${() => this.removeChip(chip, i)}>
          ${chip.label}<span class="x" aria-hidden="true">✕</span>
        </button>`,
      )}
      <button type="button" part="clear" class="clear" @click=${this.clear}>${t('chips.clearAll')}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-filter-chips': EhdsFilterChips;
  }
}
