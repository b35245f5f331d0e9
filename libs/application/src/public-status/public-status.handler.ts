import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DecisionRule } from '@app/domain';
import { RoundEntity, RoundMemberEntity, readInOneTrip } from '@app/persistence';
import { cursorKeyOf, pageOf } from '../paging/page';
import { PageCursor, instantKeySql } from '../paging/page-cursor';
import { AllocationRow, OutcomeRow, RoundViewRow, roundViewRowsOf, roundViewStatements, selectedRoundIds } from '../rounds/round-views.query';
import { allocationView, eachRoundOf, outcomeView, subjectView } from '../rounds/round.view';

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
  /** How it is decided: part of what the kommunestyrer were asked, so part of the public record. */
  decisionRule: DecisionRule;
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

/** $1 council slug. The council by its slug. */
export const PUBLIC_COUNCIL_SQL = `SELECT c.slug, c.name FROM council c WHERE c.slug = $1`;

/**
 * $1 council slug, $2 and $3 the cursor's launch instant and round id or null, $4 how many closed.
 * The open public rounds (first page only, as many as are open) and a keyset page of the closed
 * ones, both newest launch first, in one statement.
 */
export const PUBLIC_ROUNDS_SQL = `
SELECT id, "launchedAt", part
  FROM ((SELECT r.id, r.launched_at, 0 AS part, ${instantKeySql('r.launched_at')} AS "launchedAt"
           FROM round r
          WHERE r.council_id = (SELECT c.id FROM council c WHERE c.slug = $1)
            AND r.is_public
            AND r.status = 'open'
            AND $2::timestamptz IS NULL)
        UNION ALL
        (SELECT r.id, r.launched_at, 1 AS part, ${instantKeySql('r.launched_at')} AS "launchedAt"
           FROM round r
          WHERE r.council_id = (SELECT c.id FROM council c WHERE c.slug = $1)
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
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A page of the council's public rounds, or null when there is no council with that slug. One
   * trip whatever the council's history: the council, the page, and the four statements of the
   * rounds' views, each taking the page's rounds in SQL; the cursor comes from `older`.
   */
  async read(slug: string, page: { cursor?: string } = {}): Promise<PublicStatusView | null> {
    if (!SLUG.test(slug) || slug.length > 100) return null;
    const after = cursorKeyOf(PUBLIC_ROUND_CURSOR, { limit: PUBLIC_CLOSED_ROUNDS_PER_PAGE, cursor: page.cursor });
    const pageOfRounds = (closed: number) => [slug, after?.[0] ?? null, after?.[1] ?? null, closed];
    const [councils, rows, ...views] = await readInOneTrip(this.dataSource, [
      { sql: PUBLIC_COUNCIL_SQL, parameters: [slug] },
      // One more closed round than is shown tells whether there are older ones.
      { sql: PUBLIC_ROUNDS_SQL, parameters: pageOfRounds(PUBLIC_CLOSED_ROUNDS_PER_PAGE + 1) },
      ...roundViewStatements(selectedRoundIds(PUBLIC_ROUNDS_SQL, pageOfRounds(PUBLIC_CLOSED_ROUNDS_PER_PAGE))),
    ]);
    const [council] = councils as Array<{ slug: string; name: string }>;
    if (!council) return null;
    const shown = rows as Array<{ id: string; launchedAt: string; part: number }>;
    const open = shown.filter((row) => row.part === 0);
    const closed = pageOf(
      shown.filter((row) => row.part === 1),
      PUBLIC_CLOSED_ROUNDS_PER_PAGE,
      PUBLIC_ROUND_CURSOR,
      (row) => [row.launchedAt, row.id],
    );
    const rounds = eachRoundOf(roundViewRowsOf(views), [...open, ...closed.items].map((row) => row.id), publicRound);
    return { council: { slug: council.slug, name: council.name }, rounds, firstPage: !after, older: closed.next };
  }
}

/** A public round straight from its rows: what the public records show of it, and nothing the page would leave out. */
function publicRound(round: RoundViewRow, members: readonly RoundMemberEntity[], outcome: OutcomeRow | null, lines: readonly AllocationRow[]): PublicRoundView {
  const subject = subjectView(round);
  const names = new Map(members.map((member) => [member.municipalityNumber, member.name]));
  const settled = outcomeView(outcome);
  return {
    title: round.title,
    status: round.status,
    deadline: round.deadline,
    subject:
      subject.type === 'agreement'
        ? { type: 'agreement', versionTitle: subject.versionTitle, effectiveFrom: subject.effectiveFrom }
        : { type: 'fees', total: subject.total, effectiveFrom: subject.effectiveFrom },
    decisionRule: round.decisionRule,
    progress: { adopted: members.filter((member) => member.status === 'adopted').length, total: members.length },
    outcome: settled && { status: settled.status, settledAt: settled.settledAt },
    // A member's references are its decision's: none while nothing is registered (revision 0).
    members: members.map((member) => ({
      municipalityNumber: member.municipalityNumber,
      name: member.name,
      status: member.status,
      meetingDate: member.revision === 0 ? null : member.meetingDate,
      caseNumber: member.revision === 0 ? null : member.caseNumber,
      protocolRef: member.revision === 0 ? null : member.protocolRef,
    })),
    allocation:
      allocationView(round, lines)?.map((line) => ({
        municipalityNumber: line.municipalityNumber,
        name: names.get(line.municipalityNumber) ?? line.municipalityNumber,
        currentFee: line.currentFee,
        newFee: line.newFee,
        change: line.change,
      })) ?? null,
  };
}
