import { Task, TaskStatus } from '@lit/task';
import type { RouterLocation } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import '../components/ehds-file-download.ts';
import type { DownloadJob, EhdsFileDownload } from '../components/ehds-file-download.ts';
import '../components/ehds-snapshot-import.ts';
import { formatDate, formatDateTime, LangController, t } from '../i18n/index.ts';
import '../i18n/versions.ts';
import { shared } from '../styles/shared.ts';
import { writeQuery } from '../url-state.ts';

const FORMATS = ['docx', 'xlsx', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** The request for each format, from now (`version` undefined) or a version; all through the typed client. */
function request(format: Format, version: string | undefined, signal: AbortSignal): Promise<Response> {
  const query = version === undefined ? {} : { version };
  const init = { init: { signal } };
  const call = {
    docx: () => api.export['report.docx'].$get({ query }, init),
    xlsx: () => api.export['workbook.xlsx'].$get({ query }, init),
    csv: () => api.export['requirements.csv'].$get({ query }, init),
    json: () => api.export['snapshot.json'].$get({ query }, init),
  }[format];
  return call() as unknown as Promise<Response>;
}

const EXTENSIONS: Record<Format, string> = { docx: 'docx', xlsx: 'xlsx', csv: 'csv', json: 'json' };

/** Today in Norway as YYYY-MM-DD. */
const todayIso = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());

/** Who is signed in; null when that cannot be told (the server decides what is allowed anyway). */
const whoAmI = (signal: AbortSignal) => ok(api.auth.me.$get({}, { init: { signal } })).catch(() => null);

/**
 * Eksport: pick a format (DOCX report, XLSX workbook, requirements CSV, JSON snapshot) and a version
 * (now or a frozen one), then build the file with progress shown; and, for administrators, load a
 * snapshot into an empty database. Format and version live in the URL (`?format=&version=`).
 */
