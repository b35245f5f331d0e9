import { EntityManager } from 'typeorm';
import { Actor } from '@app/identity';
import { CouncilEntity, RoundEntity, RoundMemberEntity, Rows, Statement } from '@app/persistence';
import { ApplicationError } from '../application-error';

/**
 * A round with what the caller is to it. Those who may see a round: the admin, the council's
 * secretariat and leaders, and the clerks of its members; everyone else gets 404, as if it did
 * not exist.
 */
export class RoundAccess {
  private constructor(
    readonly round: RoundEntity,
    readonly council: CouncilEntity,
    readonly electorate: readonly string[],
    private readonly actor: Actor,
  ) {}

  /** Loads the round (locking it FOR UPDATE when `lock`), refusing with 404 what the caller may not see. */
  static async load(manager: EntityManager, actor: Actor, roundId: string, options: { lock?: boolean } = {}): Promise<RoundAccess> {
    if (!UUID.test(roundId)) throw RoundAccess.notFound(roundId);
    const query = manager.getRepository(RoundEntity).createQueryBuilder('round').where('round.id = :roundId', { roundId });
    // The row lock serialises every change to one round: this is what settles it exactly once.
    if (options.lock) query.setLock('pessimistic_write');
    const round = await query.getOne();
    if (!round) throw RoundAccess.notFound(roundId);
    const council = await manager.getRepository(CouncilEntity).findOneByOrFail({ id: round.councilId });
    const members = await manager.getRepository(RoundMemberEntity).find({ where: { roundId }, select: { municipalityNumber: true } });
    const access = new RoundAccess(round, council, members.map((member) => member.municipalityNumber), actor);
    if (!access.canSee()) throw RoundAccess.notFound(roundId);
    return access;
  }

  /**
   * The statement that reads what `fromRows` needs: the round's council and electorate, the round
   * found by its id. For a read that sends its statements in one trip (readInOneTrip); a malformed
   * id is sent as NULL, which finds no round, so that the trip never fails on it.
   */
  static statement(roundId: string): Statement {
    return {
      sql: `SELECT r.id, r.council_id AS "councilId", c.slug AS council,
                   coalesce((SELECT array_agg(rm.municipality_number::text ORDER BY rm.municipality_number)
                               FROM round_member rm
                              WHERE rm.round_id = r.id), '{}') AS electorate
              FROM round r
              JOIN council c ON c.id = r.council_id
             WHERE r.id = $1::uuid`,
      parameters: [RoundAccess.idOrNull(roundId)],
    };
  }

  /**
   * What the caller is to the round from the rows of `statement(roundId)`; 404 as `load`. The round
   * is known by its id and council only, so that is all the answer carries of it.
   */
  static fromRows(actor: Actor, roundId: string, rows: Rows): RoundAccessOfRows {
    const [row] = rows;
    if (!row) throw RoundAccess.notFound(roundId);
    const round = Object.assign(new RoundEntity(), { id: row.id as string, councilId: row.councilId as string });
    const council = Object.assign(new CouncilEntity(), { id: row.councilId as string, slug: row.council as string });
    const access = new RoundAccess(round, council, row.electorate as string[], actor);
    if (!access.canSee()) throw RoundAccess.notFound(roundId);
    return access;
  }

  /** The id as a statement may be given it: a round id, or NULL for what cannot name a round. */
  static idOrNull(roundId: string): string | null {
    return UUID.test(roundId) ? roundId : null;
  }

  /**
   * The kommunenummer whose rounds of the council the caller sees, or null when they see them all
   * (the council's staff). Which council rounds a list may show, before the council is read.
   */
  static electoratesSeenIn(actor: Actor, councilSlug: string): string[] | null {
    return isStaffOf(actor, councilSlug) ? null : actor.clerkMunicipalities();
  }

  /** What the caller is to a round already read (and locked) by a query of the caller's own. */
  static of(actor: Actor, round: RoundEntity, councilSlug: string, electorate: readonly string[]): RoundAccess | null {
    const council = Object.assign(new CouncilEntity(), { id: round.councilId, slug: councilSlug });
    const access = new RoundAccess(round, council, electorate, actor);
    return access.canSee() ? access : null;
  }

  private static notFound(roundId: string): ApplicationError {
    return ApplicationError.notFound('ROUND.NOT_FOUND', `There is no round ${roundId} that you can see.`, { roundId });
  }

  canSee(): boolean {
    return this.isStaff() || this.electorate.some((number) => this.actor.isClerkOf(number));
  }

  /** The admin, the secretariat or a leader of the round's council. */
  isStaff(): boolean {
    return isStaffOf(this.actor, this.council.slug);
  }

  /** Acts for the council's secretariat (the admin may too). */
  isSecretariat(): boolean {
    return this.actor.isAdmin() || this.actor.isSecretariatOf(this.council.slug);
  }

  /** Refuses with 403 unless the caller acts for the secretariat. */
  requireSecretariat(what: string): void {
    if (!this.isSecretariat()) {
      throw ApplicationError.forbidden('ACCESS.SECRETARIAT_ONLY', `Only the secretariat of ${this.council.slug} may ${what}.`);
    }
  }
}

/** A RoundAccess from `fromRows`: the round it carries is its id and council. */
export type RoundAccessOfRows = Omit<RoundAccess, 'round'> & { readonly round: Pick<RoundEntity, 'id' | 'councilId'> };

/** The admin, the secretariat or a leader of the council: they follow every round of it. */
function isStaffOf(actor: Actor, councilSlug: string): boolean {
  return actor.isAdmin() || actor.isSecretariatOf(councilSlug) || actor.isLeaderOf(councilSlug);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
