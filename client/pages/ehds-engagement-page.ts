import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import '../components/ehds-meeting-timeline.ts';
import { type DatedMilestone, type MeetingInput, noteLabel } from '../components/ehds-meeting-timeline.ts';
import '../i18n/engagement.ts';
import { formatDate, LangController, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';

/** Forankring: the plan's phases and milestones, then every meeting by month with the input it produced. */
@customElement('ehds-engagement-page')
export class EhdsEngagementPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .summary { font-weight: 600; }
      ol.plan { list-style: none; display: flex; flex-wrap: wrap; gap: 0; margin: 0.75rem 0 1.5rem; padding: 0; counter-reset: step; }
      ol.plan li { flex: 1 1 9rem; min-width: 9rem; position: relative; padding: 2rem 0.75rem 0.5rem 0; counter-increment: step; }
      ol.plan li::before {
        content: counter(step); position: absolute; top: 0; left: 0; width: 1.6rem; height: 1.6rem; border-radius: 50%;
        background: var(--ehds-primary); color: var(--ehds-primary-contrast); font-weight: 700; font-size: 0.85rem;
        display: flex; align-items: center; justify-content: center; z-index: 1;
      }
      ol.plan li::after { content: ''; position: absolute; top: 0.75rem; left: 1.6rem; right: 0; height: 3px; background: var(--ehds-border); }
      ol.plan li:last-child::after { display: none; }
      ol.plan li.dated::before { border-radius: 3px; background: #8a5a00; }
      .code { display: inline-block; font-size: 0.8rem; font-weight: 700; border: 1px solid var(--ehds-primary); color: var(--ehds-primary); border-radius: 3px; padding: 0 0.3rem; margin-right: 0.3rem; }
      .ptitle { font-weight: 600; }
      .pdate { display: block; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
      .pdate.none { color: var(--ehds-text-muted); }
    `,
  ];

  protected readonly i18n = new LangController(this);

  private readonly data = new Task(this, {
    task: async (_args, { signal }) => {
      const init = { init: { signal } };
      const [meetings, inputs, milestones] = await Promise.all([
        ok(api.meetings.$get({ query: { limit: '10000' } }, init)),
        ok(api.inputs.$get({ query: { limit: '10000' } }, init)),
        ok(api.milestones.$get({}, init)),
      ]);
      const byMeeting = new Map<number, MeetingInput[]>();
      for (const i of inputs.items)
        if (i.meeting_id !== null) byMeeting.set(i.meeting_id, [...(byMeeting.get(i.meeting_id) ?? []), i]);
      return { meetings: meetings.items, byMeeting, plan: milestones.plan };
    },
    args: () => [],
  });

  updated() {
    document.title = `${t('engagement.title')} – ${t('app.title')}`;
  }

  render() {
    return html`
      <h1>${t('engagement.title')}</h1>
      <p>${t('engagement.intro')}</p>
      ${this.data.render({
        pending: () => html`<ehds-async-state status="loading"></ehds-async-state>`,
        error: (e) =>
          html`<ehds-async-state status="error" .error=${e} @ehds-retry-requested=${() => this.data.run()}></ehds-async-state>`,
        complete: (d) => {
          const dated: DatedMilestone[] = d.plan
            .filter((p) => p.date !== null)
            .map((p) => ({ date: p.date!, title: p.title, note: p.date_note }));
          const fromMeetings = [...d.byMeeting.values()].reduce((n, list) => n + list.length, 0);
          const first = d.meetings[0];
          const last = d.meetings[d.meetings.length - 1];
          return html`
            <p class="summary">
              ${t('engagement.summary', { count: d.meetings.length, from: formatDate(first?.date), to: formatDate(last?.date), inputs: fromMeetings })}
            </p>
            <h2>${t('engagement.planHeading')}</h2>
            <ol class="plan" aria-label=${t('engagement.planCaption')}>
              ${d.plan.map(
                (p) => html`<li class=${p.date ? 'dated' : ''}>
                  ${p.code ? html`<span class="code">${p.code}</span>` : nothing}<span class="ptitle">${p.title}</span>
                  ${
                    p.date
                      ? html`<time class="pdate" datetime=${p.date}>${formatDate(p.date)}${p.date_note ? ` (${noteLabel(p.date_note)})` : ''}</time>`
                      : html`<span class="pdate none">${t('engagement.phase')} – ${t('engagement.noDate')}</span>`
                  }
                </li>`,
              )}
            </ol>
            <h2>${t('engagement.meetingsHeading')}</h2>
            <ehds-meeting-timeline .meetings=${d.meetings} .inputsByMeeting=${d.byMeeting} .milestones=${dated}></ehds-meeting-timeline>
          `;
        },
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-engagement-page': EhdsEngagementPage;
  }
}
