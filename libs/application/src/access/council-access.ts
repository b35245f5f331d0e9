import { EntityManager } from 'typeorm';
import { CalendarDate } from '@app/domain';
import { Actor } from '@app/identity';
import { CouncilEntity, MembershipEntity, Rows, Statement } from '@app/persistence';
import { ApplicationError } from '../application-error';
import { NOT_ENDED_ON } from '../councils/queries/membership-dates';

/** 404 for a council that does not exist or is not the caller's to see: the same answer for both. */
function councilNotFound(slug: string): ApplicationError {
  return ApplicationError.notFound('COUNCIL.NOT_FOUND', `There is no council "${slug}" that you can see.`, { slug });
}

/**
 * Who may see and do what in a council. A council the caller has no part in is "not found"
 * rather than "forbidden": telling that it exists would itself leak (API.md).
 */
export class CouncilAccess {
  private constructor(
    readonly council: CouncilEntity,
    private readonly actor: Actor,
    private readonly memberNumbers: readonly string[],
  ) {}

  /**
   * Loads the council by slug and what the caller is to it on a day (Oslo's today, from the Clock); 404 when it
   * does not exist or is not theirs to see.
   */
  static async load(manager: EntityManager, actor: Actor, slug: string, today: CalendarDate): Promise<CouncilAccess> {
    const council = await manager.getRepository(CouncilEntity).findOne({ where: { slug } });
    if (!council) throw councilNotFound(slug);
    const members = await manager
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .select('m.municipality_number', 'number')
      .where(`m.council_id = :id AND ${NOT_ENDED_ON('m', ':today')}`, { id: council.id, today })
      .getRawMany<{ number: string }>();
    const access = new CouncilAccess(council, actor, members.map((m) => m.number));
    if (!access.canSee()) throw councilNotFound(slug);
    return access;
  }

  /**
   * The statement that reads what `fromRows` needs: the council by its slug with its current
   * members' kommunenummer. For a read that sends its statements in one trip (readInOneTrip).
   */
  static statement(slug: string, today: CalendarDate): Statement {
    return {
      sql: `SELECT c.id, c.slug, c.name, c.created_at AS "createdAt",
                   coalesce((SELECT array_agg(m.municipality_number::text ORDER BY m.municipality_number)
                               FROM membership m
                              WHERE m.council_id = c.id AND ${NOT_ENDED_ON('m', '$2::date')}), '{}') AS members
              FROM council c
             WHERE c.slug = $1`,
      parameters: [slug, today],
    };
  }

  /** What the caller is to the council from the rows of `statement(slug)`; 404 as `load`. */
  static fromRows(actor: Actor, slug: string, rows: Rows): CouncilAccess {
    const [row] = rows;
    if (!row) throw councilNotFound(slug);
    const council = Object.assign(new CouncilEntity(), { id: row.id, slug: row.slug, name: row.name, createdAt: row.createdAt });
    const access = new CouncilAccess(council, actor, row.members as string[]);
    if (!access.canSee()) throw councilNotFound(slug);
    return access;
  }

  /** Admin, the council's secretariat and leaders, and clerks of its members (not those whose membership has ended) see the council. */
  canSee(): boolean {
    return this.isStaff() || this.memberNumbers.some((number) => this.actor.isClerkOf(number));
  }

  /** The admin, the secretariat or a leader: the people who follow every round of the council. */
  isStaff(): boolean {
    return this.actor.isAdmin() || this.actor.isSecretariatOf(this.council.slug) || this.actor.isLeaderOf(this.council.slug);
  }

  /** Whether the caller acts for the council's secretariat (the admin may too). */
  isSecretariat(): boolean {
    return this.actor.isAdmin() || this.actor.isSecretariatOf(this.council.slug);
  }

  /** Refuses with 403 unless the caller acts for the secretariat. */
  requireSecretariat(what: string): void {
    if (!this.isSecretariat()) {
      throw ApplicationError.forbidden('ACCESS.SECRETARIAT_ONLY', `Only the secretariat of ${this.council.slug} may ${what}.`);
    }
  }

  /** Refuses with 403 unless the caller is the secretariat or a leader (reading what is not yet decided). */
  requireSecretariatOrLeader(what: string): void {
    if (!this.isSecretariat() && !this.actor.isLeaderOf(this.council.slug)) {
      throw ApplicationError.forbidden(
        'ACCESS.SECRETARIAT_OR_LEADER_ONLY',
        `Only the secretariat or a leader of ${this.council.slug} may ${what}.`,
      );
    }
  }

  /** The council's current members (kommunenummer). */
  members(): readonly string[] {
    return this.memberNumbers;
  }
}
