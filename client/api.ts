/** The only place that calls the API: a typed Hono client plus error handling. */
import { hc } from 'hono/client';
import type { ApiType } from '../server/app.ts';

export const api = hc<ApiType>(location.origin);

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/** Awaits a client call, throwing ApiRequestError with the server's message when it is not OK. */
export async function ok<T>(response: Promise<{ ok: boolean; status: number; json(): Promise<T> }>): Promise<T> {
  const res = await response;
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ApiRequestError(res.status, body?.error?.message ?? `HTTP ${res.status}`, body);
  }
  return res.json();
}
