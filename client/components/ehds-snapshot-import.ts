import { css, html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { ApiRequestError, api, ok } from '../api.ts';
import { LangController, t } from '../i18n/index.ts';
import '../i18n/versions.ts';
import { shared } from '../styles/shared.ts';
import { describeError } from './ehds-async-state.ts';

type Outcome =
  | { kind: 'none' }
  | { kind: 'done'; rows: number; schema: string }
  | { kind: 'refused'; lead: string; detail: string };

/**
 * «Importer øyeblikksbilde»: uploads a JSON snapshot to `POST /api/import/snapshot`. The server takes
 * it only into an empty database; its refusal (409) is explained in words and quoted.
 *
 * @fires ehds-snapshot-imported - `detail: { rows }` after a successful import; bubbles and is composed.
 */
@customElement('ehds-snapshot-import')
export class EhdsSnapshotImport extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .row { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.75rem 1rem; }
      .row .field { margin: 0; }
      input[type='file'] { border: 1px dashed #6b7580; padding: 0.4rem; }
      .alert p:last-child, .notice p:last-child { margin-bottom: 0; }
      .alert:focus { outline: 3px solid var(--ehds-focus); outline-offset: 2px; }
      q { font-style: italic; }
    `,
  ];

  @state() private busy = false;
  @state() private outcome: Outcome = { kind: 'none' };
  @query('input[type="file"]') private input!: HTMLInputElement;
  protected readonly i18n = new LangController(this);

  private async submit(e: Event) {
    e.preventDefault();
    const file = this.input.files?.[0];
    if (!file) return this.refuse(t('import.noFile'), '');
    let snapshot: unknown;
    try {
      snapshot = JSON.parse(await file.text());
    } catch (error) {
      return this.refuse(t('import.notJson', { message: error instanceof Error ? error.message : String(error) }), '');
    }
    this.busy = true;
    this.outcome = { kind: 'none' };
    try {
      // The server validates the whole document; the client only made sure it is JSON.
      const result = await ok(api.import.snapshot.$post({ json: snapshot as never }));
      this.outcome = { kind: 'done', rows: result.rows, schema: result.schema_version };
      this.dispatchEvent(
        new CustomEvent('ehds-snapshot-imported', { detail: { rows: result.rows }, bubbles: true, composed: true }),
      );
    } catch (error) {
      const status = error instanceof ApiRequestError ? error.status : 0;
      const lead =
        status === 409
          ? t('import.notEmpty')
          : status === 401 || status === 403
            ? t('import.forbidden')
            : t('import.failed');
      await this.refuse(lead, t('import.serverSaid', { message: describeError(error) }));
    } finally {
      this.busy = false;
    }
  }

  private async refuse(lead: string, detail: string) {
    this.outcome = { kind: 'refused', lead, detail };
    await this.updateComplete;
    (this.renderRoot.querySelector('.alert') as HTMLElement | null)?.focus();
  }

  render() {
    const o = this.outcome;
    return html`
      <p>${t('import.intro')}</p>
      <form @submit=${this.submit} novalidate>
        <div class="row">
          <div class="field">
            <label for="snapshot-file">${t('import.file')}</label>
            <input id="snapshot-file" type="file" accept=".json,application/json" @change=${() => {
              this.outcome = { kind: 'none' };
            }} />
          </div>
          <button type="submit" ?disabled=${this.busy}>${this.busy ? t('import.importing') : t('import.submit')}</button>
        </div>
      </form>
      <div role="status">
        ${o.kind === 'done' ? html`<p class="notice">${t('import.done', { rows: o.rows, schema: o.schema })}</p>` : nothing}
        ${this.busy ? html`<p class="muted">${t('import.importing')}</p>` : nothing}
      </div>
      ${
        o.kind === 'refused'
          ? html`<div class="alert" role="alert" tabindex="-1"><p><strong>${o.lead}</strong></p>${o.detail ? html`<p>${o.detail}</p>` : nothing}</div>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-snapshot-import': EhdsSnapshotImport;
  }
}
