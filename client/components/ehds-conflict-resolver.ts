import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LangController, register, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';

register({
  nb: {
    'conflict.title': 'Noen andre har lagret en nyere versjon',
    'conflict.intro':
      'Vurderingen ble endret mens du redigerte. Ingenting er tapt: her er deres lagrede versjon og dine ulagrede endringer side om side. Velg for hvert felt som er ulikt hvilken verdi som skal lagres.',
    'conflict.theirs': 'Deres versjon',
    'conflict.mine': 'Dine endringer (ikke lagret)',
    'conflict.useTheirs': 'Bruk deres',
    'conflict.keepMine': 'Behold mine',
    'conflict.allTheirs': 'Bruk deres i alle felt',
    'conflict.allMine': 'Behold mine i alle felt',
    'conflict.differs': 'Ulik',
    'conflict.changedByMe': 'endret av deg',
    'conflict.changedByThem': 'endret av dem',
    'conflict.changedByBoth': 'endret av begge',
    'conflict.same': 'Lik',
    'conflict.sameFields': 'Felt som er like i begge versjoner: {fields}',
    'conflict.choice': '{field}: hvilken verdi skal lagres?',
    'conflict.summary': 'Du lagrer {mine} felt fra dine endringer og {theirs} fra deres versjon.',
    'conflict.save': 'Lagre valgt versjon',
    'conflict.toForm': 'Overfør til skjemaet uten å lagre',
    'conflict.empty': '(tomt)',
  },
  en: {
    'conflict.title': 'Someone else saved a newer version',
    'conflict.intro':
      'The assessment changed while you were editing. Nothing is lost: here are their saved version and your unsaved edits side by side. For each field that differs, choose which value to save.',
    'conflict.theirs': 'Their version',
    'conflict.mine': 'Your edits (not saved)',
    'conflict.useTheirs': 'Use theirs',
    'conflict.keepMine': 'Keep mine',
    'conflict.allTheirs': 'Use theirs in every field',
    'conflict.allMine': 'Keep mine in every field',
    'conflict.differs': 'Differs',
    'conflict.changedByMe': 'changed by you',
    'conflict.changedByThem': 'changed by them',
    'conflict.changedByBoth': 'changed by both',
    'conflict.same': 'Same',
    'conflict.sameFields': 'Fields that are the same in both versions: {fields}',
    'conflict.choice': '{field}: which value should be saved?',
    'conflict.summary': 'You save {mine} fields from your edits and {theirs} from their version.',
    'conflict.save': 'Save the chosen version',
    'conflict.toForm': 'Move to the form without saving',
    'conflict.empty': '(empty)',
  },
});

export interface ConflictField {
  key: string;
  label: string;
  /** Text for a value; defaults to the value as a string, arrays joined with commas. */
  format?: (value: unknown) => string;
}

export type Side = 'mine' | 'theirs';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Takes each field from the chosen side. Fields with no choice keep `mine`. */
export function mergeChoices<T extends Record<string, unknown>>(
  mine: T,
  theirs: Partial<T>,
  choices: Record<string, Side>,
): T {
  const out: Record<string, unknown> = { ...mine };
  for (const [key, side] of Object.entries(choices)) if (side === 'theirs') out[key] = theirs[key];
  return out as T;
}

/**
 * Resolves an edit conflict (HTTP 409) field by field: shows the other person's saved version and the
 * user's unsaved edits side by side, marks the fields that differ, and lets the user choose per field
 * («Behold mine» / «Bruk deres») or for all fields at once. Neither version is thrown away until the
 * user decides.
 *
 * @fires ehds-conflict-resolved - detail `{ values, save }`: `values` is `mine` with the chosen fields
 *   taken from `theirs`; `save` tells whether the user asked to save now or to keep editing.
 * @csspart field - one field's comparison.
 * @csspart actions - the buttons at the end.
 */
