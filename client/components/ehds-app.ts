import { Router } from '@vaadin/router';
import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../i18n/common.ts';
import { LangController, lang, setLang, t } from '../i18n/index.ts';
import { NAV, navPathOf, routes } from '../routes.ts';
import { shared } from '../styles/shared.ts';

/**
 * The application frame: skip link, header with the language switch, main menu that marks where
 * you are, and the router outlet. After each navigation focus moves to the new view's heading.
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
  private router?: Router;

  private readonly onLocation = (e: Event) => {
    const pathname = (e as CustomEvent<{ location: { pathname: string } }>).detail.location.pathname;
    const first = this.router === undefined || this.current === undefined;
    this.current = navPathOf(pathname);
    if (!first) this.focusView();
  };

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('vaadin-router-location-changed', this.onLocation);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('vaadin-router-location-changed', this.onLocation);
  }

  firstUpdated() {
    const outlet = this.renderRoot.querySelector('main')!;
    this.router = new Router(outlet);
    void this.router.setRoutes(routes);
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
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => {
        e.preventDefault();
        this.renderRoot.querySelector('main')?.focus();
      }}>${t('app.skip')}</a>
      <header>
        <div class="bar">
          <a class="brand" href="/"><strong>${t('app.title')}</strong><span>${t('app.subtitle')}</span></a>
          <button type="button" lang=${lang() === 'nb' ? 'en' : 'nb'} aria-label=${t('app.lang.switchLabel')} @click=${this.switchLang}>
            ${t('app.lang.switch')}
          </button>
        </div>
      </header>
      <nav aria-label=${t('app.nav')}>
        <ul>
          ${NAV.map(
            (item) =>
              html`<li><a href=${item.path} aria-current=${this.current === item.path ? 'page' : 'false'}>${t(item.label)}</a></li>`,
          )}
        </ul>
      </nav>
      <main id="main" tabindex="-1"></main>
      <footer>${t('app.title')} · Helsedirektoratet</footer>
    `;
  }
}
