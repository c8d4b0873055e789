import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { Router, type RouterLocation } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import { describeError, renderTask } from '../components/ehds-async-state.ts';
import '../components/ehds-disposition-editor.ts';
import type { Input } from '../components/ehds-disposition-editor.ts';
import '../i18n/rounds.ts';
import { formatDate, formatDateTime, LangController, t } from '../i18n/index.ts';
import { canWriteAnalysis, isAdmin, type Session, sessionContext } from '../session.ts';
import { shared } from '../styles/shared.ts';

/**
 * One consultation round for the analysts: its status and period, opening and closing, the input given
 * on each requirement in its scope and on the round as a whole with dispositions, and «Norges innspill»
 * as CSV and Word.
 */
@customElement('ehds-round-page')
export class EhdsRoundPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .meta { display: flex; flex-wrap: wrap; gap: 0.4rem 1.5rem; margin: 0.5rem 0 1rem; }
      .meta div { display: flex; flex-direction: column; }
      .meta dt { font-size: 0.85rem; color: var(--ehds-text-muted); }
      .meta dd { margin: 0; font-weight: 600; }
      dl.meta { margin: 0.5rem 0 1rem; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0 1rem; }
      .description { white-space: pre-wrap; max-width: 60rem; }
      section.req { margin-top: 1.25rem; }
      section.req h2 { font-size: 1.1rem; }
      ul.inputs { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.6rem; }
      article { display: grid; grid-template-columns: minmax(0, 1fr) 20rem; gap: 1rem; border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.75rem 1rem; }
      @media (max-width: 56rem) { article { grid-template-columns: 1fr; } }
      article h3 { font-size: 0.95rem; margin: 0 0 0.3rem; color: var(--ehds-text-muted); }
      .text { white-space: pre-wrap; margin: 0 0 0.35rem; }
      .by { font-size: 0.9rem; color: var(--ehds-text-muted); margin: 0; }
      .disp { font-weight: 600; }
    `,
  ];

  @property({ attribute: false }) location?: RouterLocation;
  @consume({ context: sessionContext, subscribe: true }) private session?: Session;
  @state() private notice = '';
  @state() private error = '';
  @state() private updated_ = new Map<number, Input>();
  protected readonly i18n = new LangController(this);

  private get roundId() {
    return String(this.location?.params.id ?? '');
  }

  private readonly data = new Task(this, {
    task: async ([id], { signal }) => {
      const param = { id };
      const [round, scope, inputs] = await Promise.all([
        ok(api.rounds[':id'].$get({ param }, { init: { signal } })),
        ok(api.rounds[':id'].requirements.$get({ param }, { init: { signal } })),
        ok(api.rounds[':id'].inputs.$get({ param, query: { limit: '10000' } }, { init: { signal } })),
      ]);
      this.updated_ = new Map();
      return { round, scope, inputs: inputs.items };
    },
    args: () => [this.roundId] as const,
  });

  updated() {
    const title = this.data.value?.round.title ?? t('rounds.title');
    document.title = `${title} – ${t('app.title')}`;
  }

  private async act(action: 'open' | 'close' | 'delete') {
    this.error = '';
    try {
      const param = { id: this.roundId };
      if (action === 'delete') {
        if (!confirm(t('round.confirmDelete'))) return;
        await ok(api.rounds[':id'].$delete({ param }));
        Router.go('/runder');
        return;
      }
      await ok(action === 'open' ? api.rounds[':id'].open.$post({ param }) : api.rounds[':id'].close.$post({ param }));
      this.notice = t(action === 'open' ? 'round.opened' : 'round.closed');
      await this.data.run();
    } catch (err) {
      this.error = describeError(err);
    }
  }

  render() {
    return html`
      <p><a href="/runder">← ${t('rounds.back')}</a></p>
      ${renderTask(this.data, (data) => this.renderRound(data), html`<h1>${t('rounds.title')}</h1>`)}
    `;
  }

  private renderRound({ round, scope, inputs }: NonNullable<typeof this.data.value>) {
    const user = this.session?.user ?? null;
    const analyst = canWriteAnalysis(user);
    const admin = isAdmin(user);
    const all = inputs.map((i) => this.updated_.get(i.id) ?? i);
    const whole = all.filter((i) => i.requirement_refs.length === 0);
    return html`
      <h1>${round.title}</h1>
      <dl class="meta">
        <div><dt>${t('rounds.group')}</dt><dd>${round.reference_group}</dd></div>
        <div><dt>${t('rounds.status')}</dt><dd>${t(`round_status.${round.status}`)}</dd></div>
        <div><dt>${t('rounds.period')}</dt><dd>${formatDate(round.opens_on)}–${formatDate(round.closes_on)}</dd></div>
        ${round.days_left !== null ? html`<div><dt>${t('rounds.daysLeft')}</dt><dd>${round.days_left}</dd></div>` : nothing}
        <div><dt>${t('rounds.withInput')}</dt><dd>${t('round.share', { with: round.requirements_with_input, of: round.scope_count })}</dd></div>
        <div><dt>${t('rounds.inputs')}</dt><dd>${round.input_count}</dd></div>
      </dl>
      ${round.description ? html`<p class="description">${round.description}</p>` : nothing}
      <div role="status">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        ${analyst && round.status !== 'open' ? html`<button type="button" @click=${() => this.act('open')}>${round.status === 'closed' ? t('round.reopen') : t('round.open')}</button>` : nothing}
        ${analyst && round.status === 'open' ? html`<button type="button" @click=${() => this.act('close')}>${t('round.close')}</button>` : nothing}
        ${admin && round.status !== 'closed' ? html`<a class="button secondary" href="/runder/${round.id}/rediger">${t('round.edit')}</a>` : nothing}
        ${admin && round.status === 'draft' ? html`<button type="button" class="secondary" @click=${() => this.act('delete')}>${t('round.delete')}</button>` : nothing}
        <a class="button secondary" href="/api/rounds/${round.id}/innspill.docx" download>${t('round.exportDocx')}</a>
        <a class="button secondary" href="/api/rounds/${round.id}/innspill.csv" download>${t('round.exportCsv')}</a>
      </div>
      ${
        scope.assessment_source.kind === 'version'
          ? html`<p class="hint">${t('round.publishedFrom', { name: scope.assessment_source.name, date: formatDate(scope.assessment_source.date) })}</p>`
          : nothing
      }
      ${scope.items.map((r) => {
        const about = all.filter((i) => i.requirement_refs.includes(r.ref));
        return html`<section class="req" aria-labelledby="req-${r.ref}">
          <h2 id="req-${r.ref}"><a href="/krav/${r.ref}">${r.ref}</a> ${r.title}</h2>
          ${about.length ? this.renderInputs(about, analyst) : html`<p class="muted">${t('round.noInput')}</p>`}
        </section>`;
      })}
      <section class="req" aria-labelledby="req-whole">
        <h2 id="req-whole">${t('round.whole')}</h2>
        ${whole.length ? this.renderInputs(whole, analyst) : html`<p class="muted">${t('round.noInput')}</p>`}
      </section>
    `;
  }

  private renderInputs(inputs: Input[], analyst: boolean) {
    return html`<ul class="inputs">
      ${inputs.map(
        (i) => html`<li><article aria-labelledby="in-${i.id}">
          <div>
            <h3 id="in-${i.id}">${t(`input_type.${i.type}`)} · ${t('round.inputNo', { id: i.id })}</h3>
            <p class="text">${i.text}</p>
            <p class="by">${[i.author, i.organisation].filter(Boolean).join(', ') || t('round.unknownAuthor')} · ${formatDateTime(i.created_at)}</p>
          </div>
          <div>
            ${
              analyst
                ? html`<ehds-disposition-editor .input=${i} @ehds-disposition-saved=${(
                    e: CustomEvent<{ input: Input }>,
                  ) => {
                    this.updated_ = new Map(this.updated_).set(e.detail.input.id, e.detail.input);
                  }}></ehds-disposition-editor>`
                : html`<span class="disp">${t(`disposition.${i.disposition}`)}</span><p>${i.disposition_reason}</p>`
            }
          </div>
        </article></li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-round-page': EhdsRoundPage;
  }
}
