import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppConfig } from '@app/config';
import { Actor, FeedScope, signFeedToken } from '@app/identity';
import { CouncilEntity, EventEntity, MembershipEntity, MunicipalityEntity, RoundEntity, RoundMemberEntity } from '@app/persistence';
import { CouncilAccess } from '../access/council-access';
import { ApplicationError } from '../application-error';
import { forecastOfMembers } from '../rounds/round.view';
import { Clock } from '../time/clock';

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
}

/** What a calendar feed shows: its name and its entries. */
export interface CalendarFeedView {
  name: string;
  description: string;
  events: CalendarEventView[];
}

/** A personal feed address; the token in it is the only credential a calendar app sends. */
export interface IssuedCalendarFeed {
  url: string;
  token: string;
  expiresAt: string;
}

type OpenRound = RoundEntity & { council: CouncilEntity };

/**
 * Calendar feeds of deadlines and kommunestyre meetings. A feed is issued to a signed-in person for
 * what they may see, and read later with only its token; every read checks again, against today's
 * memberships, that the holder may still see it, so a feed stops showing what its holder lost.
 */
@Injectable()
export class CalendarFeedHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Issues a feed of the council or the municipality, if the caller may see it (404/403 otherwise). */
  async issue(actor: Actor, scope: FeedScope): Promise<IssuedCalendarFeed> {
    await this.dataSource.transaction('REPEATABLE READ', (manager) => this.authorize(manager, actor, scope));
    const { token, expiresAt } = await signFeedToken(this.config.jwtSecret, { subject: actor.subject, roles: actor.roles }, scope, {
      now: this.clock.now(),
    });
    return { url: `${this.config.publicBaseUrl}${feedPath(scope)}?token=${token}`, token, expiresAt: expiresAt.toISOString() };
  }

  /** The feed for the holder of a verified feed token, with what they may see today. */
  async read(actor: Actor, scope: FeedScope): Promise<CalendarFeedView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const name = await this.authorize(manager, actor, scope);
      const rounds = await this.openRounds(manager, scope);
      const members = await this.membersOf(manager, rounds);
      const revisions = await this.revisionsOf(manager, rounds);
      const events: CalendarEventView[] = [];
      for (const round of rounds) {
        const electorate = members.get(round.id) ?? [];
        if (!canSeeRound(actor, round, electorate)) continue;
        const revisedAt = revisions.get(round.id) ?? round.launchedAt;
        events.push(this.deadlineEvent(round, electorate, revisedAt));
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
    });
  }

  /** Refuses what the actor may not see, as the API does; returns the name the feed goes by. */
  private async authorize(manager: EntityManager, actor: Actor, scope: FeedScope): Promise<string> {
    if (scope.type === 'council') return (await CouncilAccess.load(manager, actor, scope.council)).council.name;
    const number = scope.municipality;
    const municipality = await manager.getRepository(MunicipalityEntity).findOneBy({ number });
    if (!municipality) {
      throw ApplicationError.notFound('MUNICIPALITY.NOT_FOUND', `There is no municipality ${number}.`, { municipalityNumber: number });
    }
    if (actor.isAdmin() || actor.isClerkOf(number)) return municipality.name;
    const staffOf = [...actor.councilsAsSecretariat(), ...actor.councilsAsLeader()];
    const ofItsCouncils = staffOf.length
      ? await manager
          .getRepository(MembershipEntity)
          .createQueryBuilder('m')
          .innerJoin(CouncilEntity, 'c', 'c.id = m.council_id')
          .where('m.municipality_number = :number AND m.left_on IS NULL AND c.slug IN (:...staffOf)', { number, staffOf })
          .getExists()
      : false;
    if (!ofItsCouncils) {
      throw ApplicationError.forbidden(
        'ACCESS.MUNICIPALITY_CALENDAR',
        `Only the clerks of ${number}, the secretariat and leaders of its councils and the admin may follow its calendar.`,
        { municipalityNumber: number },
      );
    }
    return municipality.name;
  }

  /** The open rounds of the council, or those the municipality is in the electorate of, whatever their council. */
  private async openRounds(manager: EntityManager, scope: FeedScope): Promise<OpenRound[]> {
    const query = manager
      .getRepository(RoundEntity)
      .createQueryBuilder('round')
      .innerJoinAndSelect('round.council', 'council')
      .where('round.status = :open', { open: 'open' })
      .orderBy('round.deadline', 'ASC')
      .addOrderBy('round.id', 'ASC');
    if (scope.type === 'council') query.andWhere('council.slug = :slug', { slug: scope.council });
    else {
      query.andWhere('EXISTS (SELECT 1 FROM round_member rm WHERE rm.round_id = round.id AND rm.municipality_number = :number)', {
        number: scope.municipality,
      });
    }
    return (await query.getMany()) as OpenRound[];
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

  private deadlineEvent(round: OpenRound, electorate: readonly RoundMemberEntity[], revisedAt: Date): CalendarEventView {
    const adopted = electorate.filter((member) => member.status === 'adopted').length;
    const { forecast, pastDeadline } = forecastOfMembers(electorate, round.deadline);
    const lines = [
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
      summary: `Frist: ${round.title}`,
      description: lines.join('\n'),
      url: this.roundLink(round),
    };
  }

  /** A member's meeting that is to treat the case: the scheduled one, or the next after a postponement. */
  private meetingEvent(round: OpenRound, member: RoundMemberEntity, revisedAt: Date): CalendarEventView | null {
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
    };
  }

  private roundLink(round: RoundEntity): string {
    return `${this.config.publicBaseUrl}/app/rounds/${round.id}`;
  }
}

/** The feed's path under PUBLIC_BASE_URL. */
export function feedPath(scope: FeedScope): string {
  return scope.type === 'council' ? `/api/councils/${scope.council}/calendar.ics` : `/api/municipalities/${scope.municipality}/calendar.ics`;
}

/** As RoundAccess: the admin, the council's secretariat and leaders, and the clerks of its electorate. */
function canSeeRound(actor: Actor, round: OpenRound, electorate: readonly RoundMemberEntity[]): boolean {
  if (actor.isAdmin() || actor.isSecretariatOf(round.council.slug) || actor.isLeaderOf(round.council.slug)) return true;
  return electorate.some((member) => actor.isClerkOf(member.municipalityNumber));
}

/** 15.12.2022: how dates are written in Norwegian. */
function norwegianDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}.${month}.${year}`;
}
