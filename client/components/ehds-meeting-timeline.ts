import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { api, SuccessBody } from '../api.ts';
import '../i18n/engagement.ts';
import { formatDate, LangController, lang, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';

export type Meeting = SuccessBody<Awaited<ReturnType<typeof api.meetings.$get>>>['items'][number];
export type MeetingInput = SuccessBody<Awaited<ReturnType<typeof api.inputs.$get>>>['items'][number];
export interface DatedMilestone {
  date: string;
  title: string;
  note: string | null;
}

type Entry =
  | { kind: 'meeting'; date: string; meeting: Meeting }
  | { kind: 'milestone'; date: string; milestone: DatedMilestone };

/** The plan's date notes are Norwegian; the one we know is shown in the active language. */
export const noteLabel = (note: string) =>
  note.trim().toLowerCase() === 'tentativt' ? t('engagement.tentative') : note;

/** `2024-08` → «August 2024» / «august 2024» in the active language, first letter upper-case. */
function monthName(key: string) {
  const [y, m] = key.split('-').map(Number);
  const name = new Intl.DateTimeFormat(lang() === 'nb' ? 'nb-NO' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y!, m! - 1, 1)));
  return name.charAt(0).toLocaleUpperCase() + name.slice(1);
}

/**
 * Meetings as a timeline grouped by month, with the plan's dated milestones in their place. Each
 * meeting shows its forum, organisations and areas, and how many inputs it produced; a disclosure
 * button lists them.
 *
 * @csspart month - one month's heading.
 */
@customElement('ehds-meeting-timeline')
export class EhdsMeetingTimeline extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      [hidden] { display: none !important; }
      section.month { margin-bottom: 1.25rem; }
      h3 { font-size: 1.05rem; margin: 0 0 0.5rem; padding-bottom: 0.25rem; border-bottom: 2px solid var(--ehds-border); }
      ol { list-style: none; margin: 0; padding: 0 0 0 1.25rem; border-left: 3px solid var(--ehds-border); }
      li { position: relative; display: grid; grid-template-columns: 6.5rem minmax(0, 1fr); gap: 1rem; padding: 0.5rem 0 0.6rem; }
      li::before { content: ''; position: absolute; left: calc(-1.25rem - 8px); top: 0.85rem; width: 0.8rem; height: 0.8rem; border-radius: 50%; background: var(--ehds-primary); border: 2px solid var(--ehds-bg); }
      li.milestone::before { border-radius: 2px; transform: rotate(45deg); background: #8a5a00; }
      time { font-weight: 700; font-variant-numeric: tabular-nums; }
      h4 { font-size: 1rem; margin: 0 0 0.15rem; }
      .milestone .label { display: inline-block; font-size: 0.8rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.03em; color: #6b4500; margin-right: 0.4rem; }
      .milestone .what { font-weight: 600; }
      dl { display: flex; flex-wrap: wrap; gap: 0.1rem 1.25rem; margin: 0.15rem 0 0; font-size: 0.9rem; }
      dl div { display: flex; gap: 0.35rem; }
      dt { color: var(--ehds-text-muted); }
      dt::after { content: ':'; }
      dd { margin: 0; }
      .inputs { margin-top: 0.35rem; font-size: 0.9rem; }
      .toggle { font-size: 0.9rem; padding: 0.15rem 0.6rem; }
      ul.input-list { margin: 0.5rem 0 0; padding-left: 1.1rem; display: grid; gap: 0.35rem; }
      .imeta { color: var(--ehds-text-muted); }
    `,
  ];

  @property({ attribute: false }) meetings: Meeting[] = [];
  /** The inputs each meeting produced, by meeting id. */
  @property({ attribute: false }) inputsByMeeting = new Map<number, MeetingInput[]>();
  /** Plan milestones with a date, placed among the meetings. */
  @property({ attribute: false }) milestones: DatedMilestone[] = [];

  @state() private open = new Set<number>();
  protected readonly i18n = new LangController(this);

  private toggle(id: number) {
    const next = new Set(this.open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.open = next;
  }

  render() {
    const entries: Entry[] = [
      ...this.meetings.map((meeting) => ({ kind: 'meeting' as const, date: meeting.date, meeting })),
      ...this.milestones.map((milestone) => ({ kind: 'milestone' as const, date: milestone.date, milestone })),
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind === 'meeting' ? -1 : 1));
    const months = new Map<string, Entry[]>();
    for (const e of entries) {
      const key = e.date.slice(0, 7);
      months.set(key, [...(months.get(key) ?? []), e]);
    }
    return html`${[...months].map(([key, list]) => {
      const count = list.filter((e) => e.kind === 'meeting').length;
      const month = monthName(key);
      const heading =
        count === 0
          ? t('engagement.monthNone', { month })
          : count === 1
            ? t('engagement.monthOne', { month })
            : t('engagement.month', { month, count });
      return html`<section class="month" aria-labelledby="m-${key}">
        <h3 id="m-${key}" part="month">${heading}</h3>
        <ol>${list.map((e) => (e.kind === 'meeting' ? this.renderMeeting(e.meeting) : this.renderMilestone(e.milestone)))}</ol>
      </section>`;
    })}`;
  }

  private renderMilestone(m: DatedMilestone) {
    return html`<li class="milestone">
      <time datetime=${m.date}>${formatDate(m.date)}</time>
      <div><span class="label">${t('engagement.milestone')}</span><span class="what">${m.title}</span>${m.note ? ` (${noteLabel(m.note)})` : ''}</div>
    </li>`;
  }

  private renderMeeting(m: Meeting) {
    const inputs = this.inputsByMeeting.get(m.id) ?? [];
    const open = this.open.has(m.id);
    return html`<li class="meeting">
      <time datetime=${m.date}>${formatDate(m.date)}</time>
      <div>
        <h4>${m.title}</h4>
        <dl>
          ${m.forum && m.forum !== m.title ? html`<div><dt>${t('engagement.forum')}</dt><dd>${m.forum}</dd></div>` : nothing}
          ${m.organisations.length ? html`<div><dt>${t('engagement.organisations')}</dt><dd>${m.organisations.map((o) => o.short_name ?? o.name).join(', ')}</dd></div>` : nothing}
          ${
            m.areas.length
              ? html`<div><dt>${t('engagement.areas')}</dt><dd>${m.areas.map((a, i) => html`${i ? ', ' : ''}<abbr title=${t(`area.${a}`)}>${a}</abbr>`)}</dd></div>`
              : nothing
          }
          <div><dt>${t('engagement.inputs')}</dt><dd>${m.input_count}</dd></div>
        </dl>
        ${
          inputs.length
            ? html`<div class="inputs">
                <button type="button" class="secondary toggle" aria-expanded=${open} aria-controls="in-${m.id}" @click=${() => this.toggle(m.id)}>
                  ${open ? t('engagement.hideInputs') : t('engagement.showInputs', { count: inputs.length })}
                </button>
                <ul class="input-list" id="in-${m.id}" ?hidden=${!open} aria-label=${t('engagement.inputsFrom', { title: m.title, date: formatDate(m.date) })}>
                  ${inputs.map(
                    (i) => html`<li>${i.text}
                      <span class="imeta">(${t(`input_type.${i.type}`)} · ${t(`disposition.${i.disposition}`)}${i.organisation ? ` · ${i.organisation}` : ''})</span></li>`,
                  )}
                </ul>
              </div>`
            : nothing
        }
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-meeting-timeline': EhdsMeetingTimeline;
  }
}
