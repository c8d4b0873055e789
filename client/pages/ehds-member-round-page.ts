import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { RouterLocation } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import { describeError, renderTask } from '../components/ehds-async-state.ts';
import type { Input } from '../components/ehds-disposition-editor.ts';
import '../components/ehds-round-input-form.ts';
import '../i18n/rounds.ts';
import { formatDate, formatDateTime, LangController, t } from '../i18n/index.ts';
import { type Session, sessionContext } from '../session.ts';
import { shared } from '../styles/shared.ts';

type Scope = Awaited<ReturnType<typeof loadScope>>;
const loadScope = (id: string, signal: AbortSignal) =>
  ok(api.rounds[':id'].requirements.$get({ param: { id } }, { init: { signal } }));

/**
 * A reference-group member's view of one round: what it is about and until when, each requirement in its
 * scope with its articles and the published assessment, the group's input on it, and a form to give
 * typed input on it or on the round as a whole. Their own input can be changed or withdrawn until the
 * round closes; after that everything is read-only.
 */
@customElement('ehds-member-round-page')
export class EhdsMemberRoundPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; max-width: 70rem; }
      .banner { border-left: 4px solid var(--ehds-primary); background: var(--ehds-bg-subtle); padding: 0.75rem 1rem; margin: 0.75rem 0 1rem; }
      .banner.closed { border-left-color: var(--ehds-text-muted); }
      .description { white-space: pre-wrap; }
      nav.toc ul { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; list-style: none; padding: 0; }
      section.req { border-top: 2px solid var(--ehds-border); margin-top: 1.5rem; padding-top: 0.5rem; }
      section.req > h2 { margin-top: 0.5rem; }
      .req-text { white-space: pre-wrap; max-width: 60rem; }
      .articles { font-size: 0.92rem; }
      .assessment { background: var(--ehds-bg-subtle); border-radius: var(--ehds-radius); padding: 0.75rem 1rem; margin: 0.75rem 0; }
      .assessment h3 { margin-top: 0; }
      .assessment h4 { margin: 0.6rem 0 0.2rem; font-size: 0.95rem; }
      .assessment p { white-space: pre-wrap; margin: 0; }
      ul.inputs { list-style: none; padding: 0; margin: 0.5rem 0; display: grid; gap: 0.5rem; }
      ul.inputs li { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.6rem 0.85rem; }
      ul.inputs li.mine { border-left: 4px solid var(--ehds-primary); }
      .itext { white-space: pre-wrap; margin: 0.2rem 0; }
      .by { font-size: 0.88rem; color: var(--ehds-text-muted); margin: 0; }
      .row-buttons { display: flex; gap: 0.5rem; margin-top: 0.4rem; flex-wrap: wrap; }
      .row-buttons button { font-size: 0.9rem; padding: 0.2rem 0.6rem; }
      .give { margin-top: 0.75rem; }
      .give h3 { font-size: 1rem; }
    `,
  ];

  @property({ attribute: false }) location?: RouterLocation;
  @consume({ context: sessionContext, subscribe: true }) private session?: Session;
  @state() private editing = 0;
  @state() private withdrawing = 0;
  @state() private notice = '';
  @state() private error = '';
  protected readonly i18n = new LangController(this);

  private get roundId() {
    return String(this.location?.params.id ?? '');
  }

  private readonly data = new Task(this, {
    task: async ([id], { signal }) => {
      const [round, scope, inputs] = await Promise.all([
        ok(api.rounds[':id'].$get({ param: { id } }, { init: { signal } })),
        loadScope(id, signal),
        ok(api.rounds[':id'].inputs.$get({ param: { id }, query: { limit: '10000' } }, { init: { signal } })),
      ]);
      return { round, scope, inputs: inputs.items };
    },
    args: () => [this.roundId] as const,
  });

  updated() {
    document.title = `${this.data.value?.round.title ?? t('member.roundsTitle')} – ${t('app.title')}`;
  }

  private async saved(message: string) {
    this.editing = 0;
    this.withdrawing = 0;
    this.error = '';
    this.notice = message;
    await this.data.run();
  }

  private async withdraw(input: Input) {
    try {
      await ok(api.inputs[':id'].$delete({ param: { id: String(input.id) } }));
      await this.saved(t('member.withdrawn'));
    } catch (err) {
      this.error = describeError(err);
    }
  }

  render() {
    return html`
      <p><a href="/mine-runder">← ${t('member.roundsTitle')}</a></p>
      ${renderTask(this.data, (data) => this.renderRound(data), html`<h1>${t('member.roundsTitle')}</h1>`)}
    `;
  }

  private renderRound({ round, scope, inputs }: NonNullable<typeof this.data.value>) {
    const open = round.accepting_input;
    const whole = inputs.filter((i) => i.requirement_refs.length === 0);
    return html`
      <h1>${round.title}</h1>
      <p>${t('member.groupLine', { group: round.reference_group, from: formatDate(round.opens_on), to: formatDate(round.closes_on) })}</p>
      <div class="banner ${open ? '' : 'closed'}">
        ${open ? t('member.openBanner', { date: formatDate(round.closes_on), days: round.days_left ?? 0 }) : t('member.closedBanner')}
      </div>
      ${round.description ? html`<p class="description">${round.description}</p>` : nothing}
      <p class="hint">${this.sourceLine(scope)}</p>
      <div role="status">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      <nav class="toc" aria-label=${t('member.toc')}>
        <ul>
          ${scope.items.map((r) => html`<li><a href="#r-${r.ref}" @click=${(e: Event) => this.jump(e, `r-${r.ref}`)}>${r.ref}</a></li>`)}
          <li><a href="#r-whole" @click=${(e: Event) => this.jump(e, 'r-whole')}>${t('round.whole')}</a></li>
        </ul>
      </nav>
      ${scope.items.map((r) =>
        this.renderRequirement(
          r,
          inputs.filter((i) => i.requirement_refs.includes(r.ref)),
          round.id,
          open,
        ),
      )}
      <section class="req" aria-labelledby="r-whole">
        <h2 id="r-whole" tabindex="-1">${t('round.whole')}</h2>
        <p>${t('member.wholeIntro')}</p>
        ${this.renderInputs(whole, open)}
        ${open ? html`<div class="give"><ehds-round-input-form round=${round.id} @ehds-round-input-saved=${() => this.saved(t('member.given'))}></ehds-round-input-form></div>` : nothing}
      </section>
    `;
  }

  /** In-page links inside a shadow root: scroll and focus by hand, since the browser cannot find the id. */
  private jump(e: Event, id: string) {
    e.preventDefault();
    const target = this.renderRoot.querySelector(`#${id}`) as HTMLElement | null;
    target?.scrollIntoView();
    target?.focus();
  }

  private sourceLine(scope: Scope) {
    const s = scope.assessment_source;
    return s.kind === 'version'
      ? t('member.published', { name: s.name, date: formatDate(s.date) })
      : t('member.draftAssessment');
  }

  private renderRequirement(r: Scope['items'][number], inputs: Input[], roundId: number, open: boolean) {
    const a = r.assessment;
    return html`<section class="req" aria-labelledby="r-${r.ref}">
      <h2 id="r-${r.ref}" tabindex="-1">${r.ref} ${r.title}</h2>
      ${r.description ? html`<p class="req-text">${r.description}</p>` : nothing}
      ${
        r.articles.length
          ? html`<p class="articles"><strong>${t('member.articles')}:</strong> ${r.articles.map(
              (ar, i) =>
                html`${i ? '; ' : ''}${ar.kind === 'annex' ? ar.pinpoint : t('member.article', { n: ar.pinpoint })} – ${ar.title_en}`,
            )}</p>`
          : nothing
      }
      ${r.deadline ? html`<p><strong>${t('member.deadline')}:</strong> ${formatDate(r.deadline)}</p>` : nothing}
      <div class="assessment">
        <h3>${t('member.assessment')}</h3>
        ${
          a
            ? html`<p><span class="badge ${a.coverage}">${t(`coverage.${a.coverage}`)}</span></p>
                <h4>${t('member.situation')}</h4><p>${a.situation || t('member.notDescribed')}</p>
                <h4>${t('member.gap')}</h4><p>${a.gap || t('member.notDescribed')}</p>
                ${a.justification ? html`<h4>${t('member.justification')}</h4><p>${a.justification}</p>` : nothing}`
            : html`<p>${t('member.notPublished')}</p>`
        }
      </div>
      <h3>${t('member.groupInput')}</h3>
      ${this.renderInputs(inputs, open)}
      ${
        open
          ? html`<div class="give"><ehds-round-input-form round=${roundId} ref=${r.ref} about=${r.ref}
              @ehds-round-input-saved=${() => this.saved(t('member.given'))}></ehds-round-input-form></div>`
          : nothing
      }
    </section>`;
  }

  private renderInputs(inputs: Input[], open: boolean) {
    const me = this.session?.user?.id;
    if (inputs.length === 0) return html`<p class="muted">${t('member.noInputYet')}</p>`;
    return html`<ul class="inputs">
      ${inputs.map((i) => {
        const mine = i.user_id === me;
        return html`<li class=${mine ? 'mine' : ''}>
          <p class="by"><strong>${t(`input_type.${i.type}`)}</strong> · ${mine ? t('member.you') : (i.author ?? t('round.unknownAuthor'))}${i.organisation ? `, ${i.organisation}` : ''} · ${formatDateTime(i.updated_at)}</p>
          ${
            this.editing === i.id
              ? html`<ehds-round-input-form class="editing" round=${i.round_id ?? 0} .input=${i}
                  @ehds-round-input-saved=${() => this.saved(t('member.edited'))}
                  @ehds-round-input-cancelled=${() => {
                    this.editing = 0;
                  }}></ehds-round-input-form>`
              : html`<p class="itext">${i.text}</p>`
          }
          ${i.disposition !== 'pending' ? html`<p class="by">${t(`disposition.${i.disposition}`)}${i.disposition_reason ? `: ${i.disposition_reason}` : ''}</p>` : nothing}
          ${mine && open && this.editing !== i.id ? this.renderOwnButtons(i) : nothing}
        </li>`;
      })}
    </ul>`;
  }

  private renderOwnButtons(i: Input) {
    if (this.withdrawing === i.id) {
      return html`<div class="row-buttons" role="group" aria-label=${t('member.confirmWithdraw')}>
        <span>${t('member.confirmWithdraw')}</span>
        <button type="button" @click=${() => this.withdraw(i)}>${t('member.yesWithdraw')}</button>
        <button type="button" class="secondary" @click=${() => {
          this.withdrawing = 0;
        }}>${t('common.cancel')}</button>
      </div>`;
    }
    return html`<div class="row-buttons">
      <button type="button" class="secondary" aria-label=${t('member.editLabel', { id: i.id })} @click=${async () => {
        this.editing = i.id;
        this.withdrawing = 0;
        await this.updateComplete;
        (this.renderRoot.querySelector('ehds-round-input-form.editing') as HTMLElement | null)?.focus();
      }}>${t('member.edit')}</button>
      <button type="button" class="secondary" aria-label=${t('member.withdrawLabel', { id: i.id })} @click=${() => {
        this.withdrawing = i.id;
        this.editing = 0;
      }}>${t('member.withdraw')}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-member-round-page': EhdsMemberRoundPage;
  }
}
