/**
 * Redis URLs as the flags take them (`--queue`, `--redis`): checked and shown with any password hidden. Kept
 * apart from ./connection.ts so a command checks or prints a URL without loading ioredis (start-up time,
 * bench/startup.js).
 */
import { InputError } from '../io/errors.js';

export function redactUrl(url: string): string {
  return url.replace(
    /\/\/([^@/]*)@/,
    (_m, auth: string) => `//${auth.includes(':') ? `${auth.split(':')[0]}:***` : '***'}@`,
  );
}

export function parseRedisUrl(url: string, flag = '--redis'): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InputError(
      `${flag} ${redactUrl(url)}: expected a Redis URL such as redis://127.0.0.1:6379 or rediss://user:password@host:6380/0`,
    );
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new InputError(`${flag} ${redactUrl(url)}: expected a redis:// or rediss:// URL, got ${u.protocol}//`);
  return u;
}
