/**
 * Redis connections for the queue: from a URL (`redis://[user:password@]host:port[/db]`,
 * or `rediss://` for TLS, verified against the system's certificate
 * authorities plus `--redis-ca FILE` or `$TRUCE_REDIS_CA`, or Node's
 * NODE_EXTRA_CA_CERTS; docs/distributed.md),
 * retried with a capped exponential backoff and reported on stderr, and
 * checked for the settings BullMQ needs before any work is queued.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Redis, type RedisOptions } from 'ioredis';
import { InputError } from '../io/errors.js';

import { parseRedisUrl, redactUrl } from './url.js';

export { parseRedisUrl, redactUrl };

export interface ConnectionReport {
  /** A line for the operator (stderr), e.g. a lost connection and the next retry. */
  (line: string): void;
}

/** Give up after this long without Redis: never hang silently. */
export const DEFAULT_OUTAGE_SECONDS = 300;

/** The certificate authority file for rediss:// servers: the flag, else $TRUCE_REDIS_CA. */
export function caFileOf(flag?: string): { file: string; from: string } | null {
  if (flag) return { file: flag, from: '--redis-ca' };
  const env = process.env.TRUCE_REDIS_CA;
  return env ? { file: env, from: 'TRUCE_REDIS_CA' } : null;
}

/**
 * TLS options for a rediss:// URL: the certificate is verified (never
 * turned off) against the system's authorities and, if given, a CA file in
 * PEM (a private CA, or a self-signed server certificate itself).
 */
export function tlsOptionsFor(url: string, caFlag?: string): RedisOptions['tls'] | undefined {
  if (!/^rediss:/i.test(url)) return undefined;
  const ca = caFileOf(caFlag);
  if (!ca) return {};
  let pem: string;
  try {
    pem = readFileSync(ca.file, 'utf8');
  } catch (err) {
    throw new InputError(
      `${ca.from} ${ca.file}: cannot read the certificate authority file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new InputError(`${ca.from} ${ca.file}: expected a PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return { ca: [...rootCertificates, pem] };
}

/**
 * One ioredis connection. `maxRetriesPerRequest: null` is what BullMQ
 * requires of its connections: a command waits for the connection to come
 * back instead of failing after a few tries; the outage limit below bounds
 * the wait.
 */
export function connect(
  url: string,
  opts: {
    name: string;
    report: ConnectionReport;
    outageSeconds?: number;
    onGiveUp?: (err: Error) => void;
    lazy?: boolean;
    /** A CA file for rediss:// (default: $TRUCE_REDIS_CA). */
    ca?: string;
  },
): Redis {
  parseRedisUrl(url);
  const tls = tlsOptionsFor(url, opts.ca);
  const outageMs = (opts.outageSeconds ?? DEFAULT_OUTAGE_SECONDS) * 1000;
  let downSince: number | null = null;
  let lastError = '';
  const options: RedisOptions = {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    lazyConnect: opts.lazy ?? false,
    connectionName: `truce-${opts.name}`,
    ...(tls ? { tls } : {}),
    retryStrategy: (attempt: number) => {
      downSince ??= Date.now();
      const down = Date.now() - downSince;
      if (down > outageMs) {
        opts.onGiveUp?.(
          new InputError(
            `Redis at ${redactUrl(url)} unreachable for ${Math.round(down / 1000)} s (${lastError || 'no answer'}); giving up`,
          ),
        );
        return null;
      }
      const delay = Math.min(200 * 2 ** Math.min(attempt - 1, 5), 5000);
      opts.report(
        `redis: ${opts.name} connection lost (${lastError || 'closed'}); retry ${attempt} in ${(delay / 1000).toFixed(1)} s`,
      );
      return delay;
    },
  };
  const redis = new Redis(url, options);
  redis.on('error', (err: Error) => {
    lastError = (err as NodeJS.ErrnoException).code ?? err.message;
  });
  redis.on('ready', () => {
    if (downSince !== null)
      opts.report(`redis: ${opts.name} connection back after ${((Date.now() - downSince) / 1000).toFixed(1)} s`);
    downSince = null;
    lastError = '';
  });
  return redis;
}

/**
 * BullMQ keeps jobs and locks in Redis keys: under an eviction policy Redis
 * may drop them when memory runs short, and jobs would vanish without an
 * error. Refuse to start unless the policy is noeviction. INFO (not CONFIG)
 * because managed Redis services often disable CONFIG.
 */
export async function checkServer(redis: Redis, url: string): Promise<{ version: string; policy: string }> {
  let info: string;
  try {
    info = await redis.info();
  } catch (err) {
    throw new InputError(`Redis at ${redactUrl(url)}: ${(err as Error).message}`);
  }
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
  const version = field('redis_version');
  const policy = field('maxmemory_policy');
  if (policy && policy !== 'noeviction') {
    throw new InputError(
      `Redis at ${redactUrl(url)} has maxmemory-policy ${policy}; the queue needs noeviction (under eviction Redis may silently drop queued jobs and results). Set "maxmemory-policy noeviction" in redis.conf, or run: redis-cli -u URL CONFIG SET maxmemory-policy noeviction`,
    );
  }
  const major = Number(version.split('.')[0]);
  if (Number.isFinite(major) && major > 0 && major < 5)
    throw new InputError(`Redis at ${redactUrl(url)} is version ${version}; BullMQ needs Redis 5 or later`);
  return { version, policy: policy || 'noeviction' };
}

/** Wait for the first connection, with a clear error when the server is not there. */
export async function ready(redis: Redis, url: string, seconds = 10): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new InputError(
          `Redis at ${redactUrl(url)}: no connection within ${seconds} s; is redis-server running and reachable${/^rediss:/i.test(url) ? ', and does it listen for TLS on this port (else use redis://)' : ''}?`,
        ),
      );
    }, seconds * 1000);
    const onReady = () => {
      cleanup();
      resolveReady();
    };
    const tries: Record<string, number> = {};
    const onError = (err: Error) => {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      tries[code] = (tries[code] ?? 0) + 1;
      const why = firstConnectionError(err.message, code, tries[code], url);
      if (why) {
        cleanup();
        reject(new InputError(`Redis at ${redactUrl(url)}: ${why}`));
      }
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
    };
    redis.on('ready', onReady);
    redis.on('error', onError);
  });
}