@customElement('ehds-conflict-resolver')
export class EhdsConflictResolver extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; border: 2px solid #b54708; border-radius: var(--ehds-radius); background: var(--ehds-warning-bg); padding: 1rem 1.1rem; }
      h3 { margin-top: 0; }
      .intro { max-width: 62rem; }
      .meta { font-size: 0.92rem; color: var(--ehds-text-muted); }
      .wholesale { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.75rem 0 1rem; }
      fieldset { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); background: var(--ehds-bg); padding: 0.6rem 0.8rem 0.8rem; margin: 0 0 0.75rem; min-width: 0; }
      legend { font-weight: 700; padding: 0 0.3rem; display: flex; align-items: center; gap: 0.5rem; }
      .who { font-weight: 400; font-size: 0.88rem; color: var(--ehds-text-muted); }
      .tag { font-size: 0.78rem; font-weight: 700; border-radius: 999px; padding: 0.05rem 0.5rem; background: #b54708; color: #fff; }
      .sides { display: grid; grid-template-columns: 1fr 1fr; gap: 0.75rem; }
      @media (max-width: 50rem) { .sides { grid-template-columns: 1fr; } }
      .side { border: 2px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.5rem 0.7rem; }
      .side.chosen { border-color: var(--ehds-primary); background: #f2f7fc; }
      .side-head { display: flex; align-items: center; gap: 0.45rem; font-size: 0.9rem; color: var(--ehds-text-muted); margin-bottom: 0.35rem; }
      .side-head label { display: inline-flex; align-items: center; gap: 0.4rem; margin: 0; color: var(--ehds-text); }
      .side-head input { width: 1.1rem; height: 1.1rem; margin: 0; }
      .value { white-space: pre-wrap; overflow-wrap: anywhere; }
      .value.empty { color: var(--ehds-text-muted); font-style: italic; }
      .same-fields { font-size: 0.92rem; color: var(--ehds-text-muted); }
      .summary { font-weight: 600; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.5rem; }
    `,
  ];

  @property({ attribute: false }) fields: ConflictField[] = [];
  /** The user's unsaved values. */
  @property({ attribute: false }) mine: Record<string, unknown> = {};
  /** The values saved by someone else. */
  @property({ attribute: false }) theirs: Record<string, unknown> = {};
  /**
   * Optional: the version both started from. With it, a field only they changed defaults to theirs
   * and a field only the user changed to mine (a three-way merge); without it every field starts as mine.
   */
  @property({ attribute: false }) base?: Record<string, unknown>;
  /** Who saved theirs and when, e.g. «Lagret av kari 22.11.2026 15:40, versjon 4». */
  @property() theirsLabel = '';

  @state() private choices: Record<string, Side> = {};

  protected readonly i18n = new LangController(this);

  private differing() {
    return this.fields.filter((f) => !same(this.mine[f.key], this.theirs[f.key]));
  }

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('mine') || changed.has('theirs') || changed.has('fields')) {
      this.choices = Object.fromEntries(
        this.differing().map((f) => [f.key, this.choices[f.key] ?? this.defaultSide(f.key)]),
      );
    }
  }

  private defaultSide(key: string): Side {
    return this.base && same(this.mine[key], this.base[key]) ? 'theirs' : 'mine';
  }

  /** Who changed a field since the base, when the base is known. */
  private changedBy(key: string): string {
    if (!this.base) return '';
    const mine = !same(this.mine[key], this.base[key]);
    const theirs = !same(this.theirs[key], this.base[key]);
    return mine && theirs ? 'conflict.changedByBoth' : mine ? 'conflict.changedByMe' : 'conflict.changedByThem';
  }

  /** Moves focus to the heading, so a screen reader starts reading the conflict. */
  focusHeading() {
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  private chooseAll(side: Side) {
    this.choices = Object.fromEntries(Object.keys(this.choices).map((k) => [k, side]));
  }

  private resolve(save: boolean) {
    const values = mergeChoices(this.mine, this.theirs, this.choices);
    this.dispatchEvent(
      new CustomEvent('ehds-conflict-resolved', { detail: { values, save }, bubbles: true, composed: true }),
    );
  }

  private text(field: ConflictField, value: unknown) {
    const s = field.format ? field.format(value) : Array.isArray(value) ? value.join(', ') : String(value ?? '');
    return s.trim() === ''
      ? html`<div class="value empty">${t('conflict.empty')}</div>`
      : html`<div class="value">${s}</div>`;
  }

  private side(field: ConflictField, side: Side) {
    const id = `c-${field.key}-${side}`;
    const chosen = this.choices[field.key] === side;
    return html`<div class="side ${side} ${chosen ? 'chosen' : ''}" data-side=${side}>
      <div class="side-head">
        <label for=${id}>
          <input type="radio" id=${id} name="c-${field.key}" value=${side} .checked=${chosen}
            aria-describedby="${id}-value"
            @change=${() => {
              this.choices = { ...this.choices, [field.key]: side };
            }} />
          ${t(side === 'mine' ? 'conflict.keepMine' : 'conflict.useTheirs')}
        </label>
        <span aria-hidden="true">·</span>
        <span>${t(side === 'mine' ? 'conflict.mine' : 'conflict.theirs')}</span>
      </div>
      <div id="${id}-value">${this.text(field, side === 'mine' ? this.mine[field.key] : this.theirs[field.key])}</div>
    </div>`;
  }

  render() {
    const differing = this.differing();
    const equal = this.fields.filter((f) => !differing.includes(f));
    const fromMine = Object.values(this.choices).filter((s) => s === 'mine').length;
    return html`
      <div role="alert">
        <h3 tabindex="-1">${t('conflict.title')}</h3>
        <p class="intro">${t('conflict.intro')}</p>
      </div>
      ${this.theirsLabel ? html`<p class="meta">${t('conflict.theirs')}: ${this.theirsLabel}</p>` : nothing}
      <div class="wholesale">
        <button type="button" class="secondary" @click=${() => this.chooseAll('mine')}>${t('conflict.allMine')}</button>
        <button type="button" class="secondary" @click=${() => this.chooseAll('theirs')}>${t('conflict.allTheirs')}</button>
      </div>
      ${differing.map(
        (field) => html`<fieldset part="field" data-field=${field.key}>
          <legend>
            ${field.label} <span class="tag">${t('conflict.differs')}</span>
            ${this.base ? html`<span class="who">${t(this.changedBy(field.key))}</span>` : nothing}
          </legend>
          <span class="visually-hidden">${t('conflict.choice', { field: field.label })}</span>
          <div class="sides">${this.side(field, 'theirs')}${this.side(field, 'mine')}</div>
        </fieldset>`,
      )}
      ${equal.length > 0 ? html`<p class="same-fields">${t('conflict.sameFields', { fields: equal.map((f) => f.label).join(', ') })}</p>` : nothing}
      <p class="summary" aria-live="polite">${t('conflict.summary', { mine: fromMine, theirs: differing.length - fromMine })}</p>
      <div class="actions" part="actions">
        <button type="button" data-action="save" @click=${() => this.resolve(true)}>${t('conflict.save')}</button>
        <button type="button" class="secondary" data-action="to-form" @click=${() => this.resolve(false)}>${t('conflict.toForm')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-conflict-resolver': EhdsConflictResolver;
  }
}
