import { EntityManager } from 'typeorm';
import { Actor } from '@app/identity';
import { CouncilEntity, RoundEntity, RoundMemberEntity } from '@app/persistence';
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
    const notFound = ApplicationError.notFound('ROUND.NOT_FOUND', `There is no round ${roundId} that you can see.`, { roundId });
    if (!UUID.test(roundId)) throw notFound;
    const query = manager.getRepository(RoundEntity).createQueryBuilder('round').where('round.id = :roundId', { roundId });
    // The row lock serialises every change to one round: this is what settles it exactly once.
    if (options.lock) query.setLock('pessimistic_write');
    const round = await query.getOne();
    if (!round) throw notFound;
    const council = await manager.getRepository(CouncilEntity).findOneByOrFail({ id: round.councilId });
    const members = await manager.getRepository(RoundMemberEntity).find({ where: { roundId }, select: { municipalityNumber: true } });
    const access = new RoundAccess(round, council, members.map((member) => member.municipalityNumber), actor);
    if (!access.canSee()) throw notFound;
    return access;
  }

  /** What the caller is to a round already read (and locked) by a query of the caller's own. */
  static of(actor: Actor, round: RoundEntity, councilSlug: string, electorate: readonly string[]): RoundAccess | null {
    const council = Object.assign(new CouncilEntity(), { id: round.councilId, slug: councilSlug });
    const access = new RoundAccess(round, council, electorate, actor);
    return access.canSee() ? access : null;
  }

  canSee(): boolean {
    return this.isStaff() || this.electorate.some((number) => this.actor.isClerkOf(number));
  }

  /** The admin, the secretariat or a leader of the round's council. */
  isStaff(): boolean {
    return this.actor.isAdmin() || this.isSecretariat() || this.actor.isLeaderOf(this.council.slug);
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
