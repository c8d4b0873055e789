import { Task } from '@lit/task';
import type { RouterLocation } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api, ok, type SuccessBody } from '../api.ts';
import '../components/ehds-async-state.ts';
import '../i18n/articles.ts';
import { renderTask } from '../components/ehds-async-state.ts';
import { formatDate, LangController, lang, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';

type Article = SuccessBody<Awaited<ReturnType<(typeof api.articles)[':number']['$get']>>>;

/** The article number of the address: `/artikler/14` → `14`, `/artikler/Annex%20II` → `Annex II`. */
function numberOf(location: RouterLocation | undefined): string {
  const param = location?.params?.number;
  const raw = typeof param === 'string' ? param : (window.location.pathname.split('/')[2] ?? '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** One article: where it sits, when it applies, the requirements citing it, the Commission's acts and national choices. */
@customElement('ehds-article-page')
export class EhdsArticlePage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .crumb { margin-bottom: 0.75rem; }
      .kicker { color: var(--ehds-text-muted); font-weight: 600; margin: 0 0 0.25rem; }
      dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1.25rem; margin: 1rem 0; }
      dl.facts dt { font-weight: 600; }
      dl.facts dd { margin: 0; }
      .note { color: var(--ehds-text-muted); font-size: 0.9rem; }
      table { margin-top: 0.5rem; }
      tbody th { background: none; font-weight: 600; white-space: nowrap; }
      caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
      .untraced { border-left: 4px solid #8a5a00; background: var(--ehds-warning-bg); padding: 0.75rem 1rem; }
      ul.questions { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75rem; }
      ul.questions li { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.75rem 1rem; }
      .qmeta { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.9rem; color: var(--ehds-text-muted); margin-top: 0.35rem; }
      .qmeta a { font-weight: 600; }
    `,
  ];

  /** Set by the router; `params.number` is the article. */
  @property({ attribute: false }) location?: RouterLocation;

  protected readonly i18n = new LangController(this);

  private readonly article = new Task(this, {
    task: async ([number], { signal }) =>
      ok(api.articles[':number'].$get({ param: { number: number as string } }, { init: { signal } })),
    args: () => [numberOf(this.location)],
  });

  updated() {
    const a = this.article.value;
    const name = a ? this.label(a) : numberOf(this.location);
    document.title = `${name} – ${t('articles.title')} – ${t('app.title')}`;
  }

  private label(a: Pick<Article, 'kind' | 'number'>) {
    return a.kind === 'annex'
      ? t('articles.annex', { number: a.number.replace(/^Annex\s+/, '') })
      : t('articles.articleLong', { number: a.number });
  }

  render() {
    return html`
      <p class="crumb"><a href="/artikler">← ${t('article.back')}</a></p>
      ${renderTask(this.article, (a) => this.renderArticle(a), html`<h1>${numberOf(this.location)}</h1>`)}
    `;
  }

  private renderArticle(a: Article) {
    const title = lang() === 'nb' && a.title_nb ? a.title_nb : a.title_en;
    return html`
      <p class="kicker">${this.label(a)}</p>
      <h1 lang=${title === a.title_en ? 'en' : 'nb'}>${title}</h1>
      <dl class="facts">
        ${
          a.chapter
            ? html`<dt>${t('articles.chapter', { chapter: a.chapter })}</dt><dd lang="en">${a.chapter_title}</dd>`
            : nothing
        }
        ${
          a.section
            ? html`<dt>${t('articles.section', { section: a.section })}</dt><dd lang="en">${a.section_title}</dd>`
            : nothing
        }
        <dt>${t('article.applies')}</dt>
        <dd>
          ${a.applies_from ? formatDate(a.applies_from) : t('articles.appliesUnknown')}
          ${a.applies_note ? html`<div class="note" lang="en">${a.applies_note}</div>` : nothing}
        </dd>
        ${a.area_code ? html`<dt>${t('article.area')}</dt><dd>${a.area_code} ${t(`area.${a.area_code}`)}</dd>` : nothing}
        <dt>${t('common.source')}</dt><dd>${a.source}</dd>
      </dl>
      ${a.chapter ? html`<p><a href="/sporbarhet?chapter=${a.chapter}">${t('articles.traceLink', { chapter: a.chapter })}</a></p>` : nothing}

      <h2>${t('article.requirementsHeading')}</h2>
      ${a.requirements.length ? this.renderRequirements(a) : html`<p class="untraced">${t('article.noRequirements')}</p>`}

      <h2>${t('article.actsHeading')}</h2>
      ${a.implementing_acts.length ? this.renderActs(a) : html`<p>${t('article.noActs')}</p>`}

      <h2>${t('article.questionsHeading')}</h2>
      ${a.questions.length ? this.renderQuestions(a) : html`<p>${t('article.noQuestions')}</p>`}
    `;
  }

  private renderRequirements(a: Article) {
    return html`
      <table>
        <caption class="visually-hidden">${t('article.requirementsCaption', { number: a.number })}</caption>
        <thead>
          <tr>
            <th scope="col">${t('article.col.ref')}</th>
            <th scope="col">${t('article.col.title')}</th>
            <th scope="col">${t('article.col.citation')}</th>
            <th scope="col">${t('article.col.deadline')}</th>
            <th scope="col">${t('article.col.coverage')}</th>
            <th scope="col">${t('article.col.workStatus')}</th>
          </tr>
        </thead>
        <tbody>
          ${a.requirements.map(
            (r) => html`<tr>
              <th scope="row"><a href="/krav/${r.ref}">${r.ref}</a></th>
              <td>${r.title}</td>
              <td>${r.pinpoint}</td>
              <td>${formatDate(r.deadline)}</td>
              <td><span class="badge ${r.coverage}">${t(`coverage.${r.coverage}`)}</span></td>
              <td>${t(`work_status.${r.work_status}`)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  private renderActs(a: Article) {
    return html`
      <table>
        <caption class="visually-hidden">${t('article.actsCaption', { number: a.number })}</caption>
        <thead>
          <tr>
            <th scope="col">${t('article.col.paragraph')}</th>
            <th scope="col">${t('article.col.type')}</th>
            <th scope="col">${t('article.col.modality')}</th>
            <th scope="col">${t('article.col.commissionDeadline')}</th>
            <th scope="col">${t('article.col.subject')}</th>
          </tr>
        </thead>
        <tbody>
          ${a.implementing_acts.map(
            (act) => html`<tr>
              <th scope="row">${act.article_paragraph}</th>
              <td>${t(`article.type.${act.type}`)}</td>
              <td lang="en">${act.modality}</td>
              <td>${act.commission_deadline ? formatDate(act.commission_deadline) : '–'}</td>
              <td lang="en">${act.subject}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  private renderQuestions(a: Article) {
    return html`
      <ul class="questions">
        ${a.questions.map(
          (q) => html`<li>
            <div>${q.text}</div>
            <div class="qmeta">
              <a href="/sporsmal/${q.ref}">${q.ref}</a>
              <span>${t(`question_status.${q.status}`)}</span>
              <span>${t(`article.origin.${q.origin}`)}</span>
              <span>${t('article.citation', { citation: q.pinpoint })}</span>
            </div>
          </li>`,
        )}
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-article-page': EhdsArticlePage;
  }
}
