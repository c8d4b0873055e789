/** The links between the measures views (ranked list, coverage, national solutions) and «Nytt tiltak». */
import { css, html, nothing } from 'lit';
import { t } from '../i18n/measures.ts';

const VIEWS = [
  { path: '/tiltak', label: 'measures.ranked' },
  { path: '/tiltak/dekning', label: 'measures.toCoverage' },
  { path: '/losninger', label: 'measures.toSolutions' },
] as const;

export const subnavStyles = css`
  .subnav { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; margin: 0.75rem 0; }
  .subnav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0; padding: 0; border-bottom: 1px solid var(--ehds-border); }
  .subnav li a { display: block; padding: 0.35rem 0.75rem; text-decoration: none; border-bottom: 3px solid transparent; }
  .subnav li a[aria-current='page'] { border-bottom-color: var(--ehds-primary); font-weight: 600; color: var(--ehds-text); }
`;

/** `current` is the path of the view showing it; «Nytt tiltak» only for those who may add one. */
export const measuresSubnav = (current: string, canWrite: boolean) => html`<div class="subnav">
  <nav aria-label=${t('measures.subnav')}>
    <ul>
      ${VIEWS.map(
        (v) => html`<li><a href=${v.path} aria-current=${current === v.path ? 'page' : 'false'}>${t(v.label)}</a></li>`,
      )}
    </ul>
  </nav>
  ${canWrite ? html`<a class="button" href="/tiltak/ny">${t('measures.new')}</a>` : nothing}
</div>`;
