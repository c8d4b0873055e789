import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import '../i18n/rounds.ts';
import { formatDate, LangController, t } from '../i18n/index.ts';
import { isAdmin, type Session, sessionContext } from '../session.ts';
import { shared } from '../styles/shared.ts';

/** Høringsrunder: every consultation round with its group, status, period, days left and how much of the scope has input. */
@customElement('ehds-rounds-page')
export class EhdsRoundsPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .top { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      .status { font-weight: 600; }
      .status.open { color: var(--ehds-success); }
      .status.draft { color: var(--ehds-text-muted); }
    `,
  ];

  @consume({ context: sessionContext, subscribe: true }) private session?: Session;
  protected readonly i18n = new LangController(this);

  private readonly rounds = new Task(this, {
    task: async (_args, { signal }) => ok(api.rounds.$get({ query: { limit: '1000' } }, { init: { signal } })),
    args: () => [],
  });

  updated() {
    document.title = `${t('rounds.title')} – ${t('app.title')}`;
  }

  render() {
    return html`
      <div class="top">
        <h1>${t('rounds.title')}</h1>
        ${isAdmin(this.session?.user ?? null) ? html`<a class="button" href="/runder/ny">+ ${t('rounds.new')}</a>` : nothing}
      </div>
      <p>${t('rounds.intro')}</p>
      ${this.rounds.render({
        pending: () => html`<ehds-async-state status="loading"></ehds-async-state>`,
        error: (e) =>
          html`<ehds-async-state status="error" .error=${e} @ehds-retry-requested=${() => this.rounds.run()}></ehds-async-state>`,
        complete: ({ items }) =>
          items.length === 0
            ? html`<p>${t('rounds.none')}</p>`
            : html`<table>
                <caption class="visually-hidden">${t('rounds.title')}</caption>
                <thead><tr>
                  <th scope="col">${t('rounds.round')}</th>
                  <th scope="col">${t('rounds.group')}</th>
                  <th scope="col">${t('rounds.status')}</th>
                  <th scope="col">${t('rounds.period')}</th>
                  <th scope="col" class="num">${t('rounds.daysLeft')}</th>
                  <th scope="col" class="num">${t('rounds.scope')}</th>
                  <th scope="col" class="num">${t('rounds.withInput')}</th>
                  <th scope="col" class="num">${t('rounds.inputs')}</th>
                </tr></thead>
                <tbody>
                  ${items.map(
                    (r) => html`<tr>
                      <td><a href="/runder/${r.id}">${r.title}</a></td>
                      <td>${r.reference_group}</td>
                      <td><span class="status ${r.status}">${t(`round_status.${r.status}`)}</span></td>
                      <td>${formatDate(r.opens_on)}–${formatDate(r.closes_on)}</td>
                      <td class="num">${r.days_left ?? '–'}</td>
                      <td class="num">${r.scope_count}</td>
                      <td class="num">${Math.round(r.input_share * 100)} %</td>
                      <td class="num">${r.input_count}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>`,
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-rounds-page': EhdsRoundsPage;
  }
}