@customElement('ehds-export-page')
export class EhdsExportPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .intro { max-width: 62rem; }
      form.export { border: 1px solid var(--ehds-border); border-top: 4px solid var(--ehds-primary); border-radius: var(--ehds-radius); padding: 1rem 1.25rem; max-width: 62rem; }
      fieldset { border: 0; margin: 0 0 1.25rem; padding: 0; }
      legend { font-weight: 600; font-size: 1.05rem; margin-bottom: 0.5rem; padding: 0; }
      select { min-width: 20rem; }
      .formats { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 0.75rem; }
      .format { display: grid; grid-template-columns: auto 1fr; gap: 0.1rem 0.6rem; align-items: start; align-content: start; border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.75rem 0.9rem; cursor: pointer; }
      .format:has(input:checked) { border-color: var(--ehds-primary); box-shadow: inset 0 0 0 1px var(--ehds-primary); background: #f3f7fb; }
      .format input { margin: 0.3rem 0 0; width: 1.05rem; height: 1.05rem; accent-color: var(--ehds-primary); }
      .format label { margin: 0; cursor: pointer; }
      .format .about { grid-column: 2; font-size: 0.9rem; color: var(--ehds-text-muted); margin: 0; }
      .source { margin: 0.5rem 0 0; padding: 0.5rem 0.75rem; background: var(--ehds-bg-subtle); border-radius: var(--ehds-radius); }
      .go { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; }
      section.import { margin-top: 2.5rem; max-width: 62rem; }
      .admin { display: inline-block; font-size: 0.85rem; border: 1px solid #9fb6cf; background: #eef3f9; color: var(--ehds-primary-hover); border-radius: 999px; padding: 0 0.55rem; margin-left: 0.5rem; vertical-align: middle; font-weight: 400; }
    `,
  ];

  /** Set by the router on every navigation here. */
  @property({ attribute: false }) location?: RouterLocation;
  @state() private format: Format = 'docx';
  /** A version name; undefined: now. */
  @state() private version?: string;
  @state() private busy = false;
  @query('ehds-file-download') private download!: EhdsFileDownload;
  protected readonly i18n = new LangController(this);

  private readonly versions = new Task(this, {
    task: async (_args, { signal }) => (await ok(api.versions.$get({}, { init: { signal } }))).items,
    args: () => [],
  });

  private readonly me = new Task(this, {
    task: async (_args, { signal }) => whoAmI(signal),
    args: () => [],
  });

  /** The role once known; null when it could not be told, undefined while asking. */
  private get userRole() {
    if (this.me.status !== TaskStatus.COMPLETE) return undefined;
    return this.me.value?.role ?? null;
  }

  /** The formats this role may take: the whole snapshot is for analysts and administrators. */
  private get formats(): readonly Format[] {
    const role = this.userRole;
    return role === 'viewer' || role === 'reference_member' ? FORMATS.filter((f) => f !== 'json') : FORMATS;
  }

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('location') || !this.hasUpdated) {
      // The router sets `location` before it updates the address bar, so the query is read from it.
      const params = new URLSearchParams(this.location?.search ?? location.search);
      this.format = FORMATS.find((f) => f === params.get('format')) ?? this.format;
      this.version = params.get('version')?.trim() || undefined;
    }
    if (!this.formats.includes(this.format)) this.format = 'docx';
  }

  updated() {
    document.title = `${t('export.title')} – ${t('app.title')}`;
  }

  private choose(next: { format?: Format; version?: string | null }) {
    if (next.format) this.format = next.format;
    if (next.version !== undefined) this.version = next.version ?? undefined;
    writeQuery({ format: this.format === 'docx' ? undefined : this.format, version: this.version });
    this.download?.reset();
  }

  private async build(e: Event) {
    e.preventDefault();
    const format = this.format;
    const version = this.version;
    const job: DownloadJob = {
      label: t(`export.f.${format}`),
      fallbackName: `ehds-${format}-${version ?? todayIso()}.${EXTENSIONS[format]}`,
      request: (signal) => request(format, version, signal),
    };
    this.busy = true;
    try {
      await this.download.run(job);
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`
      <h1>${t('export.title')}</h1>
      <p class="intro">${t('export.intro')}</p>
      ${this.versions.render({
        initial: () => html`<ehds-async-state status="loading"></ehds-async-state>`,
        pending: () =>
          this.versions.value
            ? this.renderForm(this.versions.value)
            : html`<ehds-async-state status="loading"></ehds-async-state>`,
        error: (error) =>
          html`<ehds-async-state status="error" .error=${error} @ehds-retry-requested=${() => this.versions.run()}></ehds-async-state>`,
        complete: (versions) => this.renderForm(versions),
      })}
      ${
        this.userRole === 'admin' || this.userRole === null
          ? html`<section class="import" aria-labelledby="import-heading">
              <h2 id="import-heading">${t('import.heading')}<span class="admin">${t('import.adminOnly')}</span></h2>
              <ehds-snapshot-import @ehds-snapshot-imported=${() => this.versions.run()}></ehds-snapshot-import>
            </section>`
          : nothing
      }
    `;
  }

  private renderForm(versions: { name: string; date: string; created_at: string }[]) {
    const chosen = versions.find((v) => v.name === this.version);
    const unknown = this.version !== undefined && !chosen;
    const source = chosen
      ? t('export.sourceVersion', {
          name: chosen.name,
          date: formatDate(chosen.date),
          frozen: formatDateTime(chosen.created_at),
        })
      : t('export.sourceNow', { date: formatDate(todayIso()) });
    return html`<form class="export" @submit=${this.build} novalidate>
      <fieldset>
        <legend>${t('export.format')}</legend>
        <div class="formats">
          ${this.formats.map(
            // The whole card picks its format for the mouse; the radio button is the keyboard's way in.
            (f) => html`<div class="format" @click=${(e: Event) => {
              if ((e.target as HTMLElement).tagName !== 'INPUT') this.choose({ format: f });
            }}>
              <input type="radio" name="format" id="format-${f}" value=${f} .checked=${this.format === f}
                aria-describedby="about-${f}" @change=${() => this.choose({ format: f })} />
              <label for="format-${f}">${t(`export.f.${f}`)}</label>
              <p class="about" id="about-${f}">${t(`export.f.${f}.about`)}</p>
            </div>`,
          )}
        </div>
      </fieldset>
      <div class="field">
        <label for="version">${t('export.version')}</label>
        <select id="version" aria-describedby="version-hint source" @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          this.choose({ version: value || null });
        }}>
          <option value="" ?selected=${this.version === undefined || unknown}>${t('versions.nowLong')}</option>
          ${[...versions]
            .reverse()
            .map(
              (v) =>
                html`<option value=${v.name} ?selected=${v.name === this.version}>${v.name} · ${formatDate(v.date)}</option>`,
            )}
        </select>
        <div class="hint" id="version-hint">${t('export.versionHint')}</div>
        ${unknown ? html`<p class="alert" role="alert">${t('async.notFound')} (${this.version})</p>` : nothing}
        ${unknown ? nothing : html`<p class="source" id="source">${t('export.source', { source })}</p>`}
      </div>
      <div class="go">
        <button type="submit" ?disabled=${this.busy || unknown}>${t('export.submit')}: ${t(`export.f.${this.format}`)}</button>
      </div>
      <ehds-file-download></ehds-file-download>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-export-page': EhdsExportPage;
  }
}
