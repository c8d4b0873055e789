import { html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LangController, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';

/** Shown for an address no view answers. */
@customElement('ehds-not-found-page')
export class EhdsNotFoundPage extends LitElement {
  static styles = shared;
  protected readonly i18n = new LangController(this);

  render() {
    return html`
      <h1>${t('common.notFound')}</h1>
      <p>${t('common.notFoundText', { path: location.pathname })}</p>
      <p><a href="/">${t('nav.dashboard')}</a></p>
    `;
  }
}
