import { provide } from '@lit/context';
import { Router } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../i18n/accounts.ts';
import '../i18n/common.ts';
import { LangController, lang, setLang, t } from '../i18n/index.ts';
import { NAV, navPathOf, routes, STAFF_ROLES } from '../routes.ts';
import {
  homeOf,
  isStaff,
  LOGIN_PATH,
  type Me,
  memberPaths,
  type Session,
  SIGNED_IN_EVENT,
  safeNext,
  sessionContext,
  UNAUTHORIZED_EVENT,
} from '../session.ts';
import { shared } from '../styles/shared.ts';

/**
 * The application frame: skip link, header with the signed-in user, sign-out and the language switch,
 * the main menu for the user's role, and the router outlet. Nothing but the sign-in page shows before
 * signing in; when the session ends (any 401), the user signs in again and comes back to where they were.
 * After each navigation focus moves to the new view's heading.
 */
@customElement('ehds-app')
export class EhdsApp extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: flex; flex-direction: column; min-height: 100vh; }
      .skip { position: absolute; left: -999px; top: 0; background: var(--ehds-bg); padding: 0.5rem 1rem; z-index: 10; }
      .skip:focus { left: 0.5rem; top: 0.5rem; }
      header { background: var(--ehds-primary); color: var(--ehds-primary-contrast); }
      .bar { display: flex; align-items: center; justify-content: space-between; gap: 1rem; max-width: 90rem; margin: 0 auto; padding: 0.6rem 1.25rem; }
      .brand { color: inherit; text-decoration: none; display: flex; flex-direction: column; }
      .brand strong { font-size: 1.15rem; }
      .brand span { font-size: 0.85rem; opacity: 0.9; }
      .brand:hover { color: inherit; }
      header button { background: transparent; border-color: var(--ehds-primary-contrast); }
      header button:hover { background: var(--ehds-primary-hover); }
      header :focus-visible { outline-color: #ffd29c; }
      .tools { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; justify-content: flex-end; }
      .who { display: flex; flex-direction: column; align-items: flex-end; font-size: 0.9rem; line-height: 1.3; }
      .who a { color: inherit; }
      .who .role { opacity: 0.9; font-size: 0.82rem; }
      nav { background: var(--ehds-bg-subtle); border-bottom: 1px solid var(--ehds-border); }
      nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0 auto; padding: 0 1rem; max-width: 90rem; }
      nav a { display: block; padding: 0.6rem 0.8rem; text-decoration: none; color: var(--ehds-text); border-bottom: 3px solid transparent; }
      nav a:hover { color: var(--ehds-primary); background: var(--ehds-bg); }
      nav a[aria-current='page'] { border-bottom-color: var(--ehds-primary); color: var(--ehds-primary); font-weight: 600; }
      main { flex: 1; width: 100%; max-width: 90rem; margin: 0 auto; padding: 1.25rem; }
      main:focus { outline: none; }
      footer { font-size: 0.85rem; color: var(--ehds-text-muted); text-align: center; padding: 1rem; border-top: 1px solid var(--ehds-border); }
    `,
  ];

  protected readonly i18n = new LangController(this);
  @state() private current = navPathOf(location.pathname);
  /** Who is signed in, for every element below. */
  @provide({ context: sessionContext }) @state() private session: Session = { user: null };
  /** False until the first answer to «who am I». */
  @state() private ready = false;
  private router?: Router;

  private readonly onUnauthorized = () => {
    if (location.pathname === LOGIN_PATH) return;
    this.session = { user: null };
    const next = `${location.pathname}${location.search}`;
    Router.go({ pathname: LOGIN_PATH, search: `?neste=${encodeURIComponent(next)}`, hash: '' });
  };

  private readonly onSignedIn = (e: Event) => {
    const { user, next } = (e as CustomEvent<{ user: Me; next: string | null }>).detail;
    this.session = { user };
    const target = safeNext(next);
    const allowed = target && (isStaff(user) || memberPaths(target.split('?')[0] ?? ''));
    const [pathname, search = ''] = (allowed ? target : homeOf(user)).split('?');
    Router.go({ pathname: pathname ?? '/', search: search ? `?${search}` : '', hash: '' });
  };

  private readonly onLocation = (e: Event) => {
    const pathname = (e as CustomEvent<{ location: { pathname: string } }>).detail.location.pathname;
    const first = this.router === undefined || this.current === undefined;
    this.current = navPathOf(pathname);
    const user = this.session.user;
    if (user && !isStaff(user) && !memberPaths(pathname)) {
      // The rest of the tool is the analysts'; the server would refuse it anyway.
      Router.go(homeOf(user));
      return;
    }
    if (!first) this.focusView();
  };

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('vaadin-router-location-changed', this.onLocation);
    window.addEventListener(UNAUTHORIZED_EVENT, this.onUnauthorized);
    this.addEventListener(SIGNED_IN_EVENT, this.onSignedIn);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('vaadin-router-location-changed', this.onLocation);
    window.removeEventListener(UNAUTHORIZED_EVENT, this.onUnauthorized);
    this.removeEventListener(SIGNED_IN_EVENT, this.onSignedIn);
  }

  async firstUpdated() {
    let user: Me | null = null;
    try {
      user = await ok(api.auth.me.$get(), { signIn: true });
    } catch {
      user = null; // not signed in (401), or the server is away: the sign-in page says which when used
    }
    this.session = { user };
    // Before the router starts: send the user where they may be, keeping where they wanted to go.
    const here = `${location.pathname}${location.search}`;
    if (!user && location.pathname !== LOGIN_PATH) {
      history.replaceState(null, '', `${LOGIN_PATH}?neste=${encodeURIComponent(here)}`);
    } else if (user && (location.pathname === LOGIN_PATH || (!isStaff(user) && !memberPaths(location.pathname)))) {
      history.replaceState(null, '', safeNext(new URLSearchParams(location.search).get('neste')) ?? homeOf(user));
    }
    this.current = navPathOf(location.pathname);
    this.ready = true;
    await this.updateComplete;
    const outlet = this.renderRoot.querySelector('main')!;
    this.router = new Router(outlet);
    void this.router.setRoutes(routes);
  }

  private async signOut() {
    try {
      await ok(api.auth.logout.$post(), { signIn: true });
    } catch {
      // Already ended on the server: signing out here is all that is left.
    }
    this.session = { user: null };
    Router.go({ pathname: LOGIN_PATH, search: '', hash: '' });
  }

  /** Moves focus to the new view's first heading so screen readers announce the page. */
  private async focusView() {
    await new Promise((r) => requestAnimationFrame(r));
    const main = this.renderRoot.querySelector('main');
    const view = main?.firstElementChild as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    await view?.updateComplete;
    const heading = view?.shadowRoot?.querySelector('h1') as HTMLElement | null;
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    } else main?.focus();
  }

  private switchLang() {
    setLang(lang() === 'nb' ? 'en' : 'nb');
  }

  render() {
    const user = this.session.user;
    if (!this.ready) return html`<main id="main" tabindex="-1"></main>`;
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => {
        e.preventDefault();
        this.renderRoot.querySelector('main')?.focus();
      }}>${t('app.skip')}</a>
      <header>
        <div class="bar">
          <a class="brand" href=${homeOf(user)}><strong>${t('app.title')}</strong><span>${t('app.subtitle')}</span></a>
          <div class="tools">
            ${
              user
                ? html`<div class="who">
                      <a href="/min-konto">${user.name}</a>
                      <span class="role">${t(`role.${user.role}`)}</span>
                    </div>
                    <button type="button" @click=${this.signOut}>${t('auth.signOut')}</button>`
                : nothing
            }
            <button type="button" lang=${lang() === 'nb' ? 'en' : 'nb'} aria-label=${t('app.lang.switchLabel')} @click=${this.switchLang}>
              ${t('app.lang.switch')}
            </button>
          </div>
        </div>
      </header>
      ${
        user
          ? html`<nav aria-label=${t('app.nav')}>
              <ul>
                ${NAV.filter((item) => (item.roles ?? STAFF_ROLES).includes(user.role)).map(
                  (item) =>
                    html`<li><a href=${item.path} aria-current=${this.current === item.path ? 'page' : 'false'}>${t(item.label)}</a></li>`,
                )}
              </ul>
            </nav>`
          : nothing
      }
      <main id="main" tabindex="-1"></main>
      <footer>${t('app.title')} · Helsedirektoratet</footer>
    `;
  }
}
