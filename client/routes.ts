/** The views and their URLs. Pages load on first visit so the first view stays small. */
import type { Route } from '@vaadin/router';
import { ACCOUNT_NAV, ACCOUNT_ROUTES } from './routes-accounts.ts';
import type { Role } from './session.ts';

export interface NavItem {
  path: string;
  label: string;
  /** Who sees the entry; the analysis' pages are for staff (STAFF_ROLES). */
  roles?: readonly Role[];
}

/** Everyone but reference-group members, who see only their rounds. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'analyst', 'viewer'];

/** Main menu entries: label keys of `client/i18n/common.ts`. */
export const NAV: NavItem[] = [
  { path: '/', label: 'nav.dashboard' },
  { path: '/krav', label: 'nav.requirements' },
  { path: '/artikler', label: 'nav.articles' },
  { path: '/sporbarhet', label: 'nav.trace' },
  { path: '/sporsmal', label: 'nav.questions' },
  { path: '/tiltak', label: 'nav.measures' },
  { path: '/innspill', label: 'nav.inputs' },
  { path: '/forankring', label: 'nav.engagement' },
  { path: '/versjoner', label: 'nav.versions' },
  { path: '/eksport', label: 'nav.export' },
  ...ACCOUNT_NAV,
];

export const routes: Route[] = [
  {
    path: '/',
    component: 'ehds-dashboard-page',
    action: async () => void (await import('./pages/ehds-dashboard-page.ts')),
  },
  {
    path: '/krav',
    component: 'ehds-requirements-page',
    action: async () => void (await import('./pages/ehds-requirements-page.ts')),
  },
  {
    path: '/krav/:ref',
    component: 'ehds-requirement-page',
    action: async () => void (await import('./pages/ehds-requirement-page.ts')),
  },
  {
    path: '/artikler',
    component: 'ehds-articles-page',
    action: async () => void (await import('./pages/ehds-articles-page.ts')),
  },
  {
    path: '/artikler/:number',
    component: 'ehds-article-page',
    action: async () => void (await import('./pages/ehds-article-page.ts')),
  },
  {
    path: '/sporbarhet',
    component: 'ehds-trace-page',
    action: async () => void (await import('./pages/ehds-trace-page.ts')),
  },
  {
    path: '/sporsmal',
    component: 'ehds-questions-page',
    action: async () => void (await import('./pages/ehds-questions-page.ts')),
  },
  {
    path: '/sporsmal/:ref',
    component: 'ehds-question-page',
    action: async () => void (await import('./pages/ehds-question-page.ts')),
  },
  {
    path: '/innspill',
    component: 'ehds-inputs-page',
    action: async () => void (await import('./pages/ehds-inputs-page.ts')),
  },
  {
    path: '/forankring',
    component: 'ehds-engagement-page',
    action: async () => void (await import('./pages/ehds-engagement-page.ts')),
  },
  {
    path: '/versjoner',
    component: 'ehds-versions-page',
    action: async () => void (await import('./pages/ehds-versions-page.ts')),
  },
  {
    path: '/versjoner/sammenlign',
    component: 'ehds-compare-page',
    action: async () => void (await import('./pages/ehds-compare-page.ts')),
  },
  {
    path: '/eksport',
    component: 'ehds-export-page',
    action: async () => void (await import('./pages/ehds-export-page.ts')),
  },
  {
    path: '/tiltak',
    component: 'ehds-measures-page',
    action: async () => void (await import('./pages/ehds-measures-page.ts')),
  },
  {
    path: '/tiltak/ny',
    component: 'ehds-measure-new-page',
    action: async () => void (await import('./pages/ehds-measure-new-page.ts')),
  },
  {
    path: '/tiltak/dekning',
    component: 'ehds-measure-coverage-page',
    action: async () => void (await import('./pages/ehds-measure-coverage-page.ts')),
  },
  {
    path: '/tiltak/:id',
    component: 'ehds-measure-page',
    action: async () => void (await import('./pages/ehds-measure-page.ts')),
  },
  {
    path: '/losninger',
    component: 'ehds-solutions-page',
    action: async () => void (await import('./pages/ehds-solutions-page.ts')),
  },
  ...ACCOUNT_ROUTES,
  {
    path: '(.*)',
    component: 'ehds-not-found-page',
    action: async () => void (await import('./pages/ehds-not-found-page.ts')),
  },
];

/** Which main-menu entry a path belongs to (`/krav/A1-01` → `/krav`). */
export function navPathOf(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return first ? `/${first}` : '/';
}
