import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CouncilEntity, RoundEntity, RoundMemberEntity } from '@app/persistence';
import { cursorKeyOf, pageOf } from '../paging/page';
import { PageCursor, instantKeySql } from '../paging/page-cursor';
import { RoundView, loadRoundViews } from '../rounds/round.view';
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

/** What anyone may see of a council: its name and its public rounds, open ones first, then a page of the closed. */
export interface PublicStatusView {
  council: { slug: string; name: string };
  /** On the first page the open rounds and the latest closed ones; on a later page older closed ones only. */
  rounds: PublicRoundView[];
  firstPage: boolean;
  /** The cursor of the page of older closed rounds, or null when there are none. */
  older: string | null;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** How many closed rounds one page shows: each comes with every member's decision and the allocation. */
export const PUBLIC_CLOSED_ROUNDS_PER_PAGE = 10;

/** The page's position among the closed public rounds: the launch instant and the id, newest first. */
export const PUBLIC_ROUND_CURSOR = new PageCursor('public-rounds', ['instant', 'uuid'] as const);

/**
 * $1 council id, $2 and $3 the cursor's launch instant and round id or null, $4 how many closed.
 * The open public rounds (first page only, as many as are open) and a keyset page of the closed
 * ones, both newest launch first, in one statement.
 */
export const PUBLIC_ROUNDS_SQL = `
SELECT id, "launchedAt", part
  FROM ((SELECT r.id, r.launched_at, 0 AS part, ${instantKeySql('r.launched_at')} AS "launchedAt"
           FROM round r
          WHERE r.council_id = $1
            AND r.is_public
            AND r.status = 'open'
            AND $2::timestamptz IS NULL)
        UNION ALL
        (SELECT r.id, r.launched_at, 1 AS part, ${instantKeySql('r.launched_at')} AS "launchedAt"
           FROM round r
          WHERE r.council_id = $1
            AND r.is_public
            AND r.status <> 'open'
            AND ($2::timestamptz IS NULL OR (r.launched_at, r.id) < ($2::timestamptz, $3::uuid))
          ORDER BY r.launched_at DESC, r.id DESC
          LIMIT $4)) shown
 ORDER BY part, launched_at DESC, id DESC`;

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

  /**
   * A page of the council's public rounds, or null when there is no council with that slug. The
   * same number of queries whatever the council's history; the cursor comes from `older`.
   */
  async read(slug: string, page: { cursor?: string } = {}): Promise<PublicStatusView | null> {
    if (!SLUG.test(slug) || slug.length > 100) return null;
    const after = cursorKeyOf(PUBLIC_ROUND_CURSOR, { limit: PUBLIC_CLOSED_ROUNDS_PER_PAGE, cursor: page.cursor });
    const now = this.clock.now();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const council = await manager.getRepository(CouncilEntity).findOne({ where: { slug } });
      if (!council) return null;
      const rows = await manager.query<Array<{ id: string; launchedAt: string; part: number }>>(PUBLIC_ROUNDS_SQL, [
        council.id,
        after?.[0] ?? null,
        after?.[1] ?? null,
        PUBLIC_CLOSED_ROUNDS_PER_PAGE + 1,
      ]);
      const open = rows.filter((row) => row.part === 0);
      const closed = pageOf(
        rows.filter((row) => row.part === 1),
        PUBLIC_CLOSED_ROUNDS_PER_PAGE,
        PUBLIC_ROUND_CURSOR,
        (row) => [row.launchedAt, row.id],
      );
      const rounds = await loadRoundViews(manager, [...open, ...closed.items].map((row) => row.id), now);
      return { council: { slug: council.slug, name: council.name }, rounds: rounds.map(publicRound), firstPage: !after, older: closed.next };
    });
  }
}

function publicRound(round: RoundView): PublicRoundView {
  const names = new Map(round.members.map((member) => [member.municipalityNumber, member.name]));
  return {
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
  };
}
