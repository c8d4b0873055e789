import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { api, ok, type SuccessBody } from '../api.ts';
import '../i18n/accounts.ts';
import { LangController, t } from '../i18n/index.ts';
import { generatePassword, MIN_PASSWORD_LENGTH } from '../password.ts';
import type { Role } from '../session.ts';
import { shared } from '../styles/shared.ts';
import { type EhdsFormAlert, errorsFromServer, type FieldError } from './ehds-form-alert.ts';
import './ehds-form-alert.ts';

export type User = SuccessBody<Awaited<ReturnType<(typeof api.users)[':id']['$get']>>>;

const ROLES: Role[] = ['analyst', 'reference_member', 'viewer', 'admin'];

/**
 * Adds a user (e-mail, name, role, organisation, a first password that can be generated here) or, with
 * `user` set, changes name, role and organisation. The password is never sent back by the server: it is
 * shown here, once, for the administrator to hand over.
 *
 * @fires ehds-user-saved - `detail.user`, and `detail.password` for a new user; bubbles and is composed.
 * @fires ehds-user-cancelled - the form was closed without saving; bubbles and is composed.
 */
@customElement('ehds-user-form')
export class EhdsUserForm extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      form { display: grid; gap: 1rem; }
      .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; }
      .field { margin: 0; }
      input, select { width: 100%; }
      .password { display: flex; gap: 0.5rem; align-items: flex-end; }
      .password .field { flex: 1; }
      .buttons { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    `,
  ];

  /** The user to change; unset for a new one. */
  @property({ attribute: false }) user?: User;
  @property({ attribute: false }) organisations: { id: number; name: string }[] = [];

  @state() private value = { email: '', name: '', role: 'reference_member' as Role, organisation: '', password: '' };
  @state() private errors: FieldError[] = [];
  @state() private message = '';
  @state() private busy = false;
  @query('ehds-form-alert') private alertBox?: EhdsFormAlert;
  protected readonly i18n = new LangController(this);

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('user') && this.user) {
      const u = this.user;
      this.value = {
        email: u.email,
        name: u.name,
        role: u.role,
        organisation: u.organisation_id ? String(u.organisation_id) : '',
        password: '',
      };
    }
  }

  private set(key: keyof typeof this.value, v: string) {
    this.value = { ...this.value, [key]: v };
    this.errors = this.errors.filter((e) => e.field !== key);
  }

  private labels() {
    return {
      email: t('login.email'),
      name: t('account.name'),
      role: t('account.role'),
      organisation_id: t('users.organisation'),
      password: t('login.password'),
    };
  }

  private async submit(e: Event) {
    e.preventDefault();
    if (this.busy) return;
    const v = this.value;
    const errors: FieldError[] = [];
    const creating = !this.user;
    if (creating && !/^\S+@\S+\.\S+$/.test(v.email.trim()))
      errors.push({ field: 'email', label: t('login.email'), message: t('users.emailInvalid') });
    if (!v.name.trim()) errors.push({ field: 'name', label: t('account.name'), message: t('account.required') });
    if (creating && v.password.length < MIN_PASSWORD_LENGTH)
      errors.push({ field: 'password', label: t('login.password'), message: t('account.tooShort') });
    if (errors.length) {
      await this.fail(errors);
      return;
    }
    this.busy = true;
    try {
      const organisation_id = v.organisation ? Number(v.organisation) : null;
      const saved = this.user
        ? await ok(
            api.users[':id'].$patch({
              param: { id: String(this.user.id) },
              json: { version: this.user.version, name: v.name.trim(), role: v.role, organisation_id },
            }),
          )
        : await ok(
            api.users.$post({
              json: { email: v.email.trim(), name: v.name.trim(), role: v.role, organisation_id, password: v.password },
            }),
          );
      const password = creating ? v.password : undefined;
      this.value = { email: '', name: '', role: 'reference_member', organisation: '', password: '' };
      this.errors = [];
      this.message = '';
      this.dispatchEvent(
        new CustomEvent('ehds-user-saved', { detail: { user: saved, password }, bubbles: true, composed: true }),
      );
    } catch (err) {
      const { message, errors: fieldErrors } = errorsFromServer(err, this.labels());
      await this.fail(
        fieldErrors.map((f) => (f.field === 'organisation_id' ? { ...f, field: 'organisation' } : f)),
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

  private cancel() {
    this.dispatchEvent(new CustomEvent('ehds-user-cancelled', { bubbles: true, composed: true }));
  }

  render() {
    const v = this.value;
    const id = (f: string) => `${this.user ? `u${this.user.id}-` : 'new-'}${f}`;
    const err = (f: string) => this.errors.find((e) => e.field === f);
    const errorText = (f: string) =>
      err(f) ? html`<div class="field-error" id=${id(`${f}-error`)}>${err(f)!.message}</div>` : nothing;
    const described = (f: string) => (err(f) ? id(`${f}-error`) : nothing);
    return html`
      <form novalidate @submit=${this.submit} @ehds-field-focus-requested=${(e: CustomEvent<{ field: string }>) =>
        (this.renderRoot.querySelector(`#${id(e.detail.field)}`) as HTMLElement | null)?.focus()}>
        <ehds-form-alert .errors=${this.errors} message=${this.message}></ehds-form-alert>
        <div class="row">
          ${
            this.user
              ? nothing
              : html`<div class="field">
                  <label for=${id('email')}>${t('login.email')}</label>
                  <input id=${id('email')} type="email" autocomplete="off" .value=${v.email} aria-invalid=${err('email') ? 'true' : 'false'}
                    aria-describedby=${described('email')} @input=${(e: Event) => this.set('email', (e.target as HTMLInputElement).value)} />
                  ${errorText('email')}
                </div>`
          }
          <div class="field">
            <label for=${id('name')}>${t('account.name')}</label>
            <input id=${id('name')} type="text" autocomplete="off" .value=${v.name} aria-invalid=${err('name') ? 'true' : 'false'}
              aria-describedby=${described('name')} @input=${(e: Event) => this.set('name', (e.target as HTMLInputElement).value)} />
            ${errorText('name')}
          </div>
          <div class="field">
            <label for=${id('role')}>${t('account.role')}</label>
            <select id=${id('role')} @change=${(e: Event) => this.set('role', (e.target as HTMLSelectElement).value)}>
              ${ROLES.map((r) => html`<option value=${r} ?selected=${v.role === r}>${t(`role.${r}`)}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for=${id('organisation')}>${t('users.organisation')}</label>
            <select id=${id('organisation')} aria-describedby=${described('organisation')}
              @change=${(e: Event) => this.set('organisation', (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${v.organisation === ''}>${t('users.noOrganisation')}</option>
              ${this.organisations.map((o) => html`<option value=${o.id} ?selected=${v.organisation === String(o.id)}>${o.name}</option>`)}
            </select>
            ${errorText('organisation')}
          </div>
        </div>
        ${
          this.user
            ? nothing
            : html`<div class="password">
                <div class="field">
                  <label for=${id('password')}>${t('users.firstPassword')}</label>
                  <input id=${id('password')} type="text" autocomplete="new-password" spellcheck="false" .value=${v.password}
                    aria-invalid=${err('password') ? 'true' : 'false'} aria-describedby=${[described('password'), id('password-hint')].filter((x) => x !== nothing).join(' ')}
                    @input=${(e: Event) => this.set('password', (e.target as HTMLInputElement).value)} />
                  <div class="hint" id=${id('password-hint')}>${t('users.passwordHint')}</div>
                  ${errorText('password')}
                </div>
                <button type="button" class="secondary" @click=${() => this.set('password', generatePassword())}>${t('users.generate')}</button>
              </div>`
        }
        <div class="buttons">
          <button type="submit" ?disabled=${this.busy}>${this.user ? t('common.save') : t('users.create')}</button>
          <button type="button" class="secondary" @click=${this.cancel}>${t('common.cancel')}</button>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-user-form': EhdsUserForm;
  }
}
