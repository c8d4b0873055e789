import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDateTime, LangController, register, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';

register({
  nb: {
    'history.create': 'opprettet',
    'history.update': 'endret',
    'history.delete': 'slettet',
    'history.by': 'av {who}',
    'history.from': 'fra',
    'history.to': 'til',
    'history.empty': '(tomt)',
    'history.more': 'Vis hele teksten',
  },
  en: {
    'history.create': 'created',
    'history.update': 'changed',
    'history.delete': 'deleted',
    'history.by': 'by {who}',
    'history.from': 'from',
    'history.to': 'to',
    'history.empty': '(empty)',
    'history.more': 'Show the whole text',
  },
});

export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  entity: string;
  action: 'create' | 'update' | 'delete';
  /** field → [old, new] */
  changes: Record<string, [unknown, unknown]>;
}

const LONG = 220;

/**
 * An audit trail, newest first: who, when (dd.mm.yyyy hh:mm) and for each field «old → new».
 * Labels and value formats come from the caller, so the list serves any entity.
 *
 * @csspart entry - one change.
 */
@customElement('ehds-history-list')
export class EhdsHistoryList extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      ol { list-style: none; margin: 0; padding: 0; border-left: 2px solid var(--ehds-border); }
      li.entry { position: relative; padding: 0 0 1rem 1.1rem; }
      li.entry::before { content: ''; position: absolute; left: -0.42rem; top: 0.35rem; width: 0.7rem; height: 0.7rem; border-radius: 50%; background: var(--ehds-bg); border: 2px solid var(--ehds-primary); }
      .head { display: flex; flex-wrap: wrap; gap: 0.2rem 0.6rem; align-items: baseline; }
      time { font-weight: 700; font-variant-numeric: tabular-nums; }
      .what { color: var(--ehds-text-muted); }
      dl { margin: 0.3rem 0 0; display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.25rem 0.9rem; font-size: 0.93rem; }
      dt { font-weight: 600; }
      dd { margin: 0; overflow-wrap: anywhere; }
      .old { color: var(--ehds-text-muted); text-decoration: line-through; text-decoration-color: #8a939c; }
      .new { color: var(--ehds-text); background: #eaf5ee; padding: 0 0.15rem; border-radius: 2px; text-decoration: none; }
      .arrow { margin: 0 0.35rem; color: var(--ehds-text-muted); }
      .empty { font-style: italic; }
      summary { cursor: pointer; color: var(--ehds-primary); }
    `,
  ];

  @property({ attribute: false }) entries: HistoryEntry[] = [];
  /** Label of a field of an entity. */
  @property({ attribute: false }) fieldLabel: (entity: string, field: string) => string = (_e, f) => f;
  /** Text of a field's value; return '' for «empty». */
  @property({ attribute: false }) formatValue: (field: string, value: unknown) => string = (_f, v) =>
    Array.isArray(v) ? v.join(', ') : v === null || v === undefined ? '' : String(v);
  /** Label of the entity, e.g. «Vurdering». */
  @property({ attribute: false }) entityLabel: (entity: string) => string = (e) => e;

  protected readonly i18n = new LangController(this);

  private value(field: string, value: unknown, cls: 'old' | 'new') {
    const text = this.formatValue(field, value);
    const Tag = cls === 'old' ? 'del' : 'ins';
    if (text === '') return html`<span class="${cls} empty">${t('history.empty')}</span>`;
    if (text.length <= LONG) {
      return Tag === 'del' ? html`<del class="old">${text}</del>` : html`<ins class="new">${text}</ins>`;
    }
    const short = `${text.slice(0, 120)}…`;
    return html`<details><summary>${short}</summary>${Tag === 'del' ? html`<del class="old">${text}</del>` : html`<ins class="new">${text}</ins>`}</details>`;
  }

  private change(entry: HistoryEntry, field: string, [before, after]: [unknown, unknown]) {
    const created = entry.action === 'create';
    return html`<dt>${this.fieldLabel(entry.entity, field)}</dt>
      <dd>
        ${
          created
            ? this.value(field, after, 'new')
            : html`<span class="visually-hidden">${t('history.from')}</span> ${this.value(field, before, 'old')}
              <span class="arrow" aria-hidden="true">→</span><span class="visually-hidden">${t('history.to')}</span>
              ${this.value(field, after, 'new')}`
        }
      </dd>`;
  }

  render() {
    if (this.entries.length === 0) return nothing;
    return html`<ol>
      ${this.entries.map(
        (entry) => html`<li class="entry" part="entry" data-entity=${entry.entity}>
          <div class="head">
            <time datetime=${entry.at}>${formatDateTime(entry.at)}</time>
            <span><strong>${this.entityLabel(entry.entity)}</strong> ${t(`history.${entry.action}`)} ${t('history.by', { who: entry.actor })}</span>
          </div>
          <dl>${Object.entries(entry.changes).map(([field, pair]) => this.change(entry, field, pair))}</dl>
        </li>`,
      )}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-history-list': EhdsHistoryList;
  }
}
