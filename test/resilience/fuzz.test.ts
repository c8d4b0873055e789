/**
 * Hostile input on every documented route: generated malformed, oversized, wrongly typed and hostile
 * requests (markup, SQL fragments, path traversal, invalid UTF-8, huge numbers). No answer may be a
 * 5xx, every error must be the JSON error shape, no write may succeed, and the database must be
 * unchanged afterwards (canonical dump).
 */
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call, dumpDb, makeApp } from '../helpers.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);

const hostileStrings = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  "'; DROP TABLE requirement; --",
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%00',
  '%ff%fe%fd',
  '%c3%28',
  '=SUM(A1:A9)',
  '@cmd',
  '1e309',
  '-0',
  '99999999999999999999999999999',
  'NaN',
  'null',
  '{}',
  '[]',
  'Ærøskøbing ØÅ',
  '\u202e\u0000\ud800',
];

const hostileString = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('x'.repeat(5000), 'æ'.repeat(3000)),
);

const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER * 10, -1, 0, 1e308),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A body that no route may accept: malformed JSON, a non-object, or an object with a key no schema knows. */
const invalidBody = fc.oneof(
  fc.constantFrom('{', '{"a":', '[1,2', 'null', 'undefined', '{"version": 1,}', '\u0000', '{"__proto__": {"x": 1}}x'),
  fc.string({ maxLength: 200 }),
  hostileValue.map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.constantFrom('version', 'coverage', 'text', 'title', 'ref', 'disposition', 'reason', 'name'),
      hostileValue,
      {
        maxKeys: 5,
      },
    )
    .map((o) => JSON.stringify({ ...o, __unknown_field__: '<b>x</b>' })),
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'text/csv',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
);

/** A path segment: percent-escapes stay raw (to send invalid UTF-8), anything else is encoded. */
function segment(param: string): string {
  if (/^(%[0-9a-f]{2})+$/i.test(param)) return param;
  try {
    return encodeURIComponent(param);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as invalid UTF-8
  }
}

interface Route {
  method: string;
  path: string;
}

const Fuzz = suite('resilience: hostile input on every route');

Fuzz('no 5xx, one error shape, no accepted write, database unchanged', async () => {
  // As an administrator, whom every route lets in: the hostile input reaches every handler.
  const { app, sqlite } = await makeApp({ as: 'admin' });
  const doc = (await call(app, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  const routes: Route[] = Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({
        method: method.toUpperCase(),
        path: `/api${path.startsWith('/') ? '' : '/'}${path}`.replace('/api/api', '/api'),
      })),
    )
    // Signing out takes no input at all, so nothing hostile can be sent; it would end the fuzzing's session.
    .filter((r) => !(r.method === 'POST' && r.path === '/api/auth/logout'));
  assert.ok(routes.length > 20, `found ${routes.length} routes`);
  const before = await dumpDb(sqlite);

  const request = fc.record({
    route: fc.constantFrom(...routes),
    param: hostileString,
    query: fc.array(
      fc.tuple(
        fc.constantFrom('area', 'coverage', 'limit', 'offset', 'q', 'version', 'sort', 'status', 'x'),
        hostileString,
      ),
      {
        maxLength: 4,
      },
    ),
    body: invalidBody,
    contentType,
  });

  const failures: string[] = [];
  await fc
    .assert(
      fc.asyncProperty(request, async ({ route, param, query, body, contentType }) => {
        const path = route.path.replace(/\{[^}]+\}/g, () => segment(param));
        const search = new URLSearchParams(query.map(([k, v]) => [k, v])).toString();
        const url = `${path}${search ? `?${search}` : ''}`;
        const shown = `${route.method} ${url.slice(0, 160)}`;
        const init: RequestInit = { method: route.method };
        if (route.method !== 'GET' && route.method !== 'HEAD') {
          init.body = body;
          if (contentType) init.headers = { 'content-type': contentType };
        }
        let res: Response;
        try {
          res = await app.request(url, init);
        } catch (e) {
          failures.push(`${shown} threw ${e}`);
          return false;
        }
        const text = await res.text();
        if (res.status >= 500) {
          failures.push(`${shown} → ${res.status} ${text.slice(0, 200)}`);
          return false;
        }
        if (res.status >= 400) {
          let parsed: { error?: { message?: unknown } } | null = null;
          try {
            parsed = JSON.parse(text);
          } catch {
            // fall through
          }
          if (typeof parsed?.error?.message !== 'string') {
            failures.push(`${shown} → ${res.status} without the error shape: ${text.slice(0, 120)}`);
            return false;
          }
        } else if (route.method !== 'GET') {
          failures.push(`${shown} accepted an invalid body (${res.status}): ${String(body).slice(0, 120)}`);
          return false;
        }
        return true;
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261122), endOnFailure: true },
    )
    .catch((e) => {
      const summary = String(e)
        .split('\n')
        .filter((l) => !l.startsWith('Counterexample'))
        .slice(0, 8)
        .join(' ');
      const cause = e instanceof Error && e.cause ? String(e.cause).slice(0, 300) : '';
      throw new Error(`${failures.slice(0, 5).join('\n')}\n${summary.slice(0, 300)}\n${cause}`);
    });

  assert.is(await dumpDb(sqlite), before, 'the database is unchanged');
});

Fuzz.run();
