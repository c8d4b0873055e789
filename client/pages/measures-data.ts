/**
 * What the measures views read from the API, and their types (taken from the server's routes through
 * the typed client, never copied by hand).
 */
import { api, ok, type SuccessBody } from '../api.ts';

export type Measure = SuccessBody<Awaited<ReturnType<(typeof api.measures)[':id']['$get']>>>;
export type Solution = SuccessBody<Awaited<ReturnType<typeof api.solutions.$get>>>['items'][number];
export type RequirementSummary = SuccessBody<Awaited<ReturnType<typeof api.requirements.$get>>>['items'][number];

/** More rows than the tool will ever hold, so a view gets everything in one request. */
export const ALL = '10000';

const init = (signal?: AbortSignal) => ({ init: { signal } });

export const fetchMeasure = (id: string, signal?: AbortSignal) =>
  ok(api.measures[':id'].$get({ param: { id } }, init(signal)));

/** Measures matching the filters (API query form), ranked best first. */
export const fetchMeasures = (query: Record<string, string>, signal?: AbortSignal) =>
  ok(api.measures.$get({ query: { limit: ALL, ...query } }, init(signal)));

export const fetchSolutions = (signal?: AbortSignal) => ok(api.solutions.$get({ query: { limit: ALL } }, init(signal)));

export const fetchRequirements = (signal?: AbortSignal) =>
  ok(api.requirements.$get({ query: { limit: ALL } }, init(signal)));

export const fetchOrganisations = (signal?: AbortSignal) =>
  ok(api.organisations.$get({ query: { limit: ALL } }, init(signal)));
