import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiRequestError } from '../api.ts';
import { LangController, t } from '../i18n/index.ts';
import '../i18n/versions.ts';
import { shared } from '../styles/shared.ts';
import { describeError } from './ehds-async-state.ts';

/** One file to fetch: what to call it while it is built, and the request (through `client/api.ts`). */
export interface DownloadJob {
  /** «Rapport (DOCX)»: named in the progress and status messages. */
  label: string;
  /** Used when the answer names no file. */
  fallbackName: string;
  request: (signal: AbortSignal) => Promise<Response>;
}

type Phase = 'idle' | 'building' | 'receiving' | 'done' | 'failed' | 'cancelled';

/** `attachment; filename="a.docx"; filename*=UTF-8''%C3%A6.docx` → the exact name when given, else the plain one. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const exact = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (exact) {
    try {
      return decodeURIComponent(exact.trim());
    } catch {
      // fall through to the plain name
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1]?.trim() || fallback;
}

export const formatSize = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;

/**
 * Fetches an export without holding up the page: an indeterminate progress bar and the seconds
 * elapsed while the server builds it, a determinate one while the bytes arrive, then a download link
 * to the file (a Blob URL) which takes focus. Status changes are announced; the seconds are not.
 *
 * @fires ehds-download-ready - `detail: { file, size }` when the link is there; bubbles and is composed.
 * @csspart link - the download link.
 */
@customElement('ehds-file-download')
export class EhdsFileDownload extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .progress { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin: 0.75rem 0; }
      progress { width: 16rem; height: 0.9rem; accent-color: var(--ehds-primary); }
      .elapsed { font-variant-numeric: tabular-nums; color: var(--ehds-text-muted); min-width: 3rem; }
      .ready { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
      .ready p { margin: 0; }
      a.button::before { content: '↓ '; }
    `,
  ];

  @state() private phase: Phase = 'idle';
  @state() private elapsed = 0;
  @state() private received = 0;
  @state() private total = 0;
  @state() private message = '';
  @state() private file = '';
  @state() private href = '';
  @state() private label = '';

  private controller?: AbortController;
  private timer?: ReturnType<typeof setInterval>;
  protected readonly i18n = new LangController(this);

  /** Whether a file is being built or fetched. */
  get busy() {
    return this.phase === 'building' || this.phase === 'receiving';
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.controller?.abort();
    this.stopClock();
    this.forget();
  }

  /** Drops the last file (e.g. when the user picks another format or version). */
  reset() {
    if (this.busy) this.controller?.abort();
    this.forget();
    this.phase = 'idle';
    this.message = '';
  }

  cancel() {
    this.controller?.abort();
  }

  /** Builds and fetches the file; resolves when it is ready, failed or was cancelled. */
  async run(job: DownloadJob) {
    this.controller?.abort();
    this.forget();
    const controller = new AbortController();
    this.controller = controller;
    this.label = job.label;
    this.phase = 'building';
    this.received = 0;
    this.total = 0;
    this.message = t('export.building', { format: job.label });
    const started = performance.now();
    this.elapsed = 0;
    this.stopClock();
    this.timer = setInterval(() => {
      this.elapsed = Math.floor((performance.now() - started) / 1000);
    }, 250);
    try {
      const res = await job.request(controller.signal);
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as ApiRequestError['body'];
        throw new ApiRequestError(res.status, body?.error?.message ?? `HTTP ${res.status}`, body);
      }
      this.phase = 'receiving';
      this.total = Number(res.headers.get('content-length') ?? 0);
      const blob = await this.readBody(res);
      if (controller.signal.aborted) return;
      this.file = fileNameOf(res.headers.get('content-disposition'), job.fallbackName);
      this.href = URL.createObjectURL(blob);
      this.phase = 'done';
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      this.message = t('export.ready', { file: this.file, size: formatSize(blob.size), seconds });
      await this.updateComplete;
      (this.renderRoot.querySelector('a[download]') as HTMLElement | null)?.focus();
      this.dispatchEvent(
        new CustomEvent('ehds-download-ready', {
          detail: { file: this.file, size: blob.size },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      if (this.controller !== controller) return;
      if (controller.signal.aborted) {
        this.phase = 'cancelled';
        this.message = t('export.cancelled');
      } else {
        this.phase = 'failed';
        const forbidden = error instanceof ApiRequestError && (error.status === 401 || error.status === 403);
        this.message = forbidden
          ? t('export.forbidden', { message: describeError(error) })
          : t('export.failed', { message: describeError(error) });
      }
    } finally {
      if (this.controller === controller) this.stopClock();
    }
  }

  private async readBody(res: Response): Promise<Blob> {
    const type = res.headers.get('content-type') ?? 'application/octet-stream';
    if (!res.body) return new Blob([await res.arrayBuffer()], { type });
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      this.received += value.byteLength;
    }
    return new Blob(chunks as BlobPart[], { type });
  }

  private stopClock() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private forget() {
    if (this.href) URL.revokeObjectURL(this.href);
    this.href = '';
    this.file = '';
  }

  render() {
    return html`
      <div role="status">
        ${
          this.message && this.phase !== 'failed'
            ? html`<p class=${this.phase === 'done' ? 'notice' : this.busy ? 'visually-hidden' : 'muted'}>${this.message}</p>`
            : nothing
        }
      </div>
      <div role="alert">${this.phase === 'failed' ? html`<p class="alert">${this.message}</p>` : nothing}</div>
      ${this.busy ? this.renderProgress() : nothing}
      ${
        this.phase === 'done'
          ? html`<p class="ready"><a part="link" class="button" href=${this.href} download=${this.file}>${t('export.download', { file: this.file })}</a></p>`
          : nothing
      }
    `;
  }

  private renderProgress() {
    const receiving = this.phase === 'receiving' && this.total > 0;
    return html`<div class="progress">
      <progress aria-labelledby="progress-label" max=${receiving ? this.total : nothing} value=${receiving ? this.received : nothing}></progress>
      <span id="progress-label">${
        receiving
          ? t('export.received', { received: `${formatSize(this.received)} / ${formatSize(this.total)}` })
          : t('export.building', { format: this.label })
      }</span>
      <span class="elapsed">${t('export.elapsed', { seconds: this.elapsed })}</span>
      <button type="button" class="secondary" @click=${this.cancel}>${t('export.cancel')}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-file-download': EhdsFileDownload;
  }
}
