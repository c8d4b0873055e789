import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import '../i18n/rounds.ts';
import { formatDate, LangController, t } from '../i18n/index.ts';
import { type Session, sessionContext } from '../session.ts';
import { shared } from '../styles/shared.ts';

/** Mine høringsrunder: a reference-group member's rounds, the open ones first, each a link to give input. */
@customElement('ehds-member-rounds-page')
export class EhdsMemberRoundsPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; max-width: 60rem; }
      ul { list-style: none; padding: 0; display: grid; gap: 0.75rem; }
      .card h2 { margin: 0 0 0.35rem; font-size: 1.15rem; }
      .card p { margin: 0.2rem 0; }
      .open { color: var(--ehds-success); font-weight: 600; }
    `,
  ];

  @consume({ context: sessionContext, subscribe: true }) private session?: Session;
  protected readonly i18n = new LangController(this);

  private readonly rounds = new Task(this, {
    task: async (_args, { signal }) => ok(api.rounds.$get({ query: { limit: '1000' } }, { init: { signal } })),
    args: () => [],
  });

  updated() {
    document.title = `${t('member.roundsTitle')} – ${t('app.title')}`;
  }

  render() {
    const groups = this.session?.user?.reference_groups ?? [];
    return html`
      <h1>${t('member.roundsTitle')}</h1>
      <p>${groups.length ? t('member.groupsIntro', { groups: groups.map((g) => g.name).join(', ') }) : t('member.noGroups')}</p>
      ${this.rounds.render({
        pending: () => html`<ehds-async-state status="loading"></ehds-async-state>`,
        error: (e) =>
          html`<ehds-async-state status="error" .error=${e} @ehds-retry-requested=${() => this.rounds.run()}></ehds-async-state>`,
        complete: ({ items }) => {
          const sorted = [...items].sort((a, b) => Number(b.accepting_input) - Number(a.accepting_input));
          return sorted.length
            ? html`<ul>
                ${sorted.map(
                  (r) => html`<li class="card">
                    <h2><a href="/mine-runder/${r.id}">${r.title}</a></h2>
                    <p>${r.reference_group} · ${t('member.requirements', { count: r.scope_count })}</p>
                    <p>
                      ${
                        r.accepting_input
                          ? html`<span class="open">${t('member.openUntil', { date: formatDate(r.closes_on), days: r.days_left ?? 0 })}</span>`
                          : html`${t('member.closedOn', { date: formatDate(r.closes_on) })}`
                      }
                    </p>
                  </li>`,
                )}
              </ul>`
            : html`<p>${t('member.noRounds')}</p>`;
        },
      })}
      ${nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-member-rounds-page': EhdsMemberRoundsPage;
  }
}
