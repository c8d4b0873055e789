/** Views of accounts and consultation rounds: signing in, users, group membership, rounds, the member's view. */
import type { Route } from '@vaadin/router';
import type { NavItem } from './routes.ts';

export const ACCOUNT_NAV: NavItem[] = [
  { path: '/runder', label: 'nav.rounds', roles: ['admin', 'analyst', 'viewer'] },
  { path: '/mine-runder', label: 'nav.myRounds', roles: ['reference_member'] },
  { path: '/referansegrupper', label: 'nav.groups', roles: ['admin'] },
  { path: '/brukere', label: 'nav.users', roles: ['admin'] },
];

const page = (path: string, component: string, load: () => Promise<unknown>): Route => ({
  path,
  component,
  action: async () => void (await load()),
});

export const ACCOUNT_ROUTES: Route[] = [
  page('/logg-inn', 'ehds-login-page', () => import('./pages/ehds-login-page.ts')),
  page('/min-konto', 'ehds-account-page', () => import('./pages/ehds-account-page.ts')),
  page('/brukere', 'ehds-users-page', () => import('./pages/ehds-users-page.ts')),
  page('/referansegrupper', 'ehds-groups-page', () => import('./pages/ehds-groups-page.ts')),
  page('/runder', 'ehds-rounds-page', () => import('./pages/ehds-rounds-page.ts')),
  page('/runder/ny', 'ehds-round-editor-page', () => import('./pages/ehds-round-editor-page.ts')),
  page('/runder/:id/rediger', 'ehds-round-editor-page', () => import('./pages/ehds-round-editor-page.ts')),
  page('/runder/:id', 'ehds-round-page', () => import('./pages/ehds-round-page.ts')),
  page('/mine-runder', 'ehds-member-rounds-page', () => import('./pages/ehds-member-rounds-page.ts')),
  page('/mine-runder/:id', 'ehds-member-round-page', () => import('./pages/ehds-member-round-page.ts')),
];
