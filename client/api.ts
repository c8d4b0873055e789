/** The only place that calls the API: a typed Hono client (types from the server's routes) plus error handling. */
import { type ClientResponse, hc } from 'hono/client';
import type { ApiType } from '../server/app.ts';

export const api = hc<ApiType>(location.origin).api;

/** The server's answer when it said no; `body.error` carries the message and details such as `current` or `issues`. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: {
      error?: { message?: string; issues?: { field: string; message: string }[]; current?: unknown };
    } | null,
  ) {
    super(message);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: matches any status of any body
type AnyResponse = ClientResponse<any, number, string>;
/** The body type of the 2xx answers of a typed client call. */
export type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, string> ? (S extends 200 | 201 ? T : never) : never;

/**
 * Awaits a client call; returns the typed 2xx body (undefined for 204) or throws ApiRequestError with the
 * server's message. A 401 also tells the application that the session has ended (ehds-app then asks the
 * user to sign in again and brings them back); `signIn: true` is for the sign-in call itself.
 */
export async function ok<R extends AnyResponse>(
  response: Promise<R>,
  { signIn = false }: { signIn?: boolean } = {},
): Promise<SuccessBody<R>> {
  let res: R;
  try {
    res = await response;
  } catch (e) {
    throw new ApiRequestError(0, e instanceof Error ? e.message : String(e), null);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ApiRequestError['body'];
    if (res.status === 401 && !signIn) window.dispatchEvent(new CustomEvent('ehds-unauthorized'));
    throw new ApiRequestError(res.status, body?.error?.message ?? `HTTP ${res.status}`, body);
  }
  if (res.status === 204) return undefined as SuccessBody<R>;
  return (await res.json()) as SuccessBody<R>;
}
