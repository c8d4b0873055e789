/**
 * Response headers for every answer (a Content-Security-Policy without inline script, no framing, no
 * sniffing, same-origin referrers, no caching of API data), and the cross-site request forgery check.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { ApiError } from './errors.ts';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

export const securityHeaders = (): MiddlewareHandler =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Lit puts each element's styles in the page; the styles are ours, no script runs from them.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    xContentTypeOptions: 'nosniff',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
  });

/** API answers carry the analysis and personal data: no shared or browser cache keeps them. */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.headers.has('cache-control')) c.res.headers.set('Cache-Control', 'no-store');
};

/** True when the request came over https (directly, or through a proxy that says so). */
export function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses (403) a state-changing request that a browser says came from another site: an `Origin` whose
 * host is not the host the request was sent to, `Origin: null`, or `Sec-Fetch-Site: cross-site`/`same-site`.
 * Requests without these headers (curl, scripts, the CLI) are not a browser's, and the session cookie is
 * SameSite=Lax as well.
 */
export const csrfProtection: MiddlewareHandler = async (c, next) => {
  if (!UNSAFE.has(c.req.method)) return next();
  const site = c.req.header('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') {
    throw new ApiError(403, 'Cross-site request refused');
  }
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    const host =
      c.req.header('x-forwarded-host')?.split(',')[0]?.trim() || c.req.header('host') || new URL(c.req.url).host;
    let originHost: string | null = null;
    try {
      originHost = origin === 'null' ? null : new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost === null || originHost.toLowerCase() !== host.toLowerCase()) {
      throw new ApiError(403, 'Cross-site request refused: the Origin is not this server');
    }
  }
  return next();
};
