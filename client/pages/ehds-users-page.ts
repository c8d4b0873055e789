import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import { describeError } from '../components/ehds-async-state.ts';
import '../components/ehds-user-form.ts';
import type { User } from '../components/ehds-user-form.ts';
import '../i18n/accounts.ts';
import { LangController, t } from '../i18n/index.ts';
import { generatePassword, MIN_PASSWORD_LENGTH } from '../password.ts';
import { shared } from '../styles/shared.ts';

/** Brukere (administrators): every account with role, organisation and groups; add, change, deactivate, new password. */
@customElement('ehds-users-page')
export class EhdsUsersPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .top { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; }
      .new { margin: 1rem 0; padding: 1rem 1.25rem; }
      .new h2 { margin-top: 0; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.25rem; min-width: 9rem; }
      .actions button { font-size: 0.9rem; padding: 0.2rem 0.6rem; }
      tr.inactive td { color: var(--ehds-text-muted); }
      td.edit { background: var(--ehds-bg-subtle); }
      .reset { display: flex; gap: 0.5rem; align-items: flex-end; flex-wrap: wrap; }
      .reset .field { margin: 0; }
      code { font-size: 1rem; background: var(--ehds-bg-subtle); padding: 0.1rem 0.35rem; border-radius: 3px; }
    `,
  ];

  @state() private formOpen = false;
  /** Id of the user whose row shows the edit form, or the password form. */
  @state() private editing = 0;
  @state() private resetting = 0;
  @state() private newPassword = '';
  @state() private notice = '';
  @state() private handOver: { email: string; password: string } | null = null;
  @state() private error = '';
  protected readonly i18n = new LangController(this);

  private readonly data = new Task(this, {
    task: async (_args, { signal }) => {
      const [users, organisations] = await Promise.all([
        ok(api.users.$get({ query: { limit: '10000' } }, { init: { signal } })),
        ok(api.organisations.$get({ query: { limit: '10000' } }, { init: { signal } })),
      ]);
      return { users: users.items, organisations: organisations.items };
    },
    args: () => [],
  });

  updated() {
    document.title = `${t('users.title')} – ${t('app.title')}`;
  }

  private async done(notice: string) {
    this.notice = notice;
    this.error = '';
    this.editing = 0;
    this.resetting = 0;
    await this.data.run();
  }

  private async toggleActive(user: User) {
    try {
      await ok(
        api.users[':id'].$patch({
          param: { id: String(user.id) },
          json: { version: user.version, active: !user.active },
        }),
      );
      this.handOver = null;
      await this.done(t(user.active ? 'users.deactivated' : 'users.activated', { name: user.name }));
    } catch (err) {
      this.error = describeError(err);
    }
  }

  private async resetPassword(e: Event, user: User) {
    e.preventDefault();
    if (this.newPassword.length < MIN_PASSWORD_LENGTH) {
      this.error = t('account.tooShort');
      return;
    }
    try {
      await ok(
        api.users[':id'].password.$put({ param: { id: String(user.id) }, json: { password: this.newPassword } }),
      );
      this.handOver = { email: user.email, password: this.newPassword };
      this.newPassword = '';
      await this.done(t('users.passwordSet', { name: user.name }));
    } catch (err) {
      this.error = describeError(err);
    }
  }

  render() {
    return html`
      <div class="top">
        <h1>${t('users.title')}</h1>
        <button type="button" aria-expanded=${this.formOpen} aria-controls="new-user" @click=${() => {
          this.formOpen = !this.formOpen;
        }}>${this.formOpen ? t('users.closeForm') : `+ ${t('users.new')}`}</button>
      </div>
      <p>${t('users.intro')}</p>
      <div role="status">
        ${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}
        ${
          this.handOver
            ? html`<p class="notice">${t('users.handOver', { email: this.handOver.email })} <code>${this.handOver.password}</code></p>`
            : nothing
        }
      </div>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      ${this.data.render({
        pending: () => html`<ehds-async-state status="loading"></ehds-async-state>`,
        error: (e) =>
          html`<ehds-async-state status="error" .error=${e} @ehds-retry-requested=${() => this.data.run()}></ehds-async-state>`,
        complete: ({ users, organisations }) => html`
          <section id="new-user" class="card new" ?hidden=${!this.formOpen} aria-labelledby="new-user-title">
            <h2 id="new-user-title">${t('users.new')}</h2>
            ${
              this.formOpen
                ? html`<ehds-user-form .organisations=${organisations}
                    @ehds-user-saved=${(e: CustomEvent<{ user: User; password: string }>) => {
                      this.formOpen = false;
                      this.handOver = { email: e.detail.user.email, password: e.detail.password };
                      void this.done(t('users.created', { name: e.detail.user.name }));
                    }}
                    @ehds-user-cancelled=${() => {
                      this.formOpen = false;
                    }}></ehds-user-form>`
                : nothing
            }
          </section>
          ${this.renderTable(users, organisations)}
        `,
      })}
    `;
  }

  private renderTable(users: User[], organisations: { id: number; name: string }[]) {
    return html`<table>
      <caption class="visually-hidden">${t('users.title')}</caption>
      <thead>
        <tr>
          <th scope="col">${t('account.name')}</th>
          <th scope="col">${t('login.email')}</th>
          <th scope="col">${t('account.role')}</th>
          <th scope="col">${t('users.organisation')}</th>
          <th scope="col">${t('account.groups')}</th>
          <th scope="col">${t('users.status')}</th>
          <th scope="col"><span class="visually-hidden">${t('users.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        ${users.map(
          (u) => html`
            <tr class=${u.active ? '' : 'inactive'}>
              <td>${u.name}</td>
              <td>${u.email}</td>
              <td>${t(`role.${u.role}`)}</td>
              <td>${u.organisation ?? '–'}</td>
              <td>${u.reference_groups.map((g) => g.name).join(', ') || '–'}</td>
              <td>${u.active ? t('users.active') : t('users.inactive')}</td>
              <td><div class="actions">
                <button type="button" class="secondary" aria-expanded=${this.editing === u.id}
                  aria-label=${t('users.editLabel', { name: u.name })} @click=${() => {
                    this.editing = this.editing === u.id ? 0 : u.id;
                    this.resetting = 0;
                  }}>${t('users.edit')}</button>
                <button type="button" class="secondary" aria-expanded=${this.resetting === u.id}
                  aria-label=${t('users.resetLabel', { name: u.name })} @click=${() => {
                    this.resetting = this.resetting === u.id ? 0 : u.id;
                    this.editing = 0;
                    this.newPassword = generatePassword();
                  }}>${t('users.reset')}</button>
                <button type="button" class="secondary" aria-label=${t(u.active ? 'users.deactivateLabel' : 'users.activateLabel', { name: u.name })}
                  @click=${() => this.toggleActive(u)}>${u.active ? t('users.deactivate') : t('users.activate')}</button>
              </div></td>
            </tr>
            ${
              this.editing === u.id
                ? html`<tr><td class="edit" colspan="7">
                    <ehds-user-form .user=${u} .organisations=${organisations}
                      @ehds-user-saved=${() => this.done(t('users.saved', { name: u.name }))}
                      @ehds-user-cancelled=${() => {
                        this.editing = 0;
                      }}></ehds-user-form>
                  </td></tr>`
                : nothing
            }
            ${
              this.resetting === u.id
                ? html`<tr><td class="edit" colspan="7">
                    <form class="reset" novalidate @submit=${(e: Event) => this.resetPassword(e, u)}>
                      <div class="field">
                        <label for="reset-${u.id}">${t('users.newPasswordFor', { name: u.name })}</label>
                        <input id="reset-${u.id}" type="text" spellcheck="false" autocomplete="new-password" .value=${this.newPassword}
                          @input=${(e: Event) => {
                            this.newPassword = (e.target as HTMLInputElement).value;
                          }} />
                      </div>
                      <button type="submit">${t('users.setPassword')}</button>
                      <button type="button" class="secondary" @click=${() => {
                        this.resetting = 0;
                      }}>${t('common.cancel')}</button>
                    </form>
                  </td></tr>`
                : nothing
            }
          `,
        )}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-users-page': EhdsUsersPage;
  }
}
