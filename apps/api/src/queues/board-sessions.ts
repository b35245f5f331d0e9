import { createHmac } from 'node:crypto';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import session, { SessionData, Store } from 'express-session';
import type { RequestHandler } from 'express';
import Redis from 'ioredis';
import { AppConfig } from '@app/config';
import { redisOptions } from '@app/jobs';
import { QUEUE_BOARD_PATH } from './queue-board';

/** The session cookie of the queue board: a session id, signed; what it stands for stays in Redis. */
export const ADMIN_COOKIE = 'vedtak_admin';

/** Who signed in to the board, and until when (the admin token's `exp`). */
export interface BoardAdmin {
  subject: string;
  issuer: string;
  name: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

declare module 'express-session' {
  interface SessionData {
    admin?: BoardAdmin;
  }
}

// When a session has no expiry of its own (it always has: the token's), it is kept this long.
const DEFAULT_TTL_MS = 60 * 60 * 1000;

/**
 * express-session's store on Redis: one key per session, expiring with it. The board shows
 * BullMQ's queues, which are in Redis, so it is no use without Redis anyway; the client fails
 * fast rather than queueing commands while Redis is away.
 */
export class RedisSessionStore extends Store {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {
    super();
  }

  get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    this.client
      .get(this.key(sid))
      .then((stored) => callback(null, stored ? (JSON.parse(stored) as SessionData) : null), callback);
  }

  set(sid: string, data: SessionData, callback?: (error?: unknown) => void): void {
    this.client
      .set(this.key(sid), JSON.stringify(data), 'PX', ttlOf(data))
      .then(() => callback?.(), (error: unknown) => callback?.(error));
  }

  destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.client
      .del(this.key(sid))
      .then(() => callback?.(), (error: unknown) => callback?.(error));
  }

  override touch(sid: string, data: SessionData, callback?: () => void): void {
    this.client
      .pexpire(this.key(sid), ttlOf(data))
      .then(() => callback?.(), () => callback?.());
  }

  private key(sid: string): string {
    return `${this.prefix}${sid}`;
  }
}

function ttlOf(data: SessionData): number {
  const expires = data.cookie?.expires ? new Date(data.cookie.expires).getTime() - Date.now() : DEFAULT_TTL_MS;
  return Math.max(1, Math.round(expires));
}

/**
 * The board's server-side sessions. The cookie is HttpOnly, SameSite=Strict, scoped to the
 * board's path, and Secure whenever the request came over TLS (`secure: 'auto'` reads
 * request.secure, which honours X-Forwarded-Proto from the trusted proxy), so plain http on a
 * developer's machine still works.
 */
@Injectable()
export class BoardSessions implements OnApplicationShutdown {
  private readonly redis: Redis;
  readonly middleware: RequestHandler;

  constructor(config: AppConfig) {
    this.redis = new Redis({ ...redisOptions(config.redisUrl, 'request'), connectionName: 'vedtaksrunde-board-sessions', lazyConnect: true });
    // An outage is answered per request (503); the client reconnects on its own. Connected at
    // start-up, not waited for: commands fail fast rather than queue, and a sign-in comes later.
    this.redis.on('error', () => undefined);
    this.redis.connect().catch(() => undefined);
    this.middleware = session({
      name: ADMIN_COOKIE,
      store: new RedisSessionStore(this.redis, `${config.queuePrefix}:board-session:`),
      // A key of its own, derived from JWT_SECRET, so that the session signature is never a token's.
      secret: createHmac('sha256', config.jwtSecret).update('vedtaksrunde: queue board sessions').digest('base64url'),
      resave: false,
      saveUninitialized: false,
      rolling: false,
      unset: 'destroy',
      cookie: { path: QUEUE_BOARD_PATH, httpOnly: true, sameSite: 'strict', secure: 'auto' },
    });
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
