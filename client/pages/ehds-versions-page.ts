import { Task, TaskStatus } from '@lit/task';
import { Router } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ok, type SuccessBody } from '../api.ts';
import '../components/ehds-async-state.ts';
import '../components/ehds-version-freezer.ts';
import '../components/ehds-version-pair-picker.ts';
import { type ComparisonRequest, compareHref } from '../components/ehds-version-pair-picker.ts';
import { formatDate, formatDateTime, LangController, t } from '../i18n/index.ts';
import '../i18n/versions.ts';
import { shared } from '../styles/shared.ts';
import { toSearch } from '../url-state.ts';

export type VersionList = SuccessBody<Awaited<ReturnType<typeof api.versions.$get>>>;
type Version = VersionList['items'][number];

const COVERAGE = ['covered', 'partially_covered', 'not_covered', 'not_applicable', 'not_assessed'] as const;

/** Who is signed in; null when that cannot be told (the server decides what is allowed anyway). */
const whoAmI = (signal: AbortSignal) => ok(api.auth.me.$get({}, { init: { signal } })).catch(() => null);

/**
 * Versjoner: the frozen versions with date, note and counts, the form that freezes a new one, and the
 * choice of two versions (or a version and now) to compare.
 */
@customElement('ehds-versions-page')
export class EhdsVersionsPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .intro { max-width: 62rem; }
      section { margin: 1.5rem 0; }
      .panel { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 1rem 1.25rem; background: var(--ehds-bg); }
      .panel h2 { margin-top: 0; }
      .columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
      @media (max-width: 64rem) { .columns { grid-template-columns: 1fr; } }
      .table-wrap { overflow-x: auto; }
      tbody th { background: none; font-size: 1.05rem; }
      .frozen { display: block; font-size: 0.8rem; font-weight: 400; color: var(--ehds-text-muted); max-width: 11rem; }
      td.num { font-variant-numeric: tabular-nums; }
      td.note { min-width: 14rem; max-width: 26rem; white-space: pre-wrap; }
      ul.cov { list-style: none; margin: 0; padding: 0; font-size: 0.9rem; }
      ul.cov li { display: flex; justify-content: space-between; gap: 0.75rem; }
      ul.cov .n { font-variant-numeric: tabular-nums; font-weight: 600; }
      .actions { display: flex; flex-direction: column; gap: 0.3rem; min-width: 8rem; }
      .small { font-size: 0.88rem; color: var(--ehds-text-muted); }
    `,
  ];

  @state() private frozen = '';
  protected readonly i18n = new LangController(this);

  private readonly versions = new Task(this, {
    task: async (_args, { signal }) => ok(api.versions.$get({}, { init: { signal } })),
    args: () => [],
  });

  private readonly me = new Task(this, {
    task: async (_args, { signal }) => whoAmI(signal),
    args: () => [],
  });

  /** Analysts and administrators freeze versions; shown once the role is known. */
  private get canFreeze(): boolean | undefined {
    if (this.me.status !== TaskStatus.COMPLETE) return undefined;
    const role = this.me.value?.role;
    return role === undefined || role === 'admin' || role === 'analyst';
  }

  updated() {
    document.title = `${t('versions.title')} – ${t('app.title')}`;
  }

  private async onFrozen(e: CustomEvent<{ name: string }>) {
    this.frozen = e.detail.name;
    await this.versions.run();
    await this.updateComplete;
    (this.renderRoot.querySelector(`tr[data-name="${CSS.escape(e.detail.name)}"] th`) as HTMLElement | null)?.focus();
  }

  private compare(e: CustomEvent<ComparisonRequest>) {
    Router.go(compareHref(e.detail));
  }

  render() {
    return html`
      <h1>${t('versions.title')}</h1>
      <p class="intro">${t('versions.intro')}</p>
      <div role="status">${this.frozen ? html`<p class="notice">${t('versions.frozen', { name: this.frozen })}</p>` : nothing}</div>
      ${this.versions.render({
        initial: () => html`<ehds-async-state status="loading"></ehds-async-state>`,
        pending: () =>
          this.versions.value
            ? this.renderBody(this.versions.value.items)
            : html`<ehds-async-state status="loading"></ehds-async-state>`,
        error: (error) =>
          html`<ehds-async-state status="error" .error=${error} @ehds-retry-requested=${() => this.versions.run()}></ehds-async-state>`,
        complete: (data) => this.renderBody(data.items),
      })}
    `;
  }

  private renderBody(items: Version[]) {
    return html`
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">${t('versions.listHeading')} <span class="small">(${items.length === 1 ? t('versions.countOne') : t('versions.count', { count: items.length })})</span></h2>
        ${items.length ? this.renderTable(items) : html`<p>${t('versions.none')}</p>`}
      </section>
      <div class="columns">
        <section class="panel" aria-labelledby="compare-heading">
          <h2 id="compare-heading">${t('versions.compareHeading')}</h2>
          ${
            items.length
              ? html`<p>${t('versions.compareIntro')}</p>
                  <ehds-version-pair-picker .versions=${items} @ehds-comparison-requested=${this.compare}></ehds-version-pair-picker>`
              : html`<p class="muted">${t('versions.needVersion')}</p>`
          }
        </section>
        <section class="panel" aria-labelledby="freeze-heading">
          <h2 id="freeze-heading">${t('versions.freezeHeading')}</h2>
          ${
            this.canFreeze
              ? html`<ehds-version-freezer .takenNames=${items.map((v) => v.name)} @ehds-version-frozen=${this.onFrozen}></ehds-version-freezer>`
              : this.canFreeze === false
                ? html`<p class="muted">${t('versions.freezeNotAllowed')}</p>`
                : nothing
          }
        </section>
      </div>
    `;
  }

  private renderTable(items: Version[]) {
    // Newest first: the one people look for.
    const rows = [...items].reverse();
    return html`<div class="table-wrap">
      <table>
        <caption class="visually-hidden">${t('versions.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('versions.col.name')}</th>
            <th scope="col">${t('versions.col.date')}</th>
            <th scope="col">${t('versions.col.note')}</th>
            <th scope="col">${t('versions.col.requirements')}</th>
            <th scope="col">${t('versions.col.coverage')}</th>
            <th scope="col">${t('versions.col.questions')}</th>
            <th scope="col">${t('versions.col.inputs')}</th>
            <th scope="col">${t('versions.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((v) => this.renderRow(v))}
        </tbody>
      </table>
    </div>`;
  }

  private renderRow(v: Version) {
    const s = v.summary;
    return html`<tr data-name=${v.name}>
      <th scope="row" tabindex="-1">${v.name}
        <span class="frozen">${t('versions.frozenBy', { when: formatDateTime(v.created_at), who: v.created_by })}</span>
      </th>
      <td>${formatDate(v.date)}</td>
      <td class="note">${v.note || html`<span class="muted">–</span>`}</td>
      <td class="num">${s.requirements}</td>
      <td>
        <ul class="cov">
          ${COVERAGE.filter((c) => (s.coverage[c] ?? 0) > 0).map(
            (c) =>
              html`<li><span class="badge ${c}">${t(`coverage.${c}`)}</span><span class="n">${s.coverage[c]}</span></li>`,
          )}
        </ul>
      </td>
      <td>${t('versions.questionsDecided', { decided: s.questions_decided, total: s.questions })}</td>
      <td>${t('versions.inputsPending', { total: s.inputs, pending: s.inputs_pending })}</td>
      <td>
        <span class="actions">
          <a href=${compareHref({ from: v.name })}>${t('versions.compareNow')}<span class="visually-hidden"> (${v.name})</span></a>
          <a href="/eksport${toSearch({ version: v.name })}">${t('versions.export')}<span class="visually-hidden"> (${v.name})</span></a>
        </span>
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-versions-page': EhdsVersionsPage;
  }
}
