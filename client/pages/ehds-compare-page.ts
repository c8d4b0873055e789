import { Task } from '@lit/task';
import { Router, type RouterLocation } from '@vaadin/router';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import '../components/ehds-change-list.ts';
import type { Comparison } from '../components/ehds-change-list.ts';
import '../components/ehds-version-pair-picker.ts';
import { type ComparisonRequest, compareHref } from '../components/ehds-version-pair-picker.ts';
import { formatDate, LangController, t } from '../i18n/index.ts';
import '../i18n/versions.ts';
import { shared } from '../styles/shared.ts';

/** `?from=V0.5&to=V0.8` (no `to`: now). Read whole, not split on commas: a name is one value. */
function readPair(search: string): { from: string; to?: string } {
  const params = new URLSearchParams(search);
  const to = params.get('to')?.trim();
  return { from: params.get('from')?.trim() ?? '', to: to || undefined };
}

async function fetchComparison(from: string, to: string | undefined, signal: AbortSignal) {
  const init = { init: { signal } };
  const [comparison, versions] = await Promise.all([
    ok(api.versions.compare.$get({ query: to === undefined ? { from } : { from, to } }, init)),
    ok(api.versions.$get({}, init)),
  ]);
  return { comparison, versions: versions.items };
}

/**
 * Sammenligning: what changed from one version to another or to now, as a grouped change list, with
 * the choice of versions and the change list as CSV («Endringer siden …»).
 */
@customElement('ehds-compare-page')
export class EhdsComparePage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .crumbs { font-size: 0.92rem; margin-bottom: 0.75rem; }
      .sides { color: var(--ehds-text-muted); margin-top: -0.25rem; }
      .bar { display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between; gap: 1rem; padding: 0.9rem 1rem; margin: 1rem 0; background: var(--ehds-bg-subtle); border-radius: var(--ehds-radius); }
      .total { font-weight: 600; margin: 1rem 0 0.5rem; }
      a.button::before { content: '↓ '; }
    `,
  ];

  /** Set by the router on every navigation here, also when only the query changed. */
  @property({ attribute: false }) location?: RouterLocation;
  @state() private from = '';
  @state() private to?: string;
  protected readonly i18n = new LangController(this);

  private readonly data = new Task(this, {
    task: ([from, to], { signal }) => fetchComparison(from, to, signal),
    args: () => [this.from, this.to] as const,
    autoRun: false,
  });

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('location') || !this.hasUpdated) {
      // The router sets `location` before it updates the address bar, so the query is read from it.
      const pair = readPair(this.location?.search ?? location.search);
      this.from = pair.from;
      this.to = pair.to;
      if (this.from) void this.data.run();
    }
  }

  updated() {
    const c = this.data.value?.comparison;
    document.title = `${c ? this.title_(c) : t('compare.titleShort')} – ${t('app.title')}`;
  }

  private sideName(side: Comparison['from']) {
    return side.kind === 'now' ? t('versions.now').toLowerCase() : (side.name ?? '');
  }

  private sideLong(side: Comparison['from']) {
    return side.kind === 'now' ? t('versions.nowLong') : `${side.name} (${formatDate(side.date)})`;
  }

  private title_(c: Comparison) {
    return t('compare.title', { from: this.sideName(c.from), to: this.sideName(c.to) });
  }

  private choose(e: CustomEvent<ComparisonRequest>) {
    Router.go(compareHref(e.detail));
  }

  render() {
    const crumbs = html`<p class="crumbs"><a href="/versjoner">← ${t('compare.back')}</a></p>`;
    if (!this.from) {
      return html`${crumbs}<h1>${t('compare.titleShort')}</h1><p class="alert" role="alert">${t('compare.missingFrom')}</p>`;
    }
    return html`${crumbs}${this.data.render({
      initial: () => html`<h1>${t('compare.titleShort')}</h1><ehds-async-state status="loading"></ehds-async-state>`,
      pending: () =>
        this.data.value
          ? this.renderData(this.data.value)
          : html`<h1>${t('compare.titleShort')}</h1><ehds-async-state status="loading"></ehds-async-state>`,
      error: (error) =>
        html`<h1>${t('compare.titleShort')}</h1>
          <ehds-async-state status="error" .error=${error} @ehds-retry-requested=${() => this.data.run()}></ehds-async-state>`,
      complete: (data) => this.renderData(data),
    })}`;
  }

  private renderData({ comparison: c, versions }: Awaited<ReturnType<typeof fetchComparison>>) {
    const csv = api.export['changes.csv'].$url({
      query: this.to === undefined ? { from: this.from } : { from: this.from, to: this.to },
    });
    return html`
      <h1>${this.title_(c)}</h1>
      <p class="sides">${t('compare.sides', { from: this.sideLong(c.from), to: this.sideLong(c.to) })}</p>
      <div class="bar">
        <ehds-version-pair-picker .versions=${versions} .from=${this.from} .to=${this.to ?? ''}
          @ehds-comparison-requested=${this.choose}></ehds-version-pair-picker>
        <a class="button secondary" href=${`${csv.pathname}${csv.search}`} download>${t('compare.exportCsv')}</a>
      </div>
      <p class="total" role="status">
        ${c.total ? t(c.total === 1 ? 'compare.totalOne' : 'compare.total', { count: c.total }) : t('compare.noChanges', { from: this.sideName(c.from), to: this.sideName(c.to) })}
      </p>
      <ehds-change-list .comparison=${c}></ehds-change-list>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-compare-page': EhdsComparePage;
  }
}
