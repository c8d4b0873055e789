/** The one error shape of the API: `{ error: { message, ...details } }`. */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ErrorBody {
  error: { message: string; [detail: string]: unknown };
}

/** An HTTP error whose JSON body carries details beside the message (field issues, current state…). */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(status, { message });
  }
}

export const notFound = (what: string) => new ApiError(404, `${what} was not found`);

export const badRequest = (message: string, details: Record<string, unknown> = {}) =>
  new ApiError(400, message, details);

export function errorBody(message: string, details: Record<string, unknown> = {}): ErrorBody {
  return { error: { ...details, message } };
}
