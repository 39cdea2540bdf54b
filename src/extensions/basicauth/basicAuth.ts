import { createHmac, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { LRUCache } from 'lru-cache';
import { watchFiles, type FileWatch } from '../../config/watchFiles.js';
import { credentialsFor, type HttpAuthenticator } from '../../http/authentication.js';
import type { ComponentSettings, Extension } from '../../pipeline/component.js';
import type { BasicAuthConfig } from './config.js';
import { parseHtpasswd, verifyPassword, type HtpasswdEntry } from './htpasswd.js';

/** Credentials verified recently, so a client sending the same header on every request pays for bcrypt once. */
const VERIFIED_CACHE = { max: 1000, ttl: 5 * 60 * 1000 };

/** `user` and `password` of the credentials of a Basic Authorization value (RFC 7617), or undefined. */
function userAndPassword(credentials: string): { user: string; password: string } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credentials)) return undefined;
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function entriesOf(config: BasicAuthConfig, fileText: string | undefined, id: string): Map<string, HtpasswdEntry> {
  const sources: Array<[string, string]> = [];
  if (fileText !== undefined) sources.push([fileText, config.htpasswd.file as string]);
  if (config.htpasswd.inline !== undefined) sources.push([config.htpasswd.inline, `extensions.${id}.htpasswd.inline`]);
  const entries = new Map<string, HtpasswdEntry>();
  for (const [text, source] of sources) {
    const parsed = parseHtpasswd(text, source);
    if (parsed.problems.length > 0) throw new Error(parsed.problems.join('; '));
    for (const [user, entry] of parsed.entries) entries.set(user, entry);
  }
  return entries;
}

/**
 * The `basicauth` extension: a request is let in when its `Authorization: Basic ...` names a user of the htpasswd file
 * or inline lines with the right password. Hashes are checked with bcryptjs and apache-md5, other comparisons in
 * constant time; a user that does not exist costs a bcrypt check like one that does. Credentials that passed are
 * remembered (by an HMAC under a key of this process, never in clear) for a few minutes, and forgotten when the file
 * changes. A change that does not parse is refused (logged) and the previous users stay.
 */
export function createBasicAuth(settings: ComponentSettings, config: BasicAuthConfig): Extension {
  let entries = new Map<string, HtpasswdEntry>();
  let watch: FileWatch | undefined;
  const cacheKey = randomBytes(32);
  const verified = new LRUCache<string, true>(VERIFIED_CACHE);
  // A user that does not exist is checked against this, so its answer takes as long as a wrong password's.
  const absentUser: HtpasswdEntry = { user: '', scheme: 'bcrypt', hash: bcrypt.hashSync(randomBytes(16).toString('hex'), 5) };

  const authenticator: HttpAuthenticator = {
    scheme: 'Basic',
    async authenticate(authorization) {
      const credentials = credentialsFor(authorization, 'Basic');
      const parsed = credentials === undefined ? undefined : userAndPassword(credentials);
      if (credentials === undefined || parsed === undefined) return false;
      const key = createHmac('sha256', cacheKey).update(credentials).digest('base64');
      if (verified.get(key)) return true;
      const entry = entries.get(parsed.user);
      const ok = await verifyPassword(entry ?? absentUser, parsed.password);
      if (!ok || entry === undefined) return false;
      verified.set(key, true);
      return true;
    },
  };

  return {
    authenticator,
    async start() {
      const file = config.htpasswd.file;
      if (file === undefined) {
        entries = entriesOf(config, undefined, settings.id);
        return;
      }
      watch = watchFiles([file], {
        onChange([text]) {
          entries = entriesOf(config, String(text), settings.id);
          verified.clear();
          settings.logger.info({ file, users: entries.size }, 'htpasswd reloaded');
        },
        onError: (err) => settings.logger.warn({ err, file }, 'htpasswd change not applied; the previous users stay'),
      });
      try {
        entries = entriesOf(config, String(watch.initial[0]), settings.id);
      } catch (e) {
        watch.close();
        throw e;
      }
    },
    async shutdown() {
      watch?.close();
      entries = new Map();
      verified.clear();
    },
  };
}
