// htpasswd files as Apache's `htpasswd` writes them (one `user:hash` per line): bcrypt (`-B`, $2y$), APR1-MD5 (`-m`, the
// default, $apr1$), MD5-crypt ($1$), SHA-1 (`-s`, {SHA}) and plain text (`-p`, and the Collector's inline
// `${env:USER}:${env:PASSWORD}`). crypt(3) (`-d`) cannot be told from plain text and is not supported.
import { createHash } from 'node:crypto';
import apacheMd5 from 'apache-md5';
import bcrypt from 'bcryptjs';
import { matchesSecret, secretDigest } from '../../http/authentication.js';

export type HashScheme = 'bcrypt' | 'md5' | 'sha1' | 'plain';

export interface HtpasswdEntry {
  readonly user: string;
  readonly scheme: HashScheme;
  readonly hash: string;
}

function schemeOf(hash: string): HashScheme | undefined {
  if (/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash)) return 'bcrypt';
  if (/^\$(apr1|1)\$[^$]{1,8}\$[./A-Za-z0-9]{22}$/.test(hash)) return 'md5';
  if (/^\{SHA\}[A-Za-z0-9+/]{27}=$/.test(hash)) return 'sha1';
  // Anything else that looks like a hash is one this does not know; taking it as a password would be a surprise.
  if (hash.startsWith('$') || hash.startsWith('{')) return undefined;
  return 'plain';
}

/**
 * The entries of an htpasswd text by user; blank lines and `#` comments are skipped. Every line that is not a user and
 * a known hash is a problem, named `source:line`.
 */
export function parseHtpasswd(text: string, source: string): { entries: Map<string, HtpasswdEntry>; problems: string[] } {
  const entries = new Map<string, HtpasswdEntry>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    const user = colon < 0 ? '' : line.slice(0, colon);
    const hash = colon < 0 ? '' : line.slice(colon + 1);
    if (user === '' || hash === '') {
      problems.push(`${source}:${i + 1}: not a user:hash line`);
      return;
    }
    const scheme = schemeOf(hash);
    if (scheme === undefined) problems.push(`${source}:${i + 1}: user "${user}" has a hash of an unsupported kind (use bcrypt, APR1-MD5 or SHA-1)`);
    else entries.set(user, { user, scheme, hash });
  });
  return { entries, problems };
}

function sha1Base64(password: string): string {
  return `{SHA}${createHash('sha1').update(password, 'utf8').digest('base64')}`;
}

/** Whether `password` matches `entry`; hash strings are compared in constant time (bcryptjs compares its own). */
export async function verifyPassword(entry: HtpasswdEntry, password: string): Promise<boolean> {
  switch (entry.scheme) {
    case 'bcrypt':
      return bcrypt.compare(password, entry.hash);
    case 'md5':
      return matchesSecret(apacheMd5(password, entry.hash), [secretDigest(entry.hash)]);
    case 'sha1':
      return matchesSecret(sha1Base64(password), [secretDigest(entry.hash)]);
    case 'plain':
      return matchesSecret(password, [secretDigest(entry.hash)]);
  }
}
