import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import { describeError } from '../components/ehds-async-state.ts';
import '../i18n/accounts.ts';
import { LangController, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';

/** Referansegrupper (administrators): who is a member of which Xt-EHR reference group; add and remove members. */
@customElement('ehds-groups-page')
export class EhdsGroupsPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .groups { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 1rem; margin-top: 1rem; }
      .card h2 { margin-top: 0; font-size: 1.1rem; }
      ul { list-style: none; padding: 0; margin: 0 0 0.75rem; }
      li { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; padding: 0.3rem 0; border-bottom: 1px solid var(--ehds-border); }
      li button { font-size: 0.85rem; padding: 0.15rem 0.55rem; }
      form { display: flex; gap: 0.5rem; align-items: flex-end; flex-wrap: wrap; }
      form .field { margin: 0; flex: 1; min-width: 12rem; }
      select { width: 100%; }
    `,
  ];

  @state() private notice = '';
  @state() private error = '';
  /** The member chosen in each group's «add» list, by group id. */
  @state() private chosen = new Map<number, string>();
  protected readonly i18n = new LangController(this);

  private readonly data = new Task(this, {
    task: async (_args, { signal }) => {
      const [groups, members] = await Promise.all([
        ok(api['reference-groups'].$get({ query: { limit: '1000' } }, { init: { signal } })),
        ok(api.users.$get({ query: { role: 'reference_member', limit: '10000' } }, { init: { signal } })),
      ]);
      return { groups: groups.items, members: members.items };
    },
    args: () => [],
  });

  updated() {
    document.title = `${t('groups.title')} – ${t('app.title')}`;
  }

  private async add(e: Event, groupId: number, groupName: string) {
    e.preventDefault();
    const userId = Number(this.chosen.get(groupId) ?? 0);
    if (!userId) {
      this.error = t('groups.pickFirst');
      return;
    }
    try {
      await ok(
        api['reference-groups'][':id'].members.$post({ param: { id: String(groupId) }, json: { user_id: userId } }),
      );
      this.chosen = new Map(this.chosen).set(groupId, '');
      this.error = '';
      const who = this.data.value?.members.find((m) => m.id === userId)?.name ?? '';
      this.notice = t('groups.added', { name: who, group: groupName });
      await this.data.run();
    } catch (err) {
      this.error = describeError(err);
    }
  }

  private async removeMember(groupId: number, groupName: string, user: { id: number; name: string }) {
    try {
      await ok(
        api['reference-groups'][':id'].members[':userId'].$delete({
          param: { id: String(groupId), userId: String(user.id) },
        }),
      );
      this.error = '';
      this.notice = t('groups.removed', { name: user.name, group: groupName });
      await this.data.run();
    } catch (err) {
      this.error = describeError(err);
    }
  }

  render() {
    return html`
      <h1>${t('groups.title')}</h1>
      <p>${t('groups.intro')}</p>
      <div role="status">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      ${this.data.render({
        pending: () => html`<ehds-async-state status="loading"></ehds-async-state>`,
        error: (e) =>
          html`<ehds-async-state status="error" .error=${e} @ehds-retry-requested=${() => this.data.run()}></ehds-async-state>`,
        complete: ({ groups, members }) => html`<div class="groups">
          ${groups.map((g) => {
            const inGroup = members.filter((m) => m.reference_groups.some((rg) => rg.id === g.id));
            const others = members.filter((m) => m.active && !inGroup.includes(m));
            return html`<section class="card" aria-labelledby="g-${g.id}">
              <h2 id="g-${g.id}">${g.name}</h2>
              ${
                inGroup.length
                  ? html`<ul aria-label=${t('groups.membersOf', { group: g.name })}>
                      ${inGroup.map(
                        (m) => html`<li>
                          <span>${m.name}${m.organisation ? html` <span class="muted">· ${m.organisation}</span>` : nothing}${m.active ? nothing : html` <span class="muted">(${t('users.inactive')})</span>`}</span>
                          <button type="button" class="secondary" aria-label=${t('groups.removeLabel', { name: m.name, group: g.name })}
                            @click=${() => this.removeMember(g.id, g.name, m)}>${t('groups.remove')}</button>
                        </li>`,
                      )}
                    </ul>`
                  : html`<p class="muted">${t('groups.noMembers')}</p>`
              }
              <form novalidate @submit=${(e: Event) => this.add(e, g.id, g.name)}>
                <div class="field">
                  <label for="add-${g.id}">${t('groups.addTo', { group: g.name })}</label>
                  <select id="add-${g.id}" @change=${(e: Event) => {
                    this.chosen = new Map(this.chosen).set(g.id, (e.target as HTMLSelectElement).value);
                  }}>
                    <option value="" ?selected=${!this.chosen.get(g.id)}>${others.length ? t('groups.choose') : t('groups.noneLeft')}</option>
                    ${others.map((m) => html`<option value=${m.id} ?selected=${this.chosen.get(g.id) === String(m.id)}>${m.name} (${m.email})</option>`)}
                  </select>
                </div>
                <button type="submit" ?disabled=${others.length === 0}>${t('groups.add')}</button>
              </form>
            </section>`;
          })}
        </div>`,
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-groups-page': EhdsGroupsPage;
  }
}
