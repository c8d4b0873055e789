import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LangController, t } from '../i18n/index.ts';
import '../i18n/questions.ts';
import { shared } from '../styles/shared.ts';

/**
 * Edits an ordered list of short texts (the options of a principle question): one labelled text box
 * per option with its own remove button, and a button that adds one and moves focus to it.
 *
 * @fires ehds-options-changed - `detail.value`: the options as typed (blank ones included); bubbles and is composed.
 */
@customElement('ehds-options-editor')
export class EhdsOptionsEditor extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      fieldset { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.5rem 0.75rem 0.75rem; margin: 0; }
      legend { font-weight: 600; padding: 0 0.25rem; }
      ol { list-style: none; margin: 0 0 0.5rem; padding: 0; display: grid; gap: 0.5rem; }
      li { display: grid; grid-template-columns: 7rem 1fr auto; gap: 0.5rem; align-items: center; }
      li label { margin: 0; font-weight: 400; }
      li input { width: 100%; }
      .none { margin: 0.25rem 0 0.5rem; }
    `,
  ];

  @property({ attribute: false }) value: string[] = [];
  @property() legend = '';

  protected readonly i18n = new LangController(this);

  focus() {
    (this.renderRoot.querySelector('input, button') as HTMLElement | null)?.focus();
  }

  private emit(value: string[]) {
    this.value = value;
    this.dispatchEvent(new CustomEvent('ehds-options-changed', { detail: { value }, bubbles: true, composed: true }));
  }

  private async add() {
    this.emit([...this.value, '']);
    await this.updateComplete;
    const inputs = this.renderRoot.querySelectorAll('input');
    inputs[inputs.length - 1]?.focus();
  }

  private async removeOption(i: number) {
    this.emit(this.value.filter((_, j) => j !== i));
    await this.updateComplete;
    const inputs = this.renderRoot.querySelectorAll('input');
    (
      (inputs[Math.min(i, inputs.length - 1)] as HTMLElement | undefined) ?? this.renderRoot.querySelector('button.add')
    )?.focus();
  }

  render() {
    return html`
      <fieldset>
        <legend>${this.legend || t('options.legend')}</legend>
        ${this.value.length === 0 ? html`<p class="none muted">${t('options.none')}</p>` : ''}
        <ol>
          ${this.value.map(
            (option, i) => html`<li>
              <label for="o${i}">${t('options.item', { n: i + 1 })}</label>
              <input id="o${i}" type="text" .value=${option} @input=${(e: Event) => {
                const next = [...this.value];
                next[i] = (e.target as HTMLInputElement).value;
                this.emit(next);
              }} />
              <button type="button" class="secondary" aria-label=${t('options.removeLabel', { n: i + 1 })} @click=${() => this.removeOption(i)}>
                ${t('options.remove')}
              </button>
            </li>`,
          )}
        </ol>
        <button type="button" class="secondary add" @click=${this.add}>+ ${t('options.add')}</button>
      </fieldset>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-options-editor': EhdsOptionsEditor;
  }
}
