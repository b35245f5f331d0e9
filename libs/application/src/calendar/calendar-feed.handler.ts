import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppConfig } from '@app/config';
import { OSLO_ZONE, todayInOslo } from '@app/domain';
import { Actor, FeedScope, RoleClaim, feedTokenHash } from '@app/identity';
import { AppUserEntity, CalendarFeedEntity, CouncilEntity, EventEntity, RoleGrantEntity, RoundEntity, RoundMemberEntity } from '@app/persistence';
import { ApplicationError } from '../application-error';
import { forecastOfMembers } from '../rounds/round.view';
import { Clock } from '../time/clock';
import { authorizeFeed, sameScope } from './calendar-access';
import { FeedTokenRefusedError } from './feed-token-refused.error';

/**
 * How long a closed round stays in a feed: a calendar keeps what it no longer finds in the feed
 * only until its next fetch, so a deadline just passed should not vanish the day the round settles.
 */
export const CLOSED_ROUNDS_KEPT_MONTHS = 3;
/** The most rounds one feed lists: the open ones first, then the latest closed. */
export const FEED_ROUND_LIMIT = 50;

/** One all-day entry of a feed, on a calendar date in Europe/Oslo. */
export interface CalendarEventView {
  /** Stable across fetches, so a calendar app updates the entry instead of adding another. */
  uid: string;
  /** YYYY-MM-DD */
  date: string;
  /** Grows with every change of what the entry says (RFC 5545 SEQUENCE). */
  sequence: number;
  /** When the round it belongs to last changed: its latest audit event (DTSTAMP, LAST-MODIFIED). */
  revisedAt: Date;
  summary: string;
  description: string;
  url: string;
  /** A withdrawn round's deadline: kept, marked cancelled (RFC 5545 STATUS), so calendars strike it out. */
  cancelled: boolean;
}

/** What a calendar feed shows: its name and its entries. */
export interface CalendarFeedView {
  name: string;
  description: string;
  events: CalendarEventView[];
}

/** A feed opened by its token: what it shows now, and the row to record the fetch on. */
export interface OpenedCalendarFeed {
  feedId: string;
  view: CalendarFeedView;
}

type FeedRound = RoundEntity & { council: CouncilEntity };

const CLOSED_AS: Record<Exclude<RoundEntity['status'], 'open'>, string> = {
  approved: 'vedtatt',
  rejected: 'ikke vedtatt',
  withdrawn: 'trukket',
  expired: 'avsluttet etter fristen',
};

/**
 * Calendar feeds of deadlines and kommunestyre meetings, read with only a feed token. Every read
 * checks again that the token is live and that its holder, with the grants on record for them
 * now, may see the feed, so a feed stops showing what its holder lost.
 */
