import { Task } from '@lit/task';
import type { RouterLocation } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import '../components/ehds-question-editor.ts';
import type { Question } from '../components/ehds-question-editor.ts';
import { formatDate, formatDateTime, LangController, t } from '../i18n/index.ts';
import '../i18n/articles.ts';
import '../i18n/questions.ts';
import { renderTask } from '../components/ehds-async-state.ts';
import { shared } from '../styles/shared.ts';

function refOf(location: RouterLocation | undefined): string {
  const param = location?.params?.ref;
  const raw = typeof param === 'string' ? param : (window.location.pathname.split('/')[2] ?? '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** `14(1)(a)` → `14`, `Annex II` stays. */
const articleNumber = (pinpoint: string, number: string) => number || pinpoint.replace(/\(.*$/, '');

/** One principle question: what it is about, and the handling form (status, options, decision …). */
@customElement('ehds-question-page')
export class EhdsQuestionPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .crumb { margin-bottom: 0.75rem; }
      .kicker { color: var(--ehds-text-muted); font-weight: 600; margin: 0 0 0.25rem; }
      h1 { font-size: 1.4rem; max-width: 60rem; }
      .layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 2rem; margin-top: 1rem; }
      @media (max-width: 60rem) { .layout { grid-template-columns: 1fr; } }
      .layout h2 { margin-top: 0; }
      aside { background: var(--ehds-bg-subtle); border-radius: var(--ehds-radius); padding: 1rem 1.25rem; align-self: start; }
      aside h2 { margin-top: 1.25rem; font-size: 1.1rem; }
      aside h2:first-child { margin-top: 0; }
      dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0 0 0.5rem; }
      dl.facts dt { font-weight: 600; }
      dl.facts dd { margin: 0; }
      ul.plain { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
      ul.plain li { border-bottom: 1px solid var(--ehds-border); padding-bottom: 0.4rem; }
      .meta { font-size: 0.9rem; color: var(--ehds-text-muted); }
    `,
  ];

  @property({ attribute: false }) location?: RouterLocation;
  /** The latest stored state, after a save in the editor. */
  @state() private saved?: Question;
  protected readonly i18n = new LangController(this);

  private readonly question = new Task(this, {
    task: async ([ref], { signal }) => {
      this.saved = undefined;
      return ok(api.questions[':ref'].$get({ param: { ref: ref as string } }, { init: { signal } }));
    },
    args: () => [refOf(this.location)],
  });

  /** The facts beside the form follow what is stored: after a save, and after a stale save showed the other version. */
  private readonly onStored = (e: CustomEvent<{ question: Question }>) => {
    this.saved = e.detail.question;
  };

  updated() {
    document.title = `${refOf(this.location)} – ${t('questions.title')} – ${t('app.title')}`;
  }

  render() {
    const ref = refOf(this.location);
    return html`
      <p class="crumb"><a href="/sporsmal">← ${t('question.back')}</a></p>
      ${renderTask(this.question, (q) => this.renderQuestion(this.saved ?? q, q), html`<h1>${t('question.kicker', { ref })}</h1>`)}
    `;
  }

  private renderQuestion(q: Question, loaded: Question) {
    return html`
      <p class="kicker">${t('question.kicker', { ref: q.ref })}</p>
      <h1>${q.text}</h1>
      <div class="layout">
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">${t('question.edit')}</h2>
          <ehds-question-editor .question=${loaded} @ehds-question-saved=${this.onStored} @ehds-question-conflicted=${this.onStored}></ehds-question-editor>
        </section>
        <aside aria-label=${t('question.facts')}>
          <h2>${t('question.facts')}</h2>
          <dl class="facts">
            <dt>${t('question.status')}</dt><dd>${t(`question_status.${q.status}`)}</dd>
            <dt>${t('question.area')}</dt><dd>${q.area_code ? `${q.area_code} ${t(`area.${q.area_code}`)}` : t('questions.noArea')}</dd>
            <dt>${t('question.origin')}</dt><dd>${t(`questions.origin.${q.origin}`)}</dd>
            <dt>${t('common.source')}</dt><dd>${q.source}</dd>
            <dt>${t('question.version')}</dt><dd>${q.version}</dd>
            <dt>${t('question.updated')}</dt><dd>${formatDateTime(q.updated_at)}</dd>
          </dl>
          <h2>${t('question.requirements')}</h2>
          ${
            q.requirements.length
              ? html`<ul class="plain">
                  ${q.requirements.map(
                    (r) => html`<li>
                      <a href="/krav/${r.ref}">${r.ref}</a> ${r.title}
                      <div class="meta"><span class="badge ${r.coverage}">${t(`coverage.${r.coverage}`)}</span>${r.deadline ? ` · ${formatDate(r.deadline)}` : ''}</div>
                    </li>`,
                  )}
                </ul>`
              : html`<p class="muted">${t('question.noRequirements')}</p>`
          }
          <h2>${t('question.articles')}</h2>
          ${
            q.articles.length
              ? html`<ul class="plain">
                  ${q.articles.map(
                    (a) => html`<li>
                      <a href="/artikler/${encodeURIComponent(articleNumber(a.pinpoint, a.number))}">${t('articles.article', { number: a.pinpoint })}</a>
                      <span lang="en">${a.title_en}</span>
                      ${a.applies_from ? html`<div class="meta">${t('articles.appliesFrom', { date: formatDate(a.applies_from) })}</div>` : nothing}
                    </li>`,
                  )}
                </ul>`
              : html`<p class="muted">${t('question.noArticles')}</p>`
          }
          <h2>${t('question.inputs')}</h2>
          ${
            q.inputs.length
              ? html`<ul class="plain">
                  ${q.inputs.map(
                    (i) => html`<li>
                      ${i.text}
                      <div class="meta">${t(`input_type.${i.type}`)} · ${i.organisation ?? i.source} – ${t(`disposition.${i.disposition}`)}</div>
                    </li>`,
                  )}
                </ul>`
              : html`<p class="muted">${t('question.noInputs')}</p>`
          }
        </aside>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-question-page': EhdsQuestionPage;
  }
}
