import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { api, ok } from '../api.ts';

/** The application shell. */
@customElement('ehds-app')
export class EhdsApp extends LitElement {
  static styles = css`
    :host { display: block; font-family: system-ui, sans-serif; max-width: 72rem; margin: 0 auto; padding: 1rem; color: #1a1a1a; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid #ccc; vertical-align: top; }
  `;

  private requirements = new Task(this, {
    task: async () => ok(api.api.requirements.$get({ query: { limit: '1000' } } as never)),
    args: () => [],
  });

  render() {
    return html`
      <header><h1>EHDS gapanalyse</h1></header>
      <main>
        ${this.requirements.render({
          pending: () => html`<p role="status">Laster krav …</p>`,
          error: (e) => html`<p role="alert">Kunne ikke laste krav: ${String(e)}</p>`,
          complete: (data) => {
            const { items, total } = data as {
              items: { ref: string; title: string; coverage: string; deadline: string | null }[];
              total: number;
            };
            return html`
              <p>${total} krav</p>
              <table>
                <thead><tr><th scope="col">Krav</th><th scope="col">Tittel</th><th scope="col">Frist</th><th scope="col">Dekning</th></tr></thead>
                <tbody>${items.map((r) => html`<tr><td>${r.ref}</td><td>${r.title}</td><td>${r.deadline ?? ''}</td><td>${r.coverage}</td></tr>`)}</tbody>
              </table>`;
          },
        })}
      </main>
    `;
  }
}
