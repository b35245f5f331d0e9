import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CouncilEntity, RoundEntity, RoundMemberEntity } from '@app/persistence';
import { loadRoundView } from '../rounds/round.view';
import { Clock } from '../time/clock';

/** A member of a public round: the kommunestyre's decision and the public records of it. */
export interface PublicMemberView {
  municipalityNumber: string;
  name: string;
  status: RoundMemberEntity['status'];
  meetingDate: string | null;
  caseNumber: string | null;
  protocolRef: string | null;
}

/** A member's share of a public fee round: the allocation is part of the case documents. */
export interface PublicAllocationLineView {
  municipalityNumber: string;
  name: string;
  currentFee: string;
  newFee: string;
  change: string;
}

/** A round the secretariat launched as public, with no more than the public records show. */
export interface PublicRoundView {
  title: string;
  status: RoundEntity['status'];
  deadline: string;
  subject: { type: 'agreement'; versionTitle: string; effectiveFrom: string } | { type: 'fees'; total: string; effectiveFrom: string };
  progress: { adopted: number; total: number };
  outcome: { status: 'approved' | 'rejected'; settledAt: string } | null;
  members: PublicMemberView[];
  allocation: PublicAllocationLineView[] | null;
}

/** What anyone may see of a council: its name and its public rounds, open ones first. */
export interface PublicStatusView {
  council: { slug: string; name: string };
  rounds: PublicRoundView[];
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The council's public status page, for anyone without signing in. Built field by field from the
 * round, so that nothing but what the views above name (no notes, votes, actors or non-public
 * rounds) can reach it.
 */
@Injectable()
export class PublicStatusHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The council's public rounds, or null when there is no council with that slug. */
  async read(slug: string): Promise<PublicStatusView | null> {
    if (!SLUG.test(slug) || slug.length > 100) return null;
    const now = this.clock.now();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const council = await manager.getRepository(CouncilEntity).findOne({ where: { slug } });
      if (!council) return null;
      const rounds = await manager
        .getRepository(RoundEntity)
        .createQueryBuilder('round')
        .select('round.id', 'id')
        .where('round.council_id = :councilId AND round.is_public', { councilId: council.id })
        .orderBy(`CASE WHEN round.status = 'open' THEN 0 ELSE 1 END`, 'ASC')
        .addOrderBy('round.launched_at', 'DESC')
        .getRawMany<{ id: string }>();
      const views: PublicRoundView[] = [];
      for (const { id } of rounds) {
        const round = await loadRoundView(manager, id, now);
        const names = new Map(round.members.map((member) => [member.municipalityNumber, member.name]));
        views.push({
          title: round.title,
          status: round.status,
          deadline: round.deadline,
          subject:
            round.subject.type === 'agreement'
              ? { type: 'agreement', versionTitle: round.subject.versionTitle, effectiveFrom: round.subject.effectiveFrom }
              : { type: 'fees', total: round.subject.total, effectiveFrom: round.subject.effectiveFrom },
          progress: { adopted: round.progress.adopted, total: round.progress.total },
          outcome: round.outcome && { status: round.outcome.status, settledAt: round.outcome.settledAt },
          members: round.members.map((member) => ({
            municipalityNumber: member.municipalityNumber,
            name: member.name,
            status: member.status,
            meetingDate: member.decision?.meetingDate ?? null,
            caseNumber: member.decision?.caseNumber ?? null,
            protocolRef: member.decision?.protocolRef ?? null,
          })),
          allocation:
            round.allocation?.map((line) => ({
              municipalityNumber: line.municipalityNumber,
              name: names.get(line.municipalityNumber) ?? line.municipalityNumber,
              currentFee: line.currentFee,
              newFee: line.newFee,
              change: line.change,
            })) ?? null,
        });
      }
      return { council: { slug: council.slug, name: council.name }, rounds: views };
    });
  }
}
