import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDate, LangController, t } from '../i18n/index.ts';
import '../i18n/rounds.ts';
import { shared } from '../styles/shared.ts';

export interface OpenRound {
  id: number;
  title: string;
  reference_group: string;
  closes_on: string;
  days_left: number;
  scope_count: number;
  requirements_with_input: number;
  input_share: number;
}

/**
 * The open consultation rounds on the overview: each with its group, deadline and days left, and a bar
 * for the share of its requirements that have input (with the figures in text as well).
 *
 * @csspart list - the list of rounds.
 */
@customElement('ehds-open-rounds')
export class EhdsOpenRounds extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75rem; }
      li { display: grid; gap: 0.25rem; }
      .line { color: var(--ehds-text-muted); font-size: 0.92rem; }
      .bar { height: 0.6rem; background: var(--ehds-bg-subtle); border: 1px solid var(--ehds-border); border-radius: 999px; overflow: hidden; max-width: 28rem; }
      .bar span { display: block; height: 100%; background: var(--ehds-primary); }
    `,
  ];

  @property({ attribute: false }) rounds: OpenRound[] = [];
  protected readonly i18n = new LangController(this);

  render() {
    if (this.rounds.length === 0) return html`<p class="muted">${t('dashRounds.none')}</p>`;
    return html`<ul part="list">
      ${this.rounds.map((r) => {
        const percent = Math.round(r.input_share * 100);
        return html`<li data-round=${r.id}>
          <a href="/runder/${r.id}">${r.title}</a>
          <span class="line">${t('dashRounds.line', { group: r.reference_group, date: formatDate(r.closes_on), days: r.days_left })}</span>
          <span>${t('dashRounds.share', { with: r.requirements_with_input, of: r.scope_count, percent })}</span>
          <div class="bar" aria-hidden="true"><span style="width: ${percent}%"></span></div>
        </li>`;
      })}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-open-rounds': EhdsOpenRounds;
  }
}
