import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDate, LangController, t } from '../i18n/index.ts';
import '../i18n/versions.ts';
import { shared } from '../styles/shared.ts';

export interface VersionChoice {
  name: string;
  date: string;
}

/** `to` of undefined is «now». */
export interface ComparisonRequest {
  from: string;
  to?: string;
}

/** `/versjoner/sammenlign?from=V0.5&to=V0.8`; no `to`: compared with now. */
export const compareHref = ({ from, to }: ComparisonRequest) =>
  `/versjoner/sammenlign?${new URLSearchParams(to === undefined ? { from } : { from, to })}`;

/** The value the «Til» list uses for «now»: a version name can never be empty, so it never collides. */
const NOW = '';

/**
 * Two lists, «Fra» (a version) and «Til» (a version or «Nå»), and a button that asks for the comparison.
 * Two equal choices are refused inline.
 *
 * @fires ehds-comparison-requested - `detail: { from, to? }` (no `to`: now); bubbles and is composed.
 */
@customElement('ehds-version-pair-picker')
export class EhdsVersionPairPicker extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      form { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.75rem 1rem; }
      fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.75rem 1rem; }
      legend { padding: 0; margin-bottom: 0.5rem; font-weight: 600; }
      .field { margin: 0; }
      select { min-width: 12rem; }
      .arrow { padding-bottom: 0.45rem; color: var(--ehds-text-muted); }
      .field-error { flex-basis: 100%; }
    `,
  ];

  /** The frozen versions, oldest first. */
  @property({ attribute: false }) versions: VersionChoice[] = [];
  /** Chosen «Fra» version; default: the newest («Endringer siden V0.8»). */
  @property() from = '';
  /** Chosen «Til» version; empty: now. */
  @property() to = NOW;
  /** Shows the legend as a visible label; off when a heading above says the same. */
  @property({ type: Boolean, attribute: 'show-legend' }) showLegend = false;

  @state() private error = '';
  protected readonly i18n = new LangController(this);

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('versions') && this.versions.length && !this.versions.some((v) => v.name === this.from)) {
      this.from = this.versions.at(-1)?.name ?? '';
    }
  }

  private submit(e: Event) {
    e.preventDefault();
    if (this.from === this.to) {
      this.error = t('picker.same');
      (this.renderRoot.querySelector('#to') as HTMLSelectElement | null)?.focus();
      return;
    }
    this.error = '';
    const detail: ComparisonRequest = this.to === NOW ? { from: this.from } : { from: this.from, to: this.to };
    this.dispatchEvent(new CustomEvent('ehds-comparison-requested', { detail, bubbles: true, composed: true }));
  }

  private option(v: VersionChoice, selected: string) {
    return html`<option value=${v.name} ?selected=${v.name === selected}>${v.name} · ${formatDate(v.date)}</option>`;
  }

  render() {
    return html`<form @submit=${this.submit} novalidate>
      <fieldset>
        <legend class=${this.showLegend ? '' : 'visually-hidden'}>${t('picker.legend')}</legend>
        <div class="field">
          <label for="from">${t('picker.from')}</label>
          <select id="from" @change=${(e: Event) => {
            this.from = (e.target as HTMLSelectElement).value;
            this.error = '';
          }}>
            ${this.versions.map((v) => this.option(v, this.from))}
          </select>
        </div>
        <span class="arrow" aria-hidden="true">→</span>
        <div class="field">
          <label for="to">${t('picker.to')}</label>
          <select id="to" aria-invalid=${this.error ? 'true' : 'false'} aria-describedby=${this.error ? 'pair-error' : nothing}
            @change=${(e: Event) => {
              this.to = (e.target as HTMLSelectElement).value;
              this.error = '';
            }}>
            <option value=${NOW} ?selected=${this.to === NOW}>${t('versions.nowLong')}</option>
            ${this.versions.map((v) => this.option(v, this.to))}
          </select>
        </div>
        <button type="submit">${t('picker.submit')}</button>
        ${this.error ? html`<div class="field-error" id="pair-error">${this.error}</div>` : nothing}
      </fieldset>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-version-pair-picker': EhdsVersionPairPicker;
  }
}
