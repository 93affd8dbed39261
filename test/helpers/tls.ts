/** A self-signed server certificate for 127.0.0.1 and localhost, made with openssl into a folder (Debian's openssl; .ci/run installs it). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function selfSignedCertificate(dir: string, name = 'server'): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (r.status !== 0) throw new Error(`openssl req failed (${r.status}): ${r.stderr}`);
  return { cert, key };
}
