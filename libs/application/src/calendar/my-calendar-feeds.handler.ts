import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppConfig } from '@app/config';
import { todayInOslo } from '@app/domain';
import { Actor, FeedScope, newFeedToken } from '@app/identity';
import { AppUserEntity, CalendarFeedEntity } from '@app/persistence';
import { ApplicationError } from '../application-error';
import { Page, PageRequest, cursorKeyOf, pageOf } from '../paging/page';
import { PageCursor, instantKeySql } from '../paging/page-cursor';
import { People, personOf } from '../people/people';
import { Clock } from '../time/clock';
import { authorizeFeed, feedPath } from './calendar-access';

/**
 * The longest a feed lives, and how long it lives unless its holder asks for less: a leaked address
 * dies on its own within a quarter, and a subscription needs renewing no more than four times a year.
 */
export const FEED_LIFETIME_DAYS = 90;

const DAY_MS = 24 * 3600 * 1000;

/** The feed list's position: when the feed was issued and its id, newest first. */
export const CALENDAR_FEED_LIST_CURSOR = new PageCursor('calendar-feeds', ['instant', 'uuid'] as const);

/** A personal feed address as it is handed out, once: the token in it is the only credential a calendar app sends. */
export interface IssuedCalendarFeed {
  id: string;
  url: string;
  token: string;
  expiresAt: string;
}

/** One of a person's feeds as they see it listed: never the token, only its first characters. */
export interface CalendarFeedSummary {
  id: string;
  scope: 'council' | 'municipality';
  council: string | null;
  municipality: string | null;
  /** The council's or the municipality's name. */
  name: string;
  tokenPrefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  expired: boolean;
}

/**
 * A person's own calendar feeds: issuing one for what they may see, listing theirs, and revoking
 * one. Only the SHA-256 of a token is stored, so an issued address cannot be shown again.
 */
@Injectable()
export class MyCalendarFeedsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly people: People,
  ) {}

  /** Issues a feed of the council or the municipality, if the caller may see it (404/403 otherwise), for at most 90 days. */
  async issue(actor: Actor, scope: FeedScope, options: { days?: number } = {}): Promise<IssuedCalendarFeed> {
    const days = options.days ?? FEED_LIFETIME_DAYS;
    if (days > FEED_LIFETIME_DAYS) {
      throw ApplicationError.invalid(
        'CALENDAR_FEED.LIFETIME_TOO_LONG',
        `A calendar feed lives at most ${FEED_LIFETIME_DAYS} days; ask for ${FEED_LIFETIME_DAYS} or fewer, and issue a new one when it runs out.`,
        { field: 'expiresInDays', maximum: FEED_LIFETIME_DAYS },
      );
    }
    // The holder's grants are what every fetch is checked against: they must be on record.
    await this.people.remember(actor);
    return this.dataSource.transaction(async (manager) => {
      const subject = await authorizeFeed(manager, actor, scope, todayInOslo(this.clock.now()));
      const holder = await holderOf(manager, actor);
      if (!holder) throw ApplicationError.notFound('PERSON.NOT_FOUND', 'You are not known yet; sign in again and retry.');
      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + days * DAY_MS);
      const { token, hash, prefix } = newFeedToken();
      const feed = await manager.getRepository(CalendarFeedEntity).save({
        userId: holder,
        tokenHash: hash,
        tokenPrefix: prefix,
        scope: scope.type,
        councilId: subject.councilId,
        municipalityNumber: subject.municipalityNumber,
        createdAt: now,
        expiresAt,
        revokedAt: null,
        lastUsedAt: null,
        contentEtag: null,
        contentChangedAt: null,
      });
      return { id: feed.id, url: `${this.config.publicBaseUrl}${feedPath(scope)}?token=${token}`, token, expiresAt: expiresAt.toISOString() };
    });
  }

  /**
   * A page of the caller's feeds that are not revoked, expired ones too (so that a calendar gone
   * quiet can be explained), newest first: keyset on (user_id, created_at), two queries a page.
   */
  async list(actor: Actor, page: PageRequest): Promise<Page<CalendarFeedSummary>> {
    const after = cursorKeyOf(CALENDAR_FEED_LIST_CURSOR, page);
    const holder = await holderOf(this.dataSource.manager, actor);
    if (!holder) return { items: [], next: null };
    const query = this.dataSource
      .getRepository(CalendarFeedEntity)
      .createQueryBuilder('feed')
      .leftJoinAndSelect('feed.council', 'council')
      .leftJoinAndSelect('feed.municipality', 'municipality')
      .addSelect(instantKeySql('feed.created_at'), 'created_key')
      .where('feed.user_id = :holder AND feed.revoked_at IS NULL', { holder })
      // One statement for every page: the first passes no cursor.
      .andWhere('(CAST(:afterAt AS timestamptz) IS NULL OR (feed.created_at, feed.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid)))', {
        afterAt: after?.[0] ?? null,
        afterId: after?.[1] ?? null,
      });
    const { entities, raw } = await query
      .orderBy('feed.created_at', 'DESC')
      .addOrderBy('feed.id', 'DESC')
      // Every join is to one row, so a plain LIMIT limits feeds (take() would cost a second query).
      .limit(page.limit + 1)
      .getRawAndEntities<{ feed_id: string; created_key: string }>();
    const keys = new Map(raw.map((row) => [row.feed_id, row.created_key]));
    const { items, next } = pageOf(entities, page.limit, CALENDAR_FEED_LIST_CURSOR, (feed) => [keys.get(feed.id)!, feed.id]);
    const now = this.clock.now();
    return { items: items.map((feed) => summaryOf(feed, now)), next };
  }

  /**
   * Revokes one of the caller's feeds: its next fetch is refused. Revoking it again changes nothing
   * and is no error (a retried request must not fail); someone else's feed is not there (404).
   */
  async revoke(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const holder = await holderOf(manager, actor);
      const feeds = manager.getRepository(CalendarFeedEntity);
      const feed = holder ? await feeds.findOne({ where: { id, userId: holder }, select: { id: true, revokedAt: true } }) : null;
      if (!feed) throw ApplicationError.notFound('CALENDAR_FEED.NOT_FOUND', 'You have no calendar feed with this id.', { id });
      if (!feed.revokedAt) await feeds.update({ id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    });
  }
}

function summaryOf(feed: CalendarFeedEntity, now: Date): CalendarFeedSummary {
  return {
    id: feed.id,
    scope: feed.scope,
    council: feed.council?.slug ?? null,
    municipality: feed.municipalityNumber,
    name: feed.council?.name ?? feed.municipality?.name ?? '',
    tokenPrefix: feed.tokenPrefix,
    createdAt: feed.createdAt.toISOString(),
    expiresAt: feed.expiresAt.toISOString(),
    lastUsedAt: feed.lastUsedAt?.toISOString() ?? null,
    expired: feed.expiresAt.getTime() <= now.getTime(),
  };
}

/** The caller's own id among the people on record, or null while they are not. */
async function holderOf(manager: EntityManager, actor: Actor): Promise<string | null> {
  const user = await manager.getRepository(AppUserEntity).findOne({ where: personOf(actor), select: { id: true } });
  return user?.id ?? null;
}
