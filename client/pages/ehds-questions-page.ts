import { Task, TaskStatus } from '@lit/task';
import type { RouterLocation } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ok, type SuccessBody } from '../api.ts';
import '../components/ehds-async-state.ts';
import '../components/ehds-question-form.ts';
import { requirementOptions } from '../components/ehds-ref-picker.ts';
import { LangController, t } from '../i18n/index.ts';
import '../i18n/questions.ts';
import { shared } from '../styles/shared.ts';
import { readQuery, writeQuery } from '../url-state.ts';

const AREAS = ['A1', 'A2', 'A3', 'A4', 'A5'] as const;
const STATUSES = ['open', 'in_progress', 'decided'] as const;
const ORIGINS = ['analysis', 'discretion'] as const;
type Area = (typeof AREAS)[number];
type Status = (typeof STATUSES)[number];
type Origin = (typeof ORIGINS)[number];
type QuestionList = SuccessBody<Awaited<ReturnType<typeof api.questions.$get>>>;

const pick = <T extends string>(allowed: readonly T[], value: string | undefined): T | undefined =>
  allowed.find((a) => a === value);

/** Prinsipielle spørsmål: the register, filtered by `?area=&status=&origin=&q=`, and the form for a new one. */
@customElement('ehds-questions-page')
export class EhdsQuestionsPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      [hidden] { display: none !important; }
      .top { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; }
      .filters { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 1rem 1.5rem; margin: 1rem 0; padding: 0.9rem 1rem; background: var(--ehds-bg-subtle); border-radius: var(--ehds-radius); }
      .filters .field { margin: 0; }
      input[type='search'] { width: 18rem; }
      .new { margin: 1rem 0; padding: 1rem 1.25rem; border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); background: var(--ehds-bg); }
      .new h2 { margin-top: 0; }
      .count { color: var(--ehds-text-muted); margin: 0.5rem 0; }
      tbody th { background: none; white-space: nowrap; }
      td.text { min-width: 22rem; }
      .refs { display: flex; flex-wrap: wrap; gap: 0.2rem 0.5rem; }
      ul.opts { margin: 0; padding-left: 1.1rem; font-size: 0.9rem; }
      .status { white-space: nowrap; font-weight: 600; }
      .status::before { content: ''; display: inline-block; width: 0.6rem; height: 0.6rem; border-radius: 50%; margin-right: 0.35rem; border: 2px solid currentColor; }
      .status.decided::before { background: currentColor; }
      .status.in_progress::before { background: linear-gradient(90deg, currentColor 50%, transparent 50%); }
      .status.decided { color: var(--ehds-success); }
      .origin { display: block; font-size: 0.8rem; color: var(--ehds-text-muted); }
      .updating { color: var(--ehds-text-muted); font-size: 0.9rem; }
    `,
  ];

  /** Set by the router on every navigation to this view, also when only the query changed. */
  @property({ attribute: false }) location?: RouterLocation;

  @state() private area?: Area;
  @state() private status?: Status;
  @state() private origin?: Origin;
  @state() private q = '';
  @state() private searchText = '';
  @state() private formOpen = false;
  /** Once opened, the form stays in the page (hidden when closed) so that nothing typed in it is lost. */
  @state() private formUsed = false;
  @state() private created = '';
  private searchTimer?: ReturnType<typeof setTimeout>;
  protected readonly i18n = new LangController(this);

  private readonly questions = new Task(this, {
    task: async ([area, status, origin, q], { signal }) => {
      const query: { limit: string; area?: Area; status?: Status; origin?: Origin; q?: string } = { limit: '1000' };
      if (area) query.area = area;
      if (status) query.status = status;
      if (origin) query.origin = origin;
      if (q) query.q = q;
      return ok(api.questions.$get({ query }, { init: { signal } }));
    },
    args: () => [this.area, this.status, this.origin, this.q] as const,
  });

  private readonly requirements = new Task(this, {
    task: async ([open], { signal }) => (open ? requirementOptions(signal) : []),
    args: () => [this.formUsed] as const,
  });

  connectedCallback() {
    super.connectedCallback();
    this.readUrl();
  }

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('location')) this.readUrl();
  }

  updated() {
    document.title = `${t('questions.title')} – ${t('app.title')}`;
  }

  private readUrl() {
    const query = readQuery();
    this.area = pick(AREAS, query.area?.[0]);
    this.status = pick(STATUSES, query.status?.[0]);
    this.origin = pick(ORIGINS, query.origin?.[0]);
    this.q = query.q?.join(' ') ?? '';
    this.searchText = this.q;
  }

  private writeUrl(push = true) {
    writeQuery({ area: this.area, status: this.status, origin: this.origin, q: this.q || undefined }, { push });
  }

  private onSearch(e: Event) {
    this.searchText = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.q = this.searchText.trim();
      this.writeUrl(false);
    }, 250);
  }

  private async onCreated(e: CustomEvent<{ ref: string }>) {
    this.created = e.detail.ref;
    this.formOpen = false;
    this.questions.run();
    await this.updateComplete;
    (this.renderRoot.querySelector('.notice a') as HTMLElement | null)?.focus();
  }

  render() {
    return html`
      <div class="top">
        <h1>${t('questions.title')}</h1>
        <button type="button" aria-expanded=${this.formOpen} aria-controls="new-question" @click=${() => {
          this.formOpen = !this.formOpen;
          this.formUsed = true;
          this.created = '';
        }}>${this.formOpen ? t('questions.closeForm') : `+ ${t('questions.new')}`}</button>
      </div>
      <p>${t('questions.intro')}</p>
      <div role="status">
        ${
          this.created
            ? html`<p class="notice">${t('questions.created', { ref: this.created })}
                <a href="/sporsmal/${this.created}">${t('questions.open', { ref: this.created })}</a></p>`
            : nothing
        }
      </div>
      <section id="new-question" class="new" ?hidden=${!this.formOpen} aria-labelledby="new-heading">
        <h2 id="new-heading">${t('qform.heading')}</h2>
        ${
          this.formUsed
            ? this.requirements.render({
                pending: () => html`<ehds-async-state status="loading"></ehds-async-state>`,
                error: (e) =>
                  html`<ehds-async-state status="error" .error=${e} @ehds-retry-requested=${() => this.requirements.run()}></ehds-async-state>`,
                complete: (options) =>
                  html`<ehds-question-form .requirementOptions=${options} @ehds-question-created=${this.onCreated}></ehds-question-form>`,
              })
            : nothing
        }
      </section>
      ${this.renderFilters()}
      ${this.renderList()}
    `;
  }

  private renderFilters() {
    const select = <T extends string>(
      id: string,
      label: string,
      all: string,
      values: readonly T[],
      current: T | undefined,
      text: (v: T) => string,
      set: (v: T | undefined) => void,
    ) => html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} @change=${(e: Event) => {
        set(pick(values, (e.target as HTMLSelectElement).value));
        this.writeUrl();
      }}>
        <option value="" ?selected=${!current}>${all}</option>
        ${values.map((v) => html`<option value=${v} ?selected=${current === v}>${text(v)}</option>`)}
      </select>
    </div>`;
    return html`
      <form class="filters" role="search" aria-label=${t('questions.filters')} @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="q">${t('questions.search')}</label>
          <input id="q" type="search" .value=${this.searchText} @input=${this.onSearch} aria-describedby="q-hint" />
          <div class="hint" id="q-hint">${t('questions.searchHint')}</div>
        </div>
        ${select(
          'area',
          t('questions.area'),
          t('questions.allAreas'),
          AREAS,
          this.area,
          (a) => `${a} ${t(`area.${a}`)}`,
          (v) => {
            this.area = v;
          },
        )}
        ${select(
          'status',
          t('questions.status'),
          t('questions.allStatuses'),
          STATUSES,
          this.status,
          (s) => t(`question_status.${s}`),
          (v) => {
            this.status = v;
          },
        )}
        ${select(
          'origin',
          t('questions.origin'),
          t('questions.allOrigins'),
          ORIGINS,
          this.origin,
          (o) => t(`questions.origin.${o}`),
          (v) => {
            this.origin = v;
          },
        )}
      </form>
    `;
  }

  private renderList() {
    const task = this.questions;
    if (task.status === TaskStatus.ERROR) {
      return html`<ehds-async-state status="error" .error=${task.error} @ehds-retry-requested=${() => task.run()}></ehds-async-state>`;
    }
    const data = task.value;
    if (!data) return html`<ehds-async-state status="loading"></ehds-async-state>`;
    return html`
      <p class="count" role="status">
        ${t('questions.count', { count: data.total })}
        ${task.status === TaskStatus.PENDING ? html`<span class="updating">· ${t('common.loading')}</span>` : nothing}
      </p>
      ${data.items.length ? this.renderTable(data.items) : html`<p>${t('questions.none')}</p>`}
    `;
  }

  private renderTable(items: QuestionList['items']) {
    return html`
      <table>
        <caption class="visually-hidden">${t('questions.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('questions.col.ref')}</th>
            <th scope="col">${t('questions.col.text')}</th>
            <th scope="col">${t('questions.col.area')}</th>
            <th scope="col">${t('questions.col.status')}</th>
            <th scope="col">${t('questions.col.requirements')}</th>
            <th scope="col">${t('questions.col.options')}</th>
            <th scope="col">${t('questions.col.decision')}</th>
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (q) => html`<tr>
              <th scope="row"><a href="/sporsmal/${q.ref}">${q.ref}</a></th>
              <td class="text">${q.text}<span class="origin">${t(`questions.origin.${q.origin}`)}</span></td>
              <td>${q.area_code ? html`<abbr title=${t(`area.${q.area_code}`)}>${q.area_code}</abbr>` : t('questions.noArea')}</td>
              <td><span class="status ${q.status}">${t(`question_status.${q.status}`)}</span></td>
              <td><span class="refs">${q.requirement_refs.map((r) => html`<a href="/krav/${r}">${r}</a>`)}</span></td>
              <td>${q.options.length ? html`<ul class="opts">${q.options.map((o) => html`<li>${o}</li>`)}</ul>` : '–'}</td>
              <td>${q.decision || html`<span class="muted">${t('questions.noDecision')}</span>`}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-questions-page': EhdsQuestionsPage;
  }
}