/**
 * Why a first connection cannot succeed, in one sentence, or null to keep
 * trying. Authentication, certificates and unknown hosts do not heal by
 * retrying; nobody listening, or a server that drops the connection (a TLS
 * port spoken to in plain text), is given three tries.
 */
export function firstConnectionError(message: string, code: string, tries: number, url: string): string | null {
  const tls = /^rediss:/i.test(url);
  if (/WRONGPASS|invalid password|invalid username-password/i.test(message))
    return `the server refused the user name and password in the URL (${message.replace(/\.$/, '')})`;
  if (/NOAUTH|Authentication required/i.test(message))
    return 'the server requires a password; give it in the URL: redis://:PASSWORD@host:port (or rediss://)';
  if (/does not match certificate|altnames/i.test(message))
    return `the server's TLS certificate does not name this host (${message.split(':')[0]}); connect by a name the certificate lists`;
  if (/self[- ]signed|unable to (get|verify)|certificate/i.test(message))
    return `the server's TLS certificate is not trusted (${message.replace(/\.$/, '')}); pass the certificate authority that signed it with --redis-ca FILE.pem or $TRUCE_REDIS_CA`;
  if (/SSL|TLS|wrong version number|packet length/i.test(message))
    return `TLS handshake failed (${message.replace(/\.$/, '')})${tls ? '; does the server listen for TLS on this port (else use redis://)?' : ''}`;
  if (code === 'ENOTFOUND') return `host not found (${message})`;
  if (code === 'ECONNREFUSED' && tries >= 3) return 'connection refused; is redis-server running there?';
  if ((code === 'ECONNRESET' || code === 'EPIPE') && tries >= 3)
    return tls
      ? 'the server keeps dropping the connection'
      : 'the server keeps dropping the connection before answering; if it listens for TLS on this port, use rediss://';
  return null;
}
