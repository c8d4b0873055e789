import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { PreventResult, Router, RouterLocation } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-assessment-form.ts';
import type { Assessment, EhdsAssessmentForm } from '../components/ehds-assessment-form.ts';
import '../components/ehds-async-state.ts';
import '../components/ehds-history-list.ts';
import '../components/ehds-disposition-editor.ts';
import type { Input as DisposedInput } from '../components/ehds-disposition-editor.ts';
import { formatDate, LangController, t } from '../i18n/index.ts';
import '../i18n/measures.ts';
import '../i18n/requirement.ts';
import { renderTask } from '../components/ehds-async-state.ts';
import { canWriteAnalysis, type Session, sessionContext } from '../session.ts';
import { shared } from '../styles/shared.ts';
import { LocationController } from '../url-state.ts';

/** The ref of the address: `/krav/A2-05` → `A2-05`. */
function refOf(location: RouterLocation | undefined): string {
  const param = location?.params?.ref;
  const raw = typeof param === 'string' ? param : (window.location.pathname.split('/')[2] ?? '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

async function fetchRequirement(ref: string, signal: AbortSignal) {
  const init = { init: { signal } };
  const [requirement, inputs, organisations] = await Promise.all([
    ok(api.requirements[':ref'].$get({ param: { ref } }, init)),
    ok(api.inputs.$get({ query: { requirement: ref, limit: '1000' } }, init)),
    ok(api.organisations.$get({ query: { limit: '1000' } }, init)),
  ]);
  return { requirement, inputs: inputs.items, organisations: organisations.items };
}

async function fetchHistory(ref: string, signal: AbortSignal) {
  return ok(api.requirements[':ref'].history.$get({ param: { ref }, query: { limit: '500' } }, { init: { signal } }));
}

type PageData = Awaited<ReturnType<typeof fetchRequirement>>;
type Input = PageData['inputs'][number];

/**
 * Krav-side: one requirement with its facts and provenance, linked articles, the assessment form,
 * principle questions, input with inline dispositions, and the history of changes.
 */
@customElement('ehds-requirement-page')
export class EhdsRequirementPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .crumbs { list-style: none; display: flex; gap: 0.4rem; padding: 0; margin: 0 0 0.75rem; font-size: 0.92rem; }
      .crumbs li + li::before { content: '›'; margin-right: 0.4rem; color: var(--ehds-text-muted); }
      .eyebrow { color: var(--ehds-text-muted); font-size: 0.95rem; margin-bottom: 0.2rem; }
      h1 .ref { color: var(--ehds-primary); margin-right: 0.15rem; font-variant-numeric: tabular-nums; }
      .title-en { color: var(--ehds-text-muted); font-style: italic; margin-top: -0.25rem; }
      .status-row { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; align-items: center; padding: 0.6rem 0.9rem; margin: 0.75rem 0 1.25rem; background: var(--ehds-bg-subtle); border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); }
      .status-row .k { color: var(--ehds-text-muted); font-size: 0.88rem; margin-right: 0.35rem; }
      .flag { display: inline-block; font-size: 0.85rem; border: 1px solid #9fb6cf; background: #eef3f9; color: var(--ehds-primary-hover); border-radius: 999px; padding: 0 0.55rem; }
      .grid { display: grid; grid-template-columns: minmax(0, 1fr) 21rem; gap: 1.5rem; align-items: start; }
      @media (max-width: 64rem) { .grid { grid-template-columns: 1fr; } }
      section { margin-bottom: 1.75rem; }
      section > h2:first-child { margin-top: 0; }
      .description { white-space: pre-wrap; max-width: 62rem; }
      section.assessment { border: 1px solid var(--ehds-border); border-top: 4px solid var(--ehds-primary); border-radius: var(--ehds-radius); padding: 1rem 1.25rem; }
      aside { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); background: var(--ehds-bg-subtle); padding: 1rem; position: sticky; top: 1rem; }
      aside h2 { font-size: 1.05rem; margin: 0 0 0.5rem; }
      aside h3 { font-size: 0.95rem; margin: 1rem 0 0.35rem; }
      dl.facts { margin: 0; font-size: 0.93rem; }
      dl.facts dt { color: var(--ehds-text-muted); font-size: 0.85rem; margin-top: 0.5rem; }
      dl.facts dt:first-child { margin-top: 0; }
      dl.facts dd { margin: 0; overflow-wrap: anywhere; }
      ul.plain { list-style: none; padding: 0; margin: 0; font-size: 0.93rem; }
      ul.plain li { margin-bottom: 0.45rem; }
      .article-title { display: block; color: var(--ehds-text); }
      .small { font-size: 0.85rem; color: var(--ehds-text-muted); }
      .source { font-size: 0.9rem; overflow-wrap: anywhere; }
      .questions { list-style: none; padding: 0; margin: 0; }
      .questions li { display: grid; grid-template-columns: 4.5rem 1fr max-content; gap: 0.75rem; padding: 0.55rem 0; border-bottom: 1px solid var(--ehds-border); align-items: baseline; }
      .questions .status { font-size: 0.85rem; font-weight: 600; border-radius: 999px; padding: 0.05rem 0.55rem; border: 1px solid var(--ehds-border); white-space: nowrap; }
      .questions .status.open { background: #fff4e5; border-color: #d99a4e; color: #6b3a00; }
      .questions .status.in_progress { background: #eef3f9; border-color: #9fb6cf; color: var(--ehds-primary-hover); }
      .questions .status.decided { background: var(--ehds-success-bg); border-color: #7fc4a0; color: var(--ehds-success); }
      .inputs { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 0.75rem; }
      .inputs > li { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.75rem 0.9rem; }
      .input-head { display: flex; flex-wrap: wrap; gap: 0.3rem 0.9rem; font-size: 0.9rem; color: var(--ehds-text-muted); margin-bottom: 0.35rem; }
      .type { font-weight: 700; color: var(--ehds-text); }
      .risk-flag { border-color: #e0a27a; background: #fff4ec; color: #8a2c00; text-decoration: none; }
      .risk-flag:hover { text-decoration: underline; color: #8a2c00; }
      .risk { border-left: 4px solid var(--ehds-not-covered); background: #fff4ec; padding: 0.6rem 0.9rem; font-weight: 600; }
      .measures { list-style: none; padding: 0; margin: 0; }
      .measures li { display: grid; grid-template-columns: 1fr max-content; gap: 0.75rem; padding: 0.5rem 0; border-bottom: 1px solid var(--ehds-border); align-items: baseline; }
      .measures summary { cursor: pointer; color: var(--ehds-primary); font-size: 0.88rem; width: max-content; }
      .measures details p { margin: 0.25rem 0 0; }
      .timing { font-size: 0.88rem; font-weight: 600; display: inline-flex; gap: 0.35rem; align-items: center; }
      .timing.ok { color: var(--ehds-success); }
      .timing.ok::before { content: '✓'; }
      .timing.late { color: var(--ehds-danger); }
      .timing.late::before { content: '!'; }
      blockquote { margin: 0 0 0.5rem; padding-left: 0.75rem; border-left: 3px solid var(--ehds-border); }
    `,
  ];

  /** Set by the router; `params.ref` is the requirement. */
  @property({ attribute: false }) location?: RouterLocation;
  /** Who is signed in: only analysts and administrators are offered a new measure. */
  @consume({ context: sessionContext, subscribe: true }) @state() private session?: Session;

  @query('ehds-assessment-form') private form?: EhdsAssessmentForm;
  protected readonly i18n = new LangController(this);
  private historyStamp = 0;

  private readonly data = new Task(this, {
    task: ([ref], { signal }) => fetchRequirement(ref, signal),
    args: () => [refOf(this.location)],
  });

  private readonly history = new Task(this, {
    task: ([ref], { signal }) => fetchHistory(ref, signal),
    args: () => [refOf(this.location), this.historyStamp] as const,
  });

  private readonly onLocation = () => {
    if (!window.location.pathname.startsWith('/krav/')) return;
    if (refOf(this.location) !== refOf(undefined)) this.location = undefined;
    this.requestUpdate();
  };
  protected readonly locationChanges = new LocationController(this, this.onLocation);

  /** Router hook: unsaved edits are not dropped by a click in the menu without asking. */
  onBeforeLeave(_location: RouterLocation, commands: { prevent: () => PreventResult }, _router: Router) {
    if (this.form?.dirty && !window.confirm(t('requirement.leaveUnsaved'))) return commands.prevent();
    return undefined;
  }

  updated() {
    const r = this.data.value?.requirement;
    const ref = refOf(this.location);
    document.title = `${r && r.ref === ref ? `${r.ref} ${r.title}` : ref} – ${t('app.title')}`;
  }

  private onSaved(e: CustomEvent<{ assessment: Assessment }>) {
    const value = this.data.value;
    if (value) value.requirement = { ...value.requirement, assessment: e.detail.assessment };
    this.historyStamp++;
    this.requestUpdate();
    void this.refreshRisk();
  }

  /** Coverage decides whether the deadline is at risk: read it again, quietly, without a loading state. */
  private async refreshRisk() {
    const value = this.data.value;
    if (!value) return;
    try {
      const fresh = await ok(api.requirements[':ref'].$get({ param: { ref: value.requirement.ref } }));
      if (this.data.value !== value || fresh.ref !== value.requirement.ref) return;
      value.requirement = { ...value.requirement, at_risk: fresh.at_risk, at_risk_reason: fresh.at_risk_reason };
      this.requestUpdate();
    } catch {
      // The figures stay as they were; the next visit reads them again.
    }
  }

  /** Someone else saved: their write belongs in the history now, while the user resolves. */
  private onConflict() {
    this.historyStamp++;
    this.requestUpdate();
  }

  private onDisposed(e: CustomEvent<{ input: DisposedInput }>) {
    const value = this.data.value;
    if (!value) return;
    value.inputs = value.inputs.map((i) => (i.id === e.detail.input.id ? e.detail.input : i));
    this.requestUpdate();
  }

  private facts(value: PageData) {
    const r = value.requirement;
    return html`<aside aria-labelledby="facts-heading">
      <h2 id="facts-heading">${t('requirement.facts')}</h2>
      <dl class="facts">
        <dt>${t('requirement.area')}</dt>
        <dd><a href="/krav?area=${r.area_code}">${r.area_code} ${t(`area.${r.area_code}`)}</a></dd>
        ${r.group_name ? html`<dt>${t('requirement.group')}</dt><dd>${r.group_name}</dd>` : nothing}
        <dt>${t('requirement.deadline')}</dt>
        <dd>
          ${r.deadline ? html`<a href="/krav?deadline=${r.deadline}">${formatDate(r.deadline)}</a>` : '–'}
          ${r.deadline_note ? html`<span class="small" style="display:block">${r.deadline_note}</span>` : nothing}
        </dd>
        <dt>${t('requirement.nationalChoice')}</dt>
        <dd>${r.national_choice ? t('requirement.nationalChoiceYes') : t('requirement.nationalChoiceNo')}</dd>
      </dl>
      <h3>${t('requirement.categories')}</h3>
      ${
        r.categories.length
          ? html`<ul class="plain">${r.categories.map((c) => html`<li>${c}) ${t(`category.${c}`)}</li>`)}</ul>`
          : html`<p class="small">${t('requirement.none')}</p>`
      }
      <h3>${t('requirement.articles')}</h3>
      ${
        r.articles.length
          ? html`<ul class="plain articles">
              ${r.articles.map(
                (a) => html`<li>
                  <a href="/artikler/${encodeURIComponent(a.number)}">${a.kind === 'annex' ? a.pinpoint : t('requirement.articleLink', { pinpoint: a.pinpoint })}</a>
                  <span class="article-title" lang="en">${a.title_en}</span>
                  ${a.applies_from ? html`<span class="small">${t('requirement.appliesFrom', { date: formatDate(a.applies_from) })}</span>` : nothing}
                </li>`,
              )}
            </ul>`
          : html`<p class="small">${t('requirement.none')}</p>`
      }
      <h3>${t('requirement.referenceGroups')}</h3>
      ${
        r.reference_groups.length
          ? html`<ul class="plain">${r.reference_groups.map((g) => html`<li><a href="/krav?reference_group=${g.id}">${g.name}</a></li>`)}</ul>`
          : html`<p class="small">${t('requirement.none')}</p>`
      }
      <h3>${t('requirement.provenance')}</h3>
      <p class="source">${r.source}</p>
    </aside>`;
  }

  private questions(value: PageData) {
    const qs = value.requirement.questions;
    return html`<section aria-labelledby="questions-heading">
      <h2 id="questions-heading">${t('requirement.questions')} <span class="muted">(${qs.length})</span></h2>
      ${
        qs.length === 0
          ? html`<p class="muted">${t('requirement.questionsNone')}</p>`
          : html`<ul class="questions">
              ${qs.map(
                (q) => html`<li>
                  <a href="/sporsmal/${q.ref}">${q.ref}</a>
                  <span>${q.text}<span class="small" style="display:block">${t(`requirement.origin.${q.origin}`)}</span></span>
                  <span class="status ${q.status}">${t(`question_status.${q.status}`)}</span>
                </li>`,
              )}
            </ul>`
      }
    </section>`;
  }

  private toMeasures(e: Event) {
    e.preventDefault();
    this.renderRoot.querySelector('#measures-heading')?.scrollIntoView({ block: 'start' });
  }

  private measures(value: PageData) {
    const r = value.requirement;
    return html`<section aria-labelledby="measures-heading">
      <h2 id="measures-heading">${t('requirement.measures')} <span class="muted">(${r.measures.length})</span></h2>
      ${r.at_risk && r.at_risk_reason ? html`<p class="risk">${t(`requirement.risk.${r.at_risk_reason}`)}</p>` : nothing}
      <p>
        ${canWriteAnalysis(this.session?.user ?? null) ? html`<a href="/tiltak/ny?requirement=${r.ref}">${t('measures.newFor', { ref: r.ref })}</a> · ` : nothing}
        <a href="/tiltak?requirement=${r.ref}">${t('measures.ofRequirement')}</a>
      </p>
      ${
        r.measures.length === 0
          ? html`<p class="muted">${t('requirement.measuresNone')}</p>`
          : html`<ul class="measures">
              ${r.measures.map(
                (m) => html`<li>
                  <div>
                    <strong><a href="/tiltak/${m.id}">${m.title}</a></strong>
                    <span class="small" style="display:block">
                      ${t(`measure_status.${m.status}`)} ·
                      ${m.planned_end ? t('requirement.measureEnds', { date: formatDate(m.planned_end) }) : t('requirement.measureNoEnd')}
                      ${m.rank !== null ? html` · ${t('requirement.measureRank', { rank: m.rank })}` : nothing}
                    </span>
                    ${m.link_note ? html`<details><summary>${t('requirement.measureWhy')}</summary><p class="small">${m.link_note}</p></details>` : nothing}
                  </div>
                  <span class="timing ${m.in_time ? 'ok' : 'late'}">${m.in_time ? t('requirement.inTime') : t('requirement.late')}</span>
                </li>`,
              )}
            </ul>`
      }
    </section>`;
  }

  private input(i: Input) {
    return html`<li data-input=${i.id}>
      <div class="input-head">
        <span class="type">${t(`input_type.${i.type}`)}</span>
        <span>${t('requirement.inputFrom')}: ${i.organisation ?? t('requirement.inputUnknownOrg')}</span>
        ${i.meeting_title ? html`<span>${t('requirement.inputMeeting')}: ${i.meeting_title}${i.meeting_date ? `, ${formatDate(i.meeting_date)}` : ''}</span>` : nothing}
      </div>
      <blockquote>${i.text}</blockquote>
      <p class="small">${t('common.source')}: ${i.source}</p>
      <ehds-disposition-editor .input=${i} @ehds-disposition-saved=${this.onDisposed}></ehds-disposition-editor>
    </li>`;
  }

  private historySection() {
    return html`<section aria-labelledby="history-heading">
      <h2 id="history-heading">${t('requirement.history')}</h2>
      ${this.history.render({
        pending: () =>
          this.history.value
            ? this.historyList(this.history.value.items)
            : html`<ehds-async-state status="loading"></ehds-async-state>`,
        error: (e) =>
          html`<ehds-async-state status="error" .error=${e} @ehds-retry-requested=${() => this.history.run()}></ehds-async-state>`,
        complete: (h) =>
          h.items.length ? this.historyList(h.items) : html`<p class="muted">${t('requirement.historyNone')}</p>`,
      })}
    </section>`;
  }

  private historyList(items: Awaited<ReturnType<typeof fetchHistory>>['items']) {
    const orgs = this.data.value?.organisations ?? [];
    const format = (field: string, value: unknown): string => {
      if (value === null || value === undefined || value === '') return '';
      if (field === 'coverage') return t(`coverage.${value}`);
      if (field === 'work_status') return t(`work_status.${value}`);
      if (field === 'gap_dimensions') return (value as string[]).map((d) => t(`gap.${d}`)).join(', ');
      if (field === 'responsible_organisation_id') return orgs.find((o) => o.id === value)?.name ?? String(value);
      if (field === 'deadline') return formatDate(String(value));
      if (field === 'national_choice') return value ? t('requirement.yes') : t('requirement.no');
      if (field === 'categories') return (value as string[]).map((c) => `${c}) ${t(`category.${c}`)}`).join(', ');
      if (field === 'area') return `${value} ${t(`area.${value}`)}`;
      return Array.isArray(value) ? value.join(', ') : String(value);
    };
    const label = (entity: string, field: string) =>
      entity === 'assessment' && field !== 'source' ? t(`assessment.${field}`) : t(`field.${field}`);
    return html`<ehds-history-list .entries=${items} .fieldLabel=${label} .formatValue=${format}
      .entityLabel=${(e: string) => t(`entity.${e}`)}></ehds-history-list>`;
  }

  private content(value: PageData) {
    const r = value.requirement;
    const a = r.assessment;
    return html`
      <p class="eyebrow">${r.area_code} ${t(`area.${r.area_code}`)}${r.group_name ? ` · ${r.group_name}` : ''}</p>
      <h1><span class="ref">${r.ref}</span> ${r.title}</h1>
      ${r.title_en ? html`<p class="title-en" lang="en">${r.title_en}</p>` : nothing}
      <div class="status-row">
        <span><span class="k">${t('assessment.coverage')}</span><span class="badge ${a.coverage}" data-current-coverage=${a.coverage}>${t(`coverage.${a.coverage}`)}</span></span>
        <span><span class="k">${t('assessment.work_status')}</span>${t(`work_status.${a.work_status}`)}</span>
        <span><span class="k">${t('requirement.deadline')}</span>${r.deadline ? formatDate(r.deadline) : '–'}</span>
        ${r.national_choice ? html`<span class="flag">${t('requirement.nationalChoice')}</span>` : nothing}
        ${r.at_risk ? html`<a class="flag risk-flag" href="#measures-heading" @click=${this.toMeasures}>${t('requirement.atRisk')}</a>` : nothing}
      </div>
      <div class="grid">
        <div class="main">
          <section aria-labelledby="description-heading">
            <h2 id="description-heading">${t('requirement.description')}</h2>
            <p class="description">${r.description || t('requirement.noDescription')}</p>
          </section>
          <section class="assessment" aria-labelledby="assessment-heading">
            <h2 id="assessment-heading">${t('requirement.assessment')}</h2>
            <ehds-assessment-form ref=${r.ref} .assessment=${a} .organisations=${value.organisations}
              @ehds-assessment-saved=${this.onSaved} @ehds-assessment-conflicted=${this.onConflict}></ehds-assessment-form>
          </section>
          ${this.questions(value)}
          ${this.measures(value)}
          <section aria-labelledby="inputs-heading">
            <h2 id="inputs-heading">${t('requirement.inputs')} <span class="muted">(${value.inputs.length})</span></h2>
            ${
              value.inputs.length
                ? html`<ul class="inputs">${value.inputs.map((i) => this.input(i))}</ul>`
                : html`<p class="muted">${t('requirement.inputsNone')}</p>`
            }
          </section>
          ${this.historySection()}
        </div>
        ${this.facts(value)}
      </div>
    `;
  }

  render() {
    const ref = refOf(this.location);
    return html`
      <nav aria-label=${t('requirement.breadcrumb')}>
        <ol class="crumbs">
          <li><a href="/krav">${t('nav.requirements')}</a></li>
          <li aria-current="page">${ref}</li>
        </ol>
      </nav>
      ${renderTask(this.data, (value) => this.content(value), html`<h1>${ref}</h1>`)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-requirement-page': EhdsRequirementPage;
  }
}