@Injectable()
export class CalendarFeedHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * The feed a token opens at this path: FeedTokenRefusedError for a token that opens none (the
   * calendar app needs a new address), 404 for the token of another feed, and 404/403 when its
   * holder may no longer see it.
   */
  async open(token: string, path: FeedScope): Promise<OpenedCalendarFeed> {
    const hash = feedTokenHash(token);
    if (!hash) throw new FeedTokenRefusedError('malformed token');
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const feed = await manager
        .getRepository(CalendarFeedEntity)
        .createQueryBuilder('feed')
        .leftJoinAndSelect('feed.council', 'council')
        .where('feed.token_hash = :hash', { hash })
        .getOne();
      if (!feed) throw new FeedTokenRefusedError('unknown token');
      if (feed.revokedAt) throw new FeedTokenRefusedError('revoked');
      if (feed.expiresAt.getTime() <= this.clock.now().getTime()) throw new FeedTokenRefusedError('expired');
      // A token opens only the feed it was issued for; any other is, to its holder, not there.
      if (!sameScope(scopeOf(feed), path)) {
        throw ApplicationError.notFound('CALENDAR_FEED.OTHER_FEED', 'This feed token is for another calendar feed.');
      }
      const holder = await holderAsRecorded(manager, feed.userId);
      return { feedId: feed.id, view: await this.viewOf(manager, holder, path) };
    });
  }

  /**
   * Records a fetch and what it answered; returns since when the feed has answered that (its
   * Last-Modified). Each change moves it at least a second on, as HTTP dates count in seconds.
   */
  async recordFetch(feedId: string, etag: string): Promise<Date> {
    const now = this.clock.now();
    const { raw } = await this.dataSource
      .createQueryBuilder()
      .update(CalendarFeedEntity)
      .set({
        lastUsedAt: now,
        // Every expression of SET reads the row as it was: content_etag here is the one answered before.
        contentChangedAt: () => `CASE
          WHEN content_etag IS DISTINCT FROM :etag OR content_changed_at IS NULL
          THEN GREATEST(:now::timestamptz, date_trunc('second', content_changed_at) + interval '1 second')
          ELSE content_changed_at END`,
        contentEtag: etag,
      })
      .where('id = :feedId', { feedId })
      .setParameters({ etag, now })
      .returning('content_changed_at')
      .execute();
    const rows = raw as Array<{ content_changed_at: Date }>;
    // A feed removed with its holder in the meantime still answered this once.
    return rows[0] ? new Date(rows[0].content_changed_at) : now;
  }

  private async viewOf(manager: EntityManager, holder: Actor, scope: FeedScope): Promise<CalendarFeedView> {
    const { name } = await authorizeFeed(manager, holder, scope, todayInOslo(this.clock.now()));
    const rounds = await this.roundsOf(manager, scope);
    const members = await this.membersOf(manager, rounds);
    const revisions = await this.revisionsOf(manager, rounds);
    const events: CalendarEventView[] = [];
    for (const round of rounds) {
      const electorate = members.get(round.id) ?? [];
      if (!canSeeRound(holder, round, electorate)) continue;
      const revisedAt = revisions.get(round.id) ?? round.launchedAt;
      events.push(this.deadlineEvent(round, electorate, revisedAt));
      // A closed round's meetings no longer decide anything.
      if (round.status !== 'open') continue;
      for (const member of electorate) {
        if (scope.type === 'municipality' && member.municipalityNumber !== scope.municipality) continue;
        const meeting = this.meetingEvent(round, member, revisedAt);
        if (meeting) events.push(meeting);
      }
    }
    events.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid));
    return {
      name: `${name}: frister og kommunestyremøter`,
      description: `Vedtaksrunder i ${name}: fristene og kommunestyremøtene som skal behandle sakene.`,
      events,
    };
  }

  /**
   * What a calendar needs: the open rounds of the council, or those the municipality is in the
   * electorate of whatever their council, and the rounds closed in the last three months.
   */
  private async roundsOf(manager: EntityManager, scope: FeedScope): Promise<FeedRound[]> {
    const closedSince = DateTime.fromJSDate(this.clock.now(), { zone: OSLO_ZONE }).minus({ months: CLOSED_ROUNDS_KEPT_MONTHS }).startOf('day').toJSDate();
    const query = manager
      .getRepository(RoundEntity)
      .createQueryBuilder('round')
      .innerJoinAndSelect('round.council', 'council')
      .where(`(round.status = 'open' OR round.closed_at >= :closedSince)`, { closedSince })
      // An open round has no closed_at: open rounds come first, then the latest closed.
      .orderBy('round.closed_at', 'DESC', 'NULLS FIRST')
      .addOrderBy('round.deadline', 'DESC')
      .addOrderBy('round.id', 'ASC')
      .limit(FEED_ROUND_LIMIT);
    if (scope.type === 'council') query.andWhere('council.slug = :slug', { slug: scope.council });
    else {
      query.andWhere('EXISTS (SELECT 1 FROM round_member rm WHERE rm.round_id = round.id AND rm.municipality_number = :number)', {
        number: scope.municipality,
      });
    }
    return (await query.getMany()) as FeedRound[];
  }

  private async membersOf(manager: EntityManager, rounds: readonly RoundEntity[]): Promise<Map<string, RoundMemberEntity[]>> {
    const byRound = new Map<string, RoundMemberEntity[]>();
    if (rounds.length === 0) return byRound;
    const members = await manager
      .getRepository(RoundMemberEntity)
      .find({ where: { roundId: In(rounds.map((round) => round.id)) }, order: { municipalityNumber: 'ASC' } });
    for (const member of members) byRound.set(member.roundId, [...(byRound.get(member.roundId) ?? []), member]);
    return byRound;
  }

  /**
   * When each round last changed, by its audit trail. Every change that alters what its entries
   * say is an event, so an unchanged feed is the same bytes at every fetch (and its ETag holds).
   */
  private async revisionsOf(manager: EntityManager, rounds: readonly RoundEntity[]): Promise<Map<string, Date>> {
    if (rounds.length === 0) return new Map();
    const rows = await manager
      .getRepository(EventEntity)
      .createQueryBuilder('event')
      .select('event.round_id', 'roundId')
      .addSelect('MAX(event.at)', 'at')
      .where('event.round_id IN (:...ids)', { ids: rounds.map((round) => round.id) })
      .groupBy('event.round_id')
      .getRawMany<{ roundId: string; at: Date }>();
    return new Map(rows.map((row) => [row.roundId, new Date(row.at)]));
  }

  private deadlineEvent(round: FeedRound, electorate: readonly RoundMemberEntity[], revisedAt: Date): CalendarEventView {
    const adopted = electorate.filter((member) => member.status === 'adopted').length;
    const { forecast, pastDeadline } = forecastOfMembers(electorate, round.deadline);
    const closed = round.status === 'open' ? null : CLOSED_AS[round.status];
    const lines = closed
      ? [
          `${round.council.name}: fristen for kommunestyrenes vedtak var ${norwegianDate(round.deadline)}.`,
          `Runden er ${closed}${round.closedAt ? ` ${norwegianDate(osloDate(round.closedAt))}` : ''}${round.statusReason ? `: ${round.statusReason}` : ''}.`,
          `${adopted} av ${electorate.length} vedtok.`,
          this.roundLink(round),
        ]
      : [
          `${round.council.name}: fristen for kommunestyrenes vedtak går ut ${norwegianDate(round.deadline)} kl. 23.59.`,
          `${adopted} av ${electorate.length} har vedtatt.`,
          ...(forecast ? [`Siste planlagte kommunestyremøte: ${norwegianDate(forecast)}${pastDeadline ? ', etter fristen' : ''}.`] : []),
          this.roundLink(round),
        ];
    return {
      uid: `deadline-${round.id}@vedtaksrunde`,
      date: round.deadline,
      sequence: round.lockVersion,
      revisedAt,
      summary: closed ? `Frist: ${round.title} (${closed})` : `Frist: ${round.title}`,
      description: lines.join('\n'),
      url: this.roundLink(round),
      cancelled: round.status === 'withdrawn',
    };
  }

  /** A member's meeting that is to treat the case: the scheduled one, or the next after a postponement. */
  private meetingEvent(round: FeedRound, member: RoundMemberEntity, revisedAt: Date): CalendarEventView | null {
    const date = member.status === 'scheduled' ? member.meetingDate : member.status === 'postponed' ? member.nextMeetingDate : null;
    if (!date) return null;
    // Trondheim's kommunestyre is its bystyre; the clerk says so in the registration's body.
    const body = member.body === 'bystyre' ? 'Bystyret' : 'Kommunestyret';
    const lines = [
      `${round.council.name}: ${round.title}.`,
      ...(member.status === 'postponed' ? ['Saken ble utsatt; dette er neste møte.'] : []),
      `Frist for vedtak: ${norwegianDate(round.deadline)}.`,
      this.roundLink(round),
    ];
    return {
      uid: `meeting-${round.id}-${member.municipalityNumber}@vedtaksrunde`,
      date,
      sequence: member.revision,
      revisedAt,
      summary: `${body} i ${member.name} behandler: ${round.title}`,
      description: lines.join('\n'),
      url: this.roundLink(round),
      cancelled: false,
    };
  }

  private roundLink(round: RoundEntity): string {
    return `${this.config.publicBaseUrl}/app/rounds/${round.id}`;
  }
}

