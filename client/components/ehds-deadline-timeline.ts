import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDate, LangController, register, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';

register({
  nb: {
    'timeline.axis': 'Tidslinje {from}–{to}',
    'timeline.today': 'I dag',
    'timeline.due': '{count} krav har frist',
    'timeline.dueNone': 'Ingen krav har denne fristen',
    'timeline.notCovered': '{count} ikke dekket',
    'timeline.allCovered': 'Alle dekket eller ikke relevante',
    'timeline.share': '{done} av {total} dekket eller ikke relevante',
  },
  en: {
    'timeline.axis': 'Timeline {from}–{to}',
    'timeline.today': 'Today',
    'timeline.due': '{count} requirements due',
    'timeline.dueNone': 'No requirement has this deadline',
    'timeline.notCovered': '{count} not covered',
    'timeline.allCovered': 'All covered or not applicable',
    'timeline.share': '{done} of {total} covered or not applicable',
  },
});

export interface TimelineItem {
  /** ISO date, `2029-03-26`. */
  date: string;
  title: string;
  description?: string;
  /** Requirements due on the date. */
  total: number;
  /** Of those, how many are not covered yet. */
  notCovered: number;
  /** The list of all requirements due. */
  hrefDue: string;
  /** The list of those not covered. */
  hrefNotCovered: string;
}

const yearFraction = (iso: string, from: number, to: number) => {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  const start = Date.UTC(from, 0, 1);
  const end = Date.UTC(to + 1, 0, 1);
  return Math.min(1, Math.max(0, (d.getTime() - start) / (end - start)));
};

/**
 * The legal deadlines on a time axis (years `from`–`to`), and under it one card per date with how
 * many requirements fall due and how many of them are not covered, each figure a link to the list.
 * The axis is decorative; the ordered list of cards carries the content.
 *
 * @csspart axis - the time axis.
 * @csspart item - one date's card.
 */
@customElement('ehds-deadline-timeline')
export class EhdsDeadlineTimeline extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .axis { position: relative; height: 4.2rem; margin: 0.5rem 1rem 0.75rem; }
      .line { position: absolute; left: 0; right: 0; top: 1.6rem; height: 4px; background: var(--ehds-border); border-radius: 2px; }
      .tick { position: absolute; top: 1.35rem; width: 1px; height: 0.9rem; background: #8a939c; }
      .year { position: absolute; top: 2.5rem; transform: translateX(-50%); font-size: 0.8rem; color: var(--ehds-text-muted); font-variant-numeric: tabular-nums; }
      .marker {
        position: absolute; top: 1.05rem; width: 1.2rem; height: 1.2rem; transform: translateX(-50%) rotate(45deg);
        background: var(--ehds-primary); border: 2px solid #fff; box-shadow: 0 0 0 1px var(--ehds-primary);
      }
      .marker.open { background: var(--ehds-not-covered); box-shadow: 0 0 0 1px #8a3d00; }
      .today { position: absolute; top: 0.85rem; width: 2px; height: 1.5rem; background: var(--ehds-focus); }
      .today-label { position: absolute; top: -0.35rem; transform: translateX(-50%); font-size: 0.8rem; font-weight: 700; color: var(--ehds-focus); background: var(--ehds-bg); padding: 0 0.2rem; }
      ol { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0.75rem; }
      li { border: 1px solid var(--ehds-border); border-top: 4px solid var(--ehds-primary); border-radius: var(--ehds-radius); padding: 0.75rem 0.9rem; background: var(--ehds-bg); display: flex; flex-direction: column; gap: 0.35rem; }
      li.open { border-top-color: var(--ehds-not-covered); }
      time { font-weight: 700; font-size: 1.05rem; }
      .title { font-size: 0.92rem; }
      .figures { margin-top: auto; display: flex; flex-direction: column; gap: 0.2rem; padding-top: 0.35rem; }
      .not-covered { font-weight: 700; }
      .meter { height: 0.45rem; background: var(--ehds-not-assessed); border-radius: 3px; overflow: hidden; }
      .meter span { display: block; height: 100%; background: var(--ehds-covered); }
    `,
  ];

  @property({ attribute: false }) items: TimelineItem[] = [];
  @property({ type: Number }) from = 2025;
  @property({ type: Number }) to = 2035;
  /** Where «I dag» is drawn; defaults to the current date. */
  @property() today = new Date().toISOString().slice(0, 10);

  protected readonly i18n = new LangController(this);

  private axis() {
    const years = Array.from({ length: this.to - this.from + 2 }, (_, i) => this.from + i);
    const pct = (f: number) => `${(f * 100).toFixed(2)}%`;
    const todayAt = yearFraction(this.today, this.from, this.to);
    const showToday = this.today >= `${this.from}` && this.today <= `${this.to + 1}`;
    return html`<div class="axis" part="axis" aria-hidden="true" title=${t('timeline.axis', { from: this.from, to: this.to })}>
      <div class="line"></div>
      ${years.map((y) => {
        const at = pct((y - this.from) / (this.to + 1 - this.from));
        return html`<span class="tick" style="left:${at}"></span>${y <= this.to ? html`<span class="year" style="left:${at}">${y}</span>` : nothing}`;
      })}
      ${showToday ? html`<span class="today" style="left:${pct(todayAt)}"></span><span class="today-label" style="left:${pct(todayAt)}">${t('timeline.today')}</span>` : nothing}
      ${this.items.map((item) => {
        const at = pct(yearFraction(item.date, this.from, this.to));
        return html`<span class="marker ${item.notCovered > 0 ? 'open' : ''}" style="left:${at}"></span>`;
      })}
    </div>`;
  }

  private card(item: TimelineItem) {
    const done = item.total - item.notCovered;
    return html`<li part="item" class=${item.notCovered > 0 ? 'open' : ''}>
      <time datetime=${item.date}>${formatDate(item.date)}</time>
      <span class="title">${item.title}</span>
      <div class="figures">
        ${
          item.total === 0
            ? html`<span class="muted">${t('timeline.dueNone')}</span>`
            : html`
              <a href=${item.hrefDue}>${t('timeline.due', { count: item.total })}</a>
              ${
                item.notCovered > 0
                  ? html`<a class="not-covered badge not_covered" href=${item.hrefNotCovered}>${t('timeline.notCovered', { count: item.notCovered })}</a>`
                  : html`<span class="badge covered">${t('timeline.allCovered')}</span>`
              }
              <div class="meter" role="img" aria-label=${t('timeline.share', { done, total: item.total })}>
                <span style="width:${(done / item.total) * 100}%"></span>
              </div>`
        }
      </div>
    </li>`;
  }

  render() {
    return html`${this.axis()}<ol>${this.items.map((item) => this.card(item))}</ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-deadline-timeline': EhdsDeadlineTimeline;
  }
}
