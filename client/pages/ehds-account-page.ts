import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import { type EhdsFormAlert, errorsFromServer, type FieldError } from '../components/ehds-form-alert.ts';
import '../components/ehds-form-alert.ts';
import '../i18n/accounts.ts';
import { LangController, t } from '../i18n/index.ts';
import { type Session, sessionContext } from '../session.ts';
import { shared } from '../styles/shared.ts';

/** Min konto: who you are, your role and groups, and changing your password. */
@customElement('ehds-account-page')
export class EhdsAccountPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; max-width: 40rem; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; }
      dt { font-weight: 600; }
      dd { margin: 0; }
      form { display: grid; gap: 1rem; max-width: 26rem; }
      .field { margin: 0; }
      input { width: 100%; }
    `,
  ];

  @consume({ context: sessionContext, subscribe: true }) private session?: Session;
  @state() private current = '';
  @state() private next = '';
  @state() private errors: FieldError[] = [];
  @state() private message = '';
  @state() private notice = '';
  @state() private busy = false;
  @query('ehds-form-alert') private alertBox?: EhdsFormAlert;
  protected readonly i18n = new LangController(this);

  updated() {
    document.title = `${t('account.title')} – ${t('app.title')}`;
  }

  private async submit(e: Event) {
    e.preventDefault();
    if (this.busy) return;
    this.notice = '';
    const errors: FieldError[] = [];
    if (!this.current) errors.push({ field: 'current', label: t('account.current'), message: t('account.required') });
    if (this.next.length < 12) errors.push({ field: 'next', label: t('account.new'), message: t('account.tooShort') });
    if (errors.length) {
      await this.fail(errors);
      return;
    }
    this.busy = true;
    try {
      await ok(api.auth.password.$put({ json: { current_password: this.current, new_password: this.next } }));
      this.current = '';
      this.next = '';
      this.errors = [];
      this.message = '';
      this.notice = t('account.changed');
    } catch (err) {
      const { message, errors: fieldErrors } = errorsFromServer(err, {
        current_password: t('account.current'),
        new_password: t('account.new'),
      });
      await this.fail(
        fieldErrors.map((f) => ({ ...f, field: f.field === 'current_password' ? 'current' : 'next' })),
        message,
      );
    } finally {
      this.busy = false;
    }
  }

  private async fail(errors: FieldError[], message = '') {
    this.errors = errors;
    this.message = message;
    await this.updateComplete;
    this.alertBox?.focus();
  }

  render() {
    const user = this.session?.user;
    if (!user) return nothing;
    const err = (f: string) => this.errors.find((e) => e.field === f);
    return html`
      <h1>${t('account.title')}</h1>
      <dl>
        <dt>${t('account.name')}</dt><dd>${user.name}</dd>
        <dt>${t('login.email')}</dt><dd>${user.email}</dd>
        <dt>${t('account.role')}</dt><dd>${t(`role.${user.role}`)}</dd>
        ${user.organisation ? html`<dt>${t('users.organisation')}</dt><dd>${user.organisation}</dd>` : nothing}
        ${
          user.reference_groups.length
            ? html`<dt>${t('account.groups')}</dt><dd>${user.reference_groups.map((g) => g.name).join(', ')}</dd>`
            : nothing
        }
      </dl>
      <h2>${t('account.changePassword')}</h2>
      <div role="status">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      <form novalidate @submit=${this.submit} @ehds-field-focus-requested=${(e: CustomEvent<{ field: string }>) =>
        (this.renderRoot.querySelector(`#${e.detail.field}`) as HTMLElement | null)?.focus()}>
        <ehds-form-alert .errors=${this.errors} message=${this.message}></ehds-form-alert>
        <div class="field">
          <label for="current">${t('account.current')}</label>
          <input id="current" type="password" autocomplete="current-password" .value=${this.current}
            aria-invalid=${err('current') ? 'true' : 'false'} aria-describedby=${err('current') ? 'current-error' : nothing}
            @input=${(e: Event) => {
              this.current = (e.target as HTMLInputElement).value;
            }} />
          ${err('current') ? html`<div class="field-error" id="current-error">${err('current')!.message}</div>` : nothing}
        </div>
        <div class="field">
          <label for="next">${t('account.new')}</label>
          <input id="next" type="password" autocomplete="new-password" .value=${this.next}
            aria-invalid=${err('next') ? 'true' : 'false'} aria-describedby=${err('next') ? 'next-error next-hint' : 'next-hint'}
            @input=${(e: Event) => {
              this.next = (e.target as HTMLInputElement).value;
            }} />
          <div class="hint" id="next-hint">${t('account.newHint')}</div>
          ${err('next') ? html`<div class="field-error" id="next-error">${err('next')!.message}</div>` : nothing}
        </div>
        <div><button type="submit" ?disabled=${this.busy}>${t('account.submit')}</button></div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-account-page': EhdsAccountPage;
  }
}