function scopeOf(feed: CalendarFeedEntity): FeedScope {
  return feed.scope === 'council' ? { type: 'council', council: feed.council!.slug } : { type: 'municipality', municipality: feed.municipalityNumber! };
}

/**
 * The feed's holder with the grants on record for them now, as their last sign-in left them, not
 * those they had when the feed was issued: a clerk who has lost the role sees the feed no more.
 */
async function holderAsRecorded(manager: EntityManager, userId: string): Promise<Actor> {
  const rows = await manager
    .getRepository(AppUserEntity)
    .createQueryBuilder('user')
    .leftJoin(RoleGrantEntity, 'grant', 'grant.user_id = user.id')
    .leftJoin(CouncilEntity, 'council', 'council.id = grant.council_id')
    .select(['user.subject AS subject', 'user.name AS name', 'grant.role AS role', 'grant.municipality_number AS municipality', 'council.slug AS council'])
    .where('user.id = :userId', { userId })
    .getRawMany<{ subject: string; name: string; role: RoleGrantEntity['role'] | null; municipality: string | null; council: string | null }>();
  const roles = rows.flatMap((grant): RoleClaim[] => {
    if (grant.role === 'admin') return [{ role: 'admin' }];
    if (grant.role === 'clerk') return grant.municipality ? [{ role: 'clerk', municipality: grant.municipality }] : [];
    return grant.role && grant.council ? [{ role: grant.role, council: grant.council }] : [];
  });
  return new Actor({ sub: rows[0].subject, name: rows[0].name, roles });
}

/** As RoundAccess: the admin, the council's secretariat and leaders, and the clerks of its electorate. */
function canSeeRound(actor: Actor, round: FeedRound, electorate: readonly RoundMemberEntity[]): boolean {
  if (actor.isAdmin() || actor.isSecretariatOf(round.council.slug) || actor.isLeaderOf(round.council.slug)) return true;
  return electorate.some((member) => actor.isClerkOf(member.municipalityNumber));
}

function osloDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: OSLO_ZONE }).toISODate()!;
}

/** 15.12.2022: how dates are written in Norwegian. */
function norwegianDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}.${month}.${year}`;
}
