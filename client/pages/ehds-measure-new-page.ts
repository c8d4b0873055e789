import { consume } from '@lit/context';
import type { PreventResult, RouterLocation } from '@vaadin/router';
import { Router } from '@vaadin/router';
import { css, html, LitElement } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import '../components/ehds-measure-form.ts';
import { REF_PATTERN } from '../../schema/types.ts';
import type { EhdsMeasureForm } from '../components/ehds-measure-form.ts';
import { LangController } from '../i18n/index.ts';
import { t } from '../i18n/measures.ts';
import { canWriteAnalysis, type Session, sessionContext } from '../session.ts';
import { shared } from '../styles/shared.ts';
import type { Measure } from './measures-data.ts';

/** Requirements named in the address (`/tiltak/ny?requirement=A2-05`), chosen up front. */
const requirementsOf = (search: string) =>
  new URLSearchParams(search)
    .getAll('requirement')
    .flatMap((v) => v.split(','))
    .filter((v) => REF_PATTERN.test(v));

/** Nytt tiltak: the measure form in create mode; after saving, the new measure's page, where it is scored. */
@customElement('ehds-measure-new-page')
export class EhdsMeasureNewPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .crumbs { list-style: none; display: flex; gap: 0.4rem; padding: 0; margin: 0 0 0.75rem; font-size: 0.92rem; }
      .crumbs li + li::before { content: '›'; margin-right: 0.4rem; color: var(--ehds-text-muted); }
      .lead { color: var(--ehds-text-muted); max-width: 60rem; }
      ehds-measure-form { max-width: 60rem; margin-top: 1rem; }
    `,
  ];

  @query('ehds-measure-form') private form?: EhdsMeasureForm;
  /** Who is signed in: a viewer is told instead of being given a form the server would refuse. */
  @consume({ context: sessionContext, subscribe: true }) @state() private session?: Session;
  private created = false;
  protected readonly i18n = new LangController(this);

  updated() {
    document.title = `${t('measure.newTitle')} – ${t('app.title')}`;
  }

  onBeforeLeave(_location: RouterLocation, commands: { prevent: () => PreventResult }) {
    if (!this.created && this.form?.dirty && !window.confirm(t('measure.leaveUnsaved'))) return commands.prevent();
    return undefined;
  }

  private onSaved(e: CustomEvent<{ measure: Measure }>) {
    this.created = true;
    Router.go(`/tiltak/${e.detail.measure.id}?ny=1`);
  }

  render() {
    return html`
      <nav aria-label=${t('measure.breadcrumb')}>
        <ol class="crumbs">
          <li><a href="/tiltak">${t('measures.title')}</a></li>
          <li aria-current="page">${t('measure.newTitle')}</li>
        </ol>
      </nav>
      <h1>${t('measure.newTitle')}</h1>
      <p class="lead">${t('measure.newLead')}</p>
      ${
        this.session?.user && !canWriteAnalysis(this.session.user)
          ? html`<p class="alert">${t('measure.readOnly')}</p>`
          : html`<ehds-measure-form .initialRequirements=${requirementsOf(location.search)} @ehds-measure-saved=${this.onSaved}></ehds-measure-form>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-measure-new-page': EhdsMeasureNewPage;
  }
}
