/** The views and their URLs. Pages load on first visit so the first view stays small. */
import type { Route } from '@vaadin/router';

export interface NavItem {
  path: string;
  label: string;
}

/** Main menu entries: label keys of `client/i18n/common.ts`. */
export const NAV: NavItem[] = [
  { path: '/', label: 'nav.dashboard' },
  { path: '/krav', label: 'nav.requirements' },
  { path: '/artikler', label: 'nav.articles' },
  { path: '/sporbarhet', label: 'nav.trace' },
  { path: '/sporsmal', label: 'nav.questions' },
  { path: '/innspill', label: 'nav.inputs' },
  { path: '/forankring', label: 'nav.engagement' },
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
