import { css, html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { ApiRequestError, api, ok } from '../api.ts';
import { describeError } from '../components/ehds-async-state.ts';
import '../i18n/accounts.ts';
import { LangController, t } from '../i18n/index.ts';
import { SIGNED_IN_EVENT } from '../session.ts';
import { shared } from '../styles/shared.ts';

/**
 * Logg inn: e-mail and password. A wrong password, a locked account (429, with how long to wait) or a
 * server that cannot be reached are said in words; on success the user goes back to where they were
 * (`?neste=`), or to the start page of their role.
 *
 * @fires ehds-signed-in - `detail.user`, `detail.next`: signed in; bubbles and is composed (ehds-app navigates).
 */
@customElement('ehds-login-page')
export class EhdsLoginPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .box { max-width: 26rem; margin: 2rem auto; padding: 1.5rem 1.75rem; }
      form { display: grid; gap: 1rem; }
      .field { margin: 0; }
      input { width: 100%; }
      .alert { margin: 0; }
      .alert:focus { outline: 3px solid var(--ehds-focus); outline-offset: 2px; }
    `,
  ];

  @state() private email = '';
  @state() private password = '';
  @state() private error = '';
  @state() private busy = false;
  @query('.alert') private alertBox?: HTMLElement;
  protected readonly i18n = new LangController(this);

  updated() {
    document.title = `${t('login.title')} – ${t('app.title')}`;
  }

  private async submit(e: Event) {
    e.preventDefault();
    if (this.busy) return;
    if (!this.email.trim() || !this.password) {
      await this.fail(t('login.missing'));
      return;
    }
    this.busy = true;
    try {
      const user = await ok(api.auth.login.$post({ json: { email: this.email.trim(), password: this.password } }), {
        signIn: true,
      });
      this.password = '';
      const next = new URLSearchParams(location.search).get('neste');
      this.dispatchEvent(new CustomEvent(SIGNED_IN_EVENT, { detail: { user, next }, bubbles: true, composed: true }));
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 401) await this.fail(t('login.wrong'));
      else if (err instanceof ApiRequestError && err.status === 429) {
        const seconds = Number((err.body?.error as { retry_after?: number } | undefined)?.retry_after ?? 900);
        await this.fail(t('login.locked', { minutes: Math.max(1, Math.ceil(seconds / 60)) }));
      } else await this.fail(describeError(err));
    } finally {
      this.busy = false;
    }
  }

  private async fail(message: string) {
    this.error = message;
    await this.updateComplete;
    this.alertBox?.focus();
  }

  render() {
    return html`
      <section class="card box" aria-labelledby="login-title">
        <h1 id="login-title">${t('login.title')}</h1>
        <p>${t('login.intro')}</p>
        <form novalidate @submit=${this.submit}>
          ${this.error ? html`<p class="alert" role="alert" tabindex="-1">${this.error}</p>` : nothing}
          <div class="field">
            <label for="email">${t('login.email')}</label>
            <input id="email" type="email" autocomplete="username" required .value=${this.email}
              @input=${(e: Event) => {
                this.email = (e.target as HTMLInputElement).value;
              }} />
          </div>
          <div class="field">
            <label for="password">${t('login.password')}</label>
            <input id="password" type="password" autocomplete="current-password" required .value=${this.password}
              @input=${(e: Event) => {
                this.password = (e.target as HTMLInputElement).value;
              }} />
          </div>
          <div><button type="submit" ?disabled=${this.busy}>${this.busy ? t('login.busy') : t('login.submit')}</button></div>
        </form>
        <p class="hint">${t('login.help')}</p>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-login-page': EhdsLoginPage;
  }
}
