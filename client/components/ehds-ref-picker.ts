import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import { LangController, t } from '../i18n/index.ts';
import '../i18n/questions.ts';
import { shared } from '../styles/shared.ts';

export interface RefOption {
  ref: string;
  label: string;
  /** Shown as a sub-heading, e.g. the area. */
  group?: string;
}

/** Every requirement as a choice, grouped by area. */
export async function requirementOptions(signal?: AbortSignal): Promise<RefOption[]> {
  const { items } = await ok(api.requirements.$get({ query: { limit: '10000' } }, { init: { signal } }));
  return items.map((r) => ({ ref: r.ref, label: r.title, group: `${r.area_code} ${t(`area.${r.area_code}`)}` }));
}

/** Every principle question as a choice, grouped by area. */
export async function questionOptions(signal?: AbortSignal): Promise<RefOption[]> {
  const { items } = await ok(api.questions.$get({ query: { limit: '10000' } }, { init: { signal } }));
  return items.map((q) => ({
    ref: q.ref,
    label: q.text,
    group: q.area_code ? `${q.area_code} ${t(`area.${q.area_code}`)}` : undefined,
  }));
}

/**
 * Chooses several refs (requirements, questions) from a list: a fieldset of checkboxes with a text
 * filter, grouped, with the choice summarised in text. Works with Tab/Space like any checkbox group.
 *
 * @fires ehds-refs-changed - `detail.value`: the chosen refs; bubbles and is composed.
 * @csspart list - the scrolling list of checkboxes.
 */
@customElement('ehds-ref-picker')
export class EhdsRefPicker extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      fieldset { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.5rem 0.75rem 0.75rem; margin: 0; }
      fieldset.invalid { border-color: var(--ehds-danger); }
      legend { font-weight: 600; padding: 0 0.25rem; }
      .filter { display: flex; gap: 0.5rem; align-items: center; margin: 0.25rem 0 0.5rem; }
      .filter label { font-weight: 400; margin: 0; }
      .filter input { flex: 1; min-width: 8rem; }
      .list { max-height: 14rem; overflow-y: auto; border-top: 1px solid var(--ehds-border); padding-top: 0.25rem; }
      .group { font-size: 0.85rem; font-weight: 700; color: var(--ehds-text-muted); margin: 0.5rem 0 0.15rem; }
      .item { display: flex; gap: 0.5rem; align-items: flex-start; font-weight: 400; margin: 0; padding: 0.15rem 0; }
      .item input { margin-top: 0.3rem; flex: none; }
      .item b { white-space: nowrap; }
      .chosen { font-size: 0.9rem; margin-top: 0.4rem; }
    `,
  ];

  @property({ attribute: false }) options: RefOption[] = [];
  @property({ attribute: false }) value: string[] = [];
  @property() legend = '';
  /** Id-free hint or error text read with the group. */
  @property() description = '';
  @property({ type: Boolean }) invalid = false;

  @state() private filter = '';
  protected readonly i18n = new LangController(this);

  /** Focus goes to the filter box, the first control of the group. */
  focus() {
    (this.renderRoot.querySelector('input') as HTMLInputElement | null)?.focus();
  }

  private toggle(ref: string, checked: boolean) {
    const chosen = new Set(this.value);
    if (checked) chosen.add(ref);
    else chosen.delete(ref);
    this.value = this.options.map((o) => o.ref).filter((r) => chosen.has(r));
    this.dispatchEvent(
      new CustomEvent('ehds-refs-changed', { detail: { value: this.value }, bubbles: true, composed: true }),
    );
  }

  render() {
    const words = this.filter.toLocaleLowerCase('nb-NO').split(/\s+/).filter(Boolean);
    const visible = this.options.filter((o) => {
      const text = `${o.ref} ${o.label} ${o.group ?? ''}`.toLocaleLowerCase('nb-NO');
      return this.value.includes(o.ref) || words.every((w) => text.includes(w));
    });
    let lastGroup: string | undefined;
    return html`
      <fieldset class=${this.invalid ? 'invalid' : ''} aria-describedby=${this.description ? 'desc' : nothing}>
        <legend>${this.legend}</legend>
        ${this.description ? html`<div id="desc" class=${this.invalid ? 'field-error' : 'hint'}>${this.description}</div>` : nothing}
        <div class="filter">
          <label for="filter">${t('picker.filter', { legend: this.legend.toLocaleLowerCase() })}</label>
          <input id="filter" type="search" .value=${this.filter} @input=${(e: Event) => {
            this.filter = (e.target as HTMLInputElement).value;
          }} />
        </div>
        <div class="list" part="list">
          ${visible.length === 0 ? html`<p class="muted">${t('picker.noMatch')}</p>` : nothing}
          ${visible.map((o) => {
            const heading =
              o.group && o.group !== lastGroup ? html`<div class="group" aria-hidden="true">${o.group}</div>` : nothing;
            lastGroup = o.group;
            return html`${heading}<label class="item">
                <input type="checkbox" .checked=${this.value.includes(o.ref)} @change=${(e: Event) => this.toggle(o.ref, (e.target as HTMLInputElement).checked)} />
                <span><b>${o.ref}</b> ${o.label}</span>
              </label>`;
          })}
        </div>
        <div class="chosen" aria-live="polite">
          ${this.value.length ? t('picker.selectedList', { list: this.value.join(', ') }) : t('picker.noneSelected')}
        </div>
      </fieldset>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-ref-picker': EhdsRefPicker;
  }
}
