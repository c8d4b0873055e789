import { Task, TaskStatus } from '@lit/task';
import type { RouterLocation } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import '../components/ehds-disposition-editor.ts';
import type { Input } from '../components/ehds-disposition-editor.ts';
import '../components/ehds-input-form.ts';
import type { InputFormChoices } from '../components/ehds-input-form.ts';
import { questionOptions, requirementOptions } from '../components/ehds-ref-picker.ts';
import { formatDate, LangController, t } from '../i18n/index.ts';
import '../i18n/inputs.ts';
import { shared } from '../styles/shared.ts';
import { readQuery, writeQuery } from '../url-state.ts';

const AREAS = ['A1', 'A2', 'A3', 'A4', 'A5'] as const;
const TYPES = ['comment', 'question', 'proposed_change', 'objection'] as const;
const DISPOSITIONS = ['pending', 'accepted', 'partially_accepted', 'rejected', 'noted'] as const;
type Area = (typeof AREAS)[number];
type InputType = (typeof TYPES)[number];
type Disposition = (typeof DISPOSITIONS)[number];
const PAGE = 100;

const pick = <T extends string>(allowed: readonly T[], value: string | undefined): T | undefined =>
  allowed.find((a) => a === value);

interface Filters {
  disposition?: Disposition;
  type?: InputType;
  area?: Area;
  requirement?: string;
  question?: string;
  q?: string;
}

