import { Task } from '@lit/task';
import { Router, type RouterLocation } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import { type EhdsFormAlert, errorsFromServer, type FieldError } from '../components/ehds-form-alert.ts';
import '../components/ehds-form-alert.ts';
import '../components/ehds-ref-picker.ts';
import { type RefOption, requirementOptions } from '../components/ehds-ref-picker.ts';
import '../i18n/rounds.ts';
import { renderTask } from '../components/ehds-async-state.ts';
import { LangController, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';

const AREAS = ['A1', 'A2', 'A3', 'A4', 'A5'] as const;
const COVERAGE = ['covered', 'partially_covered', 'not_covered', 'not_applicable', 'not_assessed'] as const;

const EMPTY = { group: '', title: '', description: '', opens_on: '', closes_on: '', refs: [] as string[] };

/**
 * Ny runde / Endre runde (administrators): the group, the title (the EU draft it is about), a description,
 * the opening and closing dates, and the scope, picked one by one or by adding what a requirement filter
 * (area, coverage, words) finds.
 */
@customElement('ehds-round-editor-page')
export class EhdsRoundEditorPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; max-width: 64rem; }
      form { display: grid; gap: 1rem; }
      .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; }
      .field { margin: 0; }
      input[type='text'], select { width: 100%; }
      fieldset.filter { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.5rem 0.75rem 0.75rem; margin: 0; }
      fieldset.filter legend { font-weight: 600; padding: 0 0.25rem; }
      .filter .controls { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; }
      .buttons { display: flex; gap: 0.5rem; }
    `,
  ];

  @property({ attribute: false }) location?: RouterLocation;
  @state() private value = { ...EMPTY };
  @state() private version = 0;
  @state() private filter = { area: '', coverage: '', q: '' };
  @state() private filterNotice = '';
  @state() private errors: FieldError[] = [];
  @state() private message = '';
  @state() private busy = false;
  @query('ehds-form-alert') private alertBox?: EhdsFormAlert;
  protected readonly i18n = new LangController(this);

  private get roundId(): number | null {
    const id = Number(this.location?.params.id);
    return Number.isInteger(id) && id > 0 ? id : null;
  }

  private readonly data = new Task(this, {
    task: async ([id], { signal }) => {
      const [groups, requirements, round] = await Promise.all([
        ok(api['reference-groups'].$get({ query: { limit: '1000' } }, { init: { signal } })),
        requirementOptions(signal),
        id ? ok(api.rounds[':id'].$get({ param: { id: String(id) } }, { init: { signal } })) : null,
      ]);
      if (round) {
        this.value = {
          group: String(round.reference_group_id),
          title: round.title,
          description: round.description,
          opens_on: round.opens_on,
          closes_on: round.closes_on,
          refs: round.requirement_refs,
        };
        this.version = round.version;
      }
      return { groups: groups.items, requirements, round };
    },
    args: () => [this.roundId] as const,
  });

  updated() {
    document.title = `${this.roundId ? t('editor.editTitle') : t('editor.newTitle')} – ${t('app.title')}`;
  }

  private set<K extends keyof typeof EMPTY>(key: K, v: (typeof EMPTY)[K]) {
    this.value = { ...this.value, [key]: v };
    this.errors = this.errors.filter((e) => e.field !== key);
  }

  private async addByFilter(options: RefOption[]) {
    const query: Record<string, string> = { limit: '10000' };
    if (this.filter.area) query.area = this.filter.area;
    if (this.filter.coverage) query.coverage = this.filter.coverage;
    if (this.filter.q.trim()) query.q = this.filter.q.trim();
    const { items } = await ok(api.requirements.$get({ query }));
    const chosen = new Set([...this.value.refs, ...items.map((r) => r.ref)]);
    const added = chosen.size - this.value.refs.length;
    this.set(
      'refs',
      options.map((o) => o.ref).filter((r) => chosen.has(r)),
    );
    this.filterNotice = t('editor.added', { count: added, found: items.length });
  }

  private async submit(e: Event) {
    e.preventDefault();
    if (this.busy) return;
    const v = this.value;
    const errors: FieldError[] = [];
    if (!v.group) errors.push({ field: 'group', label: t('rounds.group'), message: t('editor.required') });
    if (!v.title.trim()) errors.push({ field: 'title', label: t('editor.title'), message: t('editor.required') });
    if (!v.opens_on) errors.push({ field: 'opens_on', label: t('editor.opens'), message: t('editor.required') });
    if (!v.closes_on) errors.push({ field: 'closes_on', label: t('editor.closes'), message: t('editor.required') });
    else if (v.opens_on && v.closes_on < v.opens_on)
      errors.push({ field: 'closes_on', label: t('editor.closes'), message: t('editor.closesBefore') });
    if (errors.length) {
      await this.fail(errors);
      return;
    }
    this.busy = true;
    try {
      const fields = {
        reference_group_id: Number(v.group),
        title: v.title.trim(),
        description: v.description.trim(),
        opens_on: v.opens_on,
        closes_on: v.closes_on,
        requirement_refs: v.refs,
      };
      const id = this.roundId;
      const saved = id
        ? await ok(api.rounds[':id'].$patch({ param: { id: String(id) }, json: { version: this.version, ...fields } }))
        : await ok(api.rounds.$post({ json: fields }));
      Router.go(`/runder/${saved.id}`);
    } catch (err) {
      const { message, errors: fieldErrors } = errorsFromServer(err, {
        reference_group_id: t('rounds.group'),
        title: t('editor.title'),
        opens_on: t('editor.opens'),
        closes_on: t('editor.closes'),
        requirement_refs: t('editor.scope'),
      });
      await this.fail(
        fieldErrors.map((f) => (f.field === 'reference_group_id' ? { ...f, field: 'group' } : f)),
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
    return html`
      <p><a href=${this.roundId ? `/runder/${this.roundId}` : '/runder'}>← ${t('rounds.back')}</a></p>
      <h1>${this.roundId ? t('editor.editTitle') : t('editor.newTitle')}</h1>
      ${renderTask(this.data, ({ groups, requirements, round }) => this.renderForm(groups, requirements, round?.status ?? 'draft'))}
    `;
  }

  private renderForm(groups: { id: number; name: string }[], options: RefOption[], status: string) {
    const v = this.value;
    const err = (f: string) => this.errors.find((e) => e.field === f);
    const errorText = (f: string) =>
      err(f) ? html`<div class="field-error" id="${f}-error">${err(f)!.message}</div>` : nothing;
    const invalid = (f: string) => (err(f) ? 'true' : 'false');
    const described = (f: string) => (err(f) ? `${f}-error` : nothing);
    return html`<form novalidate @submit=${this.submit} @ehds-field-focus-requested=${(
      e: CustomEvent<{ field: string }>,
    ) => (this.renderRoot.querySelector(`#${e.detail.field}`) as HTMLElement | null)?.focus()}>
      <ehds-form-alert .errors=${this.errors} message=${this.message}></ehds-form-alert>
      <div class="row">
        <div class="field">
          <label for="group">${t('rounds.group')}</label>
          <select id="group" ?disabled=${status !== 'draft'} aria-invalid=${invalid('group')} aria-describedby=${described('group')}
            @change=${(e: Event) => this.set('group', (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${v.group === ''}>${t('editor.chooseGroup')}</option>
            ${groups.map((g) => html`<option value=${g.id} ?selected=${v.group === String(g.id)}>${g.name}</option>`)}
          </select>
          ${errorText('group')}
        </div>
        <div class="field">
          <label for="opens_on">${t('editor.opens')}</label>
          <input id="opens_on" type="date" .value=${v.opens_on} aria-invalid=${invalid('opens_on')} aria-describedby=${described('opens_on')}
            @input=${(e: Event) => this.set('opens_on', (e.target as HTMLInputElement).value)} />
          ${errorText('opens_on')}
        </div>
        <div class="field">
          <label for="closes_on">${t('editor.closes')}</label>
          <input id="closes_on" type="date" .value=${v.closes_on} aria-invalid=${invalid('closes_on')} aria-describedby=${described('closes_on')}
            @input=${(e: Event) => this.set('closes_on', (e.target as HTMLInputElement).value)} />
          ${errorText('closes_on')}
        </div>
      </div>
      <div class="field">
        <label for="title">${t('editor.title')}</label>
        <input id="title" type="text" .value=${v.title} aria-invalid=${invalid('title')} aria-describedby=${err('title') ? 'title-error title-hint' : 'title-hint'}
          @input=${(e: Event) => this.set('title', (e.target as HTMLInputElement).value)} />
        <div class="hint" id="title-hint">${t('editor.titleHint')}</div>
        ${errorText('title')}
      </div>
      <div class="field">
        <label for="description">${t('editor.description')}</label>
        <textarea id="description" .value=${v.description} @input=${(e: Event) => this.set('description', (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      <fieldset class="filter">
        <legend>${t('editor.byFilter')}</legend>
        <div class="controls">
          <div class="field">
            <label for="f-area">${t('editor.area')}</label>
            <select id="f-area" @change=${(e: Event) => {
              this.filter = { ...this.filter, area: (e.target as HTMLSelectElement).value };
            }}>
              <option value="">${t('common.all')}</option>
              ${AREAS.map((a) => html`<option value=${a}>${a} ${t(`area.${a}`)}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="f-coverage">${t('editor.coverage')}</label>
            <select id="f-coverage" @change=${(e: Event) => {
              this.filter = { ...this.filter, coverage: (e.target as HTMLSelectElement).value };
            }}>
              <option value="">${t('common.all')}</option>
              ${COVERAGE.map((c) => html`<option value=${c}>${t(`coverage.${c}`)}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="f-q">${t('editor.words')}</label>
            <input id="f-q" type="search" .value=${this.filter.q} @input=${(e: Event) => {
              this.filter = { ...this.filter, q: (e.target as HTMLInputElement).value };
            }} />
          </div>
          <button type="button" class="secondary" ?disabled=${status === 'closed'} @click=${() => this.addByFilter(options)}>${t('editor.addMatches')}</button>
        </div>
        <p class="hint" role="status">${this.filterNotice}</p>
      </fieldset>
      <ehds-ref-picker id="requirement_refs" legend=${t('editor.scope')} .options=${options} .value=${v.refs}
        ?invalid=${!!err('requirement_refs')} description=${err('requirement_refs')?.message ?? t('editor.scopeHint')}
        @ehds-refs-changed=${(e: CustomEvent<{ value: string[] }>) => this.set('refs', e.detail.value)}></ehds-ref-picker>
      <div class="buttons">
        <button type="submit" ?disabled=${this.busy}>${this.roundId ? t('common.save') : t('editor.create')}</button>
        <a class="button secondary" href=${this.roundId ? `/runder/${this.roundId}` : '/runder'}>${t('common.cancel')}</a>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-round-editor-page': EhdsRoundEditorPage;
  }
}
