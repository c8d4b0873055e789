/** The tables of the change list (one per group), for `ehds-change-list`. */
import { html } from 'lit';
import { t } from '../i18n/index.ts';
import type { Comparison } from './ehds-change-list.ts';

type FieldChange = Comparison['assessment_changed'][number];

export const reqLink = (ref: string, removed = false) => (removed ? ref : html`<a href="/krav/${ref}">${ref}</a>`);
export const questionLink = (ref: string, removed = false) =>
  removed ? ref : html`<a href="/sporsmal/${ref}">${ref}</a>`;

export function cellText(value: string) {
  return value ? value : html`<span class="empty">${t('compare.empty')}</span>`;
}

export function coverageTable(c: Comparison) {
  return html`<table>
    <caption class="visually-hidden">${t('compare.g.coverage')}</caption>
    <thead><tr>
      <th scope="col">${t('compare.ref')}</th><th scope="col">${t('compare.title.col')}</th>
      <th scope="col">${t('compare.from')}</th><th scope="col">${t('compare.to')}</th>
    </tr></thead>
    <tbody>
      ${c.coverage_changed.map(
        (r) => html`<tr data-ref=${r.ref}>
          <th scope="row">${reqLink(r.ref)}</th>
          <td>${r.title}</td>
          <td class="from"><span class="badge ${r.from}">${t(`coverage.${r.from}`)}</span></td>
          <td class="to"><span class="arrow" aria-hidden="true">→ </span><span class="badge ${r.to}">${t(`coverage.${r.to}`)}</span></td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

export function fieldTable(
  rows: Pick<FieldChange, 'ref' | 'title' | 'field' | 'from' | 'to'>[],
  link: (ref: string) => unknown,
) {
  return html`<table>
    <thead><tr>
      <th scope="col">${t('compare.ref')}</th><th scope="col">${t('compare.title.col')}</th><th scope="col">${t('compare.field')}</th>
      <th scope="col">${t('compare.from')}</th><th scope="col">${t('compare.to')}</th>
    </tr></thead>
    <tbody>
      ${rows.map(
        (r) => html`<tr data-ref=${r.ref}>
          <th scope="row">${link(r.ref)}</th>
          <td>${r.title}</td>
          <td class="kind">${r.field}</td>
          <td class="text">${cellText(r.from)}</td>
          <td class="text">${cellText(r.to)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

export function requirementTable(rows: Comparison['requirements_added'], removed: boolean) {
  return html`<table>
    <thead><tr>
      <th scope="col">${t('compare.ref')}</th><th scope="col">${t('compare.title.col')}</th><th scope="col">${t('versions.col.coverage')}</th>
    </tr></thead>
    <tbody>
      ${rows.map(
        (r) => html`<tr data-ref=${r.ref}>
          <th scope="row">${reqLink(r.ref, removed)}</th>
          <td>${r.title}</td>
          <td><span class="badge ${r.coverage}">${t(`coverage.${r.coverage}`)}</span></td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

export function decidedTable(c: Comparison) {
  return html`<table>
    <thead><tr>
      <th scope="col">${t('compare.ref')}</th><th scope="col">${t('compare.text')}</th>
      <th scope="col">${t('compare.from')}</th><th scope="col">${t('compare.decision')}</th>
    </tr></thead>
    <tbody>
      ${c.questions_decided.map(
        (q) => html`<tr data-ref=${q.ref}>
          <th scope="row">${questionLink(q.ref)}</th>
          <td class="text">${q.text}</td>
          <td>${t(`question_status.${q.from}`)}</td>
          <td class="text">${cellText(q.decision)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

export function questionTable(
  rows: { ref: string; text: string; removed: boolean; kind: string; from: string; to: string }[],
) {
  return html`<table>
    <thead><tr>
      <th scope="col">${t('compare.ref')}</th><th scope="col">${t('compare.text')}</th><th scope="col">${t('compare.field')}</th>
      <th scope="col">${t('compare.from')}</th><th scope="col">${t('compare.to')}</th>
    </tr></thead>
    <tbody>
      ${rows.map(
        (q) => html`<tr data-ref=${q.ref}>
          <th scope="row">${questionLink(q.ref, q.removed)}</th>
          <td class="text">${q.text}</td>
          <td class="kind">${q.kind}</td>
          <td class="text">${cellText(q.from)}</td>
          <td class="text">${cellText(q.to)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

export function inputTable(c: Comparison) {
  return html`<table>
    <thead><tr>
      <th scope="col">${t('compare.text')}</th><th scope="col">${t('compare.organisation')}</th>
      <th scope="col">${t('compare.requirements')}</th><th scope="col">${t('compare.disposition')}</th>
    </tr></thead>
    <tbody>
      ${c.inputs_added.map(
        (i) => html`<tr>
          <td class="text">${i.text}</td>
          <td>${i.organisation ?? '–'}</td>
          <td><span class="refs">${i.requirement_refs.map((r) => reqLink(r))}</span></td>
          <td class="disp">${t(`disposition.${i.disposition}`)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

export function removedInputTable(c: Comparison) {
  return html`<table>
    <thead><tr><th scope="col">${t('compare.text')}</th></tr></thead>
    <tbody>${c.inputs_removed.map((i) => html`<tr><td class="text">${i.text}</td></tr>`)}</tbody>
  </table>`;
}

export function dispositionTable(c: Comparison) {
  return html`<table>
    <thead><tr>
      <th scope="col">${t('compare.text')}</th><th scope="col">${t('compare.from')}</th>
      <th scope="col">${t('compare.to')}</th><th scope="col">${t('compare.reason')}</th>
    </tr></thead>
    <tbody>
      ${c.dispositions_changed.map(
        (d) => html`<tr>
          <td class="text">${d.text}</td>
          <td class="disp">${t(`disposition.${d.from}`)}</td>
          <td class="disp">${t(`disposition.${d.to}`)}</td>
          <td class="text">${cellText(d.reason)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