/** Innspill: all stakeholder input, filtered by `?disposition=&type=&area=&requirement=&question=&q=`; disposition in place; register new. */
@customElement('ehds-inputs-page')
export class EhdsInputsPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      [hidden] { display: none !important; }
      .top { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; }
      .filters { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 1rem 1.5rem; margin: 1rem 0 0.5rem; padding: 0.9rem 1rem; background: var(--ehds-bg-subtle); border-radius: var(--ehds-radius); }
      .filters .field { margin: 0; }
      input[type='search'] { width: 18rem; }
      .chips { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0; }
      .chip { background: var(--ehds-bg); color: var(--ehds-primary); border: 1px solid var(--ehds-primary); border-radius: 999px; padding: 0.15rem 0.75rem; font-size: 0.9rem; }
      .chip:hover { background: var(--ehds-bg-subtle); color: var(--ehds-primary-hover); }
      .new { margin: 1rem 0; padding: 1rem 1.25rem; border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); }
      .new h2 { margin-top: 0; }
      .count { color: var(--ehds-text-muted); margin: 0.5rem 0; }
      ul.list { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
      article { display: grid; grid-template-columns: minmax(0, 1fr) 20rem; gap: 1.25rem; border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.85rem 1rem; background: var(--ehds-bg); }
      @media (max-width: 56rem) { article { grid-template-columns: 1fr; } }
      article h2 { font-size: 0.95rem; margin: 0 0 0.35rem; color: var(--ehds-text-muted); font-weight: 600; }
      .type { color: var(--ehds-text); }
      .text { margin: 0 0 0.5rem; font-size: 1.02rem; white-space: pre-wrap; }
      dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.9rem; margin: 0; font-size: 0.9rem; }
      dl.meta dt { color: var(--ehds-text-muted); }
      dl.meta dd { margin: 0; }
      .refs a { margin-right: 0.5rem; }
      .side { border-left: 1px solid var(--ehds-border); padding-left: 1rem; }
      @media (max-width: 56rem) { .side { border-left: 0; padding-left: 0; border-top: 1px solid var(--ehds-border); padding-top: 0.75rem; } }
      .more { margin-top: 1rem; }
    `,
  ];

  /** Set by the router on every navigation to this view, also when only the query changed. */
  @property({ attribute: false }) location?: RouterLocation;

  @state() private filters: Filters = {};
  @state() private searchText = '';
  @state() private limit = PAGE;
  @state() private formOpen = false;
  /** Once opened, the form stays in the page (hidden when closed) so that nothing typed in it is lost. */
  @state() private formUsed = false;
  @state() private created = 0;
  /** Inputs saved here since the list was loaded, by id: shown as saved without reloading the list. */
  @state() private updatedInputs = new Map<number, Input>();
  private searchTimer?: ReturnType<typeof setTimeout>;
  protected readonly i18n = new LangController(this);

  private readonly inputs = new Task(this, {
    task: async ([filters, limit], { signal }) => {
      const query: Filters & { limit: string } = { limit: String(limit) };
      for (const key of Object.keys(filters) as (keyof Filters)[]) {
        const value = filters[key];
        if (value) Object.assign(query, { [key]: value });
      }
      this.updatedInputs = new Map();
      return ok(api.inputs.$get({ query }, { init: { signal } }));
    },
    args: () => [this.filters, this.limit] as const,
  });

  private readonly choices = new Task(this, {
    task: async ([open], { signal }): Promise<InputFormChoices | null> => {
      if (!open) return null;
      const [requirements, questions, organisations, meetings] = await Promise.all([
        requirementOptions(signal),
        questionOptions(signal),
        ok(api.organisations.$get({ query: { limit: '10000' } }, { init: { signal } })),
        ok(api.meetings.$get({ query: { limit: '10000' } }, { init: { signal } })),
      ]);
      return { requirements, questions, organisations: organisations.items, meetings: meetings.items };
    },
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
    document.title = `${t('inputs.title')} – ${t('app.title')}`;
  }

  private readUrl() {
    const q = readQuery();
    const next: Filters = {
      disposition: pick(DISPOSITIONS, q.disposition?.[0]),
      type: pick(TYPES, q.type?.[0]),
      area: pick(AREAS, q.area?.[0]),
      requirement: q.requirement?.[0],
      question: q.question?.[0],
      q: q.q?.join(' ') || undefined,
    };
    if (JSON.stringify(next) !== JSON.stringify(this.filters)) {
      this.filters = next;
      this.limit = PAGE;
    }
    this.searchText = next.q ?? '';
  }

  private setFilter(patch: Partial<Filters>, push = true) {
    this.filters = { ...this.filters, ...patch };
    this.limit = PAGE;
    writeQuery({ ...this.filters }, { push });
  }

  private onSearch(e: Event) {
    this.searchText = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.setFilter({ q: this.searchText.trim() || undefined }, false), 250);
  }

  private async onCreated(e: CustomEvent<{ id: number }>) {
    this.created = e.detail.id;
    this.formOpen = false;
    this.inputs.run();
    await this.updateComplete;
    (this.renderRoot.querySelector('.notice') as HTMLElement | null)?.focus();
  }

  render() {
    return html`
      <div class="top">
        <h1>${t('inputs.title')}</h1>
        <button type="button" aria-expanded=${this.formOpen} aria-controls="new-input" @click=${() => {
          this.formOpen = !this.formOpen;
          this.formUsed = true;
          this.created = 0;
        }}>${this.formOpen ? t('inputs.closeForm') : `+ ${t('inputs.new')}`}</button>
      </div>
      <p>${t('inputs.intro')}</p>
      <div role="status">${this.created ? html`<p class="notice" tabindex="-1">${t('inputs.created', { id: this.created })}</p>` : nothing}</div>
      <section id="new-input" class="new" ?hidden=${!this.formOpen} aria-labelledby="new-heading">
        <h2 id="new-heading">${t('iform.heading')}</h2>
        ${
          this.formUsed
            ? this.choices.render({
                pending: () => html`<ehds-async-state status="loading"></ehds-async-state>`,
                error: (e) =>
                  html`<ehds-async-state status="error" .error=${e} @ehds-retry-requested=${() => this.choices.run()}></ehds-async-state>`,
                complete: (choices) =>
                  choices
                    ? html`<ehds-input-form .choices=${choices} @ehds-input-created=${this.onCreated}></ehds-input-form>`
                    : nothing,
              })
            : nothing
        }
      </section>
      ${this.renderFilters()}
      ${this.renderList()}
    `;
  }

  private renderFilters() {
    const f = this.filters;
    const select = <T extends string>(
      id: keyof Filters,
      label: string,
      all: string,
      values: readonly T[],
      text: (v: T) => string,
    ) => html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} @change=${(e: Event) => this.setFilter({ [id]: pick(values, (e.target as HTMLSelectElement).value) })}>
        <option value="" ?selected=${!f[id]}>${all}</option>
        ${values.map((v) => html`<option value=${v} ?selected=${f[id] === v}>${text(v)}</option>`)}
      </select>
    </div>`;
    const linkChips = [
      f.requirement
        ? { key: 'requirement' as const, label: t('inputs.aboutRequirement', { ref: f.requirement }) }
        : null,
      f.question ? { key: 'question' as const, label: t('inputs.aboutQuestion', { ref: f.question }) } : null,
    ].filter((c) => c !== null);
    return html`
      <form class="filters" role="search" aria-label=${t('inputs.filters')} @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="q">${t('inputs.search')}</label>
          <input id="q" type="search" .value=${this.searchText} @input=${this.onSearch} aria-describedby="q-hint" />
          <div class="hint" id="q-hint">${t('inputs.searchHint')}</div>
        </div>
        ${select('disposition', t('inputs.disposition'), t('inputs.allDispositions'), DISPOSITIONS, (d) => t(`disposition.${d}`))}
        ${select('type', t('inputs.type'), t('inputs.allTypes'), TYPES, (ty) => t(`input_type.${ty}`))}
        ${select('area', t('inputs.area'), t('inputs.allAreas'), AREAS, (a) => `${a} ${t(`area.${a}`)}`)}
      </form>
      ${
        linkChips.length
          ? html`<div class="chips">
              ${linkChips.map(
                (
                  c,
                ) => html`<button type="button" class="chip" aria-label=${t('inputs.removeFilter', { label: c.label })}
                  @click=${() => this.setFilter({ [c.key]: undefined })}>${c.label} ✕</button>`,
              )}
            </div>`
          : nothing
      }
    `;
  }

  private renderList() {
    const task = this.inputs;
    if (task.status === TaskStatus.ERROR) {
      return html`<ehds-async-state status="error" .error=${task.error} @ehds-retry-requested=${() => task.run()}></ehds-async-state>`;
    }
    const data = task.value;
    if (!data) return html`<ehds-async-state status="loading"></ehds-async-state>`;
    const items = data.items.map((i) => this.updatedInputs.get(i.id) ?? i);
    return html`
      <p class="count" role="status">
        ${items.length < data.total ? t('inputs.countShown', { shown: items.length, count: data.total }) : t('inputs.count', { count: data.total })}
        ${task.status === TaskStatus.PENDING ? html`· ${t('common.loading')}` : nothing}
      </p>
      ${
        items.length
          ? html`<ul class="list" aria-label=${t('inputs.listLabel')}>${items.map((i) => html`<li>${this.renderInput(i)}</li>`)}</ul>`
          : html`<p>${t('inputs.none')}</p>`
      }
      ${
        items.length < data.total
          ? html`<p class="more"><button type="button" class="secondary" @click=${() => {
              this.limit += PAGE;
            }}>${t('inputs.more')}</button></p>`
          : nothing
      }
    `;
  }

  private renderInput(i: Input) {
    return html`<article aria-labelledby="in-${i.id}">
      <div>
        <h2 id="in-${i.id}">
          ${t('inputs.item', { id: i.id })} · <span class="type">${t(`input_type.${i.type}`)}</span>
          · ${i.area_code ? html`<abbr title=${t(`area.${i.area_code}`)}>${i.area_code}</abbr>` : t('inputs.noArea')}
        </h2>
        <p class="text">${i.text}</p>
        <dl class="meta">
          <dt>${t('inputs.organisation')}</dt><dd>${i.organisation ?? html`<span class="muted">${t('inputs.unknownOrganisation')}</span>`}</dd>
          ${i.meeting_id ? html`<dt>${t('inputs.meeting')}</dt><dd>${formatDate(i.meeting_date)} – ${i.meeting_title}</dd>` : nothing}
          <dt>${t('inputs.source')}</dt><dd>${i.source}</dd>
          ${i.author ? html`<dt>${t('inputs.author')}</dt><dd>${i.author}</dd>` : nothing}
          ${
            i.requirement_refs.length
              ? html`<dt>${t('inputs.requirements')}</dt><dd class="refs">${i.requirement_refs.map((r) => html`<a href="/krav/${r}">${r}</a>`)}</dd>`
              : nothing
          }
          ${
            i.question_refs.length
              ? html`<dt>${t('inputs.questions')}</dt><dd class="refs">${i.question_refs.map((r) => html`<a href="/sporsmal/${r}">${r}</a>`)}</dd>`
              : nothing
          }
        </dl>
      </div>
      <div class="side">
        <ehds-disposition-editor .input=${i} @ehds-disposition-saved=${(e: CustomEvent<{ input: Input }>) => {
          this.updatedInputs = new Map(this.updatedInputs).set(e.detail.input.id, e.detail.input);
        }}></ehds-disposition-editor>
      </div>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-inputs-page': EhdsInputsPage;
  }
}
