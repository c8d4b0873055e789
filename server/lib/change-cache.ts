/**
 * Answers computed from many rows (the measures' ranking, the dashboard, the traceability matrix), kept per
 * database until anything in it changes. Whether it changed is asked of the database itself (dataVersion:
 * its own and other processes' writes), so no write path has to remember to clear a cache, and a write
 * made while an answer was being computed leaves that answer unused.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context, TypedResponse } from 'hono';
import { type Db, dataVersion } from '../../schema/db.ts';

const gzipAsync = promisify(gzip);

export interface ChangeCache<T> {
  /** The kept answer for `key` if nothing has changed since it was computed; else computes and keeps it. */
  get(db: Db, key: string, compute: () => Promise<T>): Promise<T>;
}

/** At most `size` answers per database, the least recently used dropped first. */
export function changeCache<T>(size = 16): ChangeCache<T> {
  const perDb = new WeakMap<Db, { version: string; answers: Map<string, Promise<T>> }>();
  return {
    async get(db, key, compute) {
      // Inside a transaction the answer may see writes that are not committed yet: never kept.
      if (db.isTransaction) return compute();
      const version = await dataVersion(db);
      let kept = perDb.get(db);
      if (!kept || kept.version !== version) {
        kept = { version, answers: new Map() };
        perDb.set(db, kept);
      }
      const hit = kept.answers.get(key);
      if (hit) {
        kept.answers.delete(key);
        kept.answers.set(key, hit);
        return hit;
      }
      const answer = compute();
      kept.answers.set(key, answer);
      if (kept.answers.size > size) kept.answers.delete(kept.answers.keys().next().value as string);
      const answers = kept.answers;
      answer.catch(() => {
        if (answers.get(key) === answer) answers.delete(key);
      });
      return answer;
    },
  };
}

/** A JSON answer serialised once, as UTF-8 and (when first asked for) gzip-compressed, for a ChangeCache. */
export interface JsonAnswer {
  bytes: Uint8Array;
  gzipped?: Promise<Uint8Array>;
}

export const jsonAnswer = (value: unknown): JsonAnswer => ({ bytes: Buffer.from(JSON.stringify(value)) });

/** Below this, compressing costs more than sending. */
const GZIP_FROM_BYTES = 8 * 1024;

/**
 * Sends a kept JSON answer, compressed when the client accepts gzip (browsers do): a large answer is then
 * compressed once, in the thread pool, rather than for every request. Typed as the route's JSON so that the
 * OpenAPI route and the typed client see the same shape as with `c.json`.
 */
export async function sendJson<T>(c: Context, answer: JsonAnswer): Promise<TypedResponse<T, 200, 'json'>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', vary: 'accept-encoding' };
  let body = answer.bytes;
  if (answer.bytes.byteLength >= GZIP_FROM_BYTES && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
    answer.gzipped ??= gzipAsync(answer.bytes, { level: 4 });
    body = await answer.gzipped;
    headers['content-encoding'] = 'gzip';
  }
  return c.body(body as Uint8Array<ArrayBuffer>, 200, headers) as unknown as TypedResponse<T, 200, 'json'>;
}
