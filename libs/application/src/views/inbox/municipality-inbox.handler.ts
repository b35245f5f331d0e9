import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUndecided } from '@app/domain';
import { Actor } from '@app/identity';
import { RoundEntity, RoundMemberEntity } from '@app/persistence';
import { ApplicationError } from '../../application-error';
import { DecisionView, SubjectView, decisionView, memberEtag } from '../../rounds/round.view';
import { Clock } from '../../time/clock';
import { DeadlinesAt } from '../deadlines-at';
import { subjectOf } from '../round-rows.query';
import { InboxRoundRow, readMunicipalityInboxRows } from './municipality-inbox.query';

/** How many decided rounds the inbox looks back on. */
export const DECIDED_LIMIT = 10;

/** What the clerk is asked to do about a round. */
export type InboxAction = 'register' | 'none';

/** One open round the municipality is in, and where its kommunestyre stands in it. */
export interface InboxItemView {
  round: {
    id: string;
    title: string;
    council: { slug: string; name: string };
    deadline: string;
    daysToDeadline: number;
    subject: SubjectView;
  };
  member: {
    status: RoundMemberEntity['status'];
    overdue: boolean;
    decision: DecisionView | null;
    /** The If-Match for the next PUT of this member's decision. */
    etag: string;
  };
  /** `register` while the kommunestyre has not decided (pending, scheduled or postponed). */
  action: InboxAction;
}

/** A round the municipality's kommunestyre has decided. */
export interface DecidedRoundView {
  round: { id: string; title: string; council: { slug: string; name: string }; status: RoundEntity['status'] };
  member: { status: RoundMemberEntity['status']; meetingDate: string | null };
}

/** `GET /api/municipalities/{municipalityNumber}/inbox` */
export interface MunicipalityInboxView {
  municipality: { number: string; name: string };
  asOf: string;
  items: InboxItemView[];
  decided: DecidedRoundView[];
}

/**
 * What awaits a kommunestyre across every council its municipality is in, for that
 * municipality's clerks. One snapshot and one round trip, however many rounds.
 */
@Injectable()
export class MunicipalityInboxHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async read(actor: Actor, municipalityNumber: string): Promise<MunicipalityInboxView> {
    // Only its own clerks (and the admin) learn whether a municipality is known here at all.
    const notFound = () =>
      ApplicationError.notFound('MUNICIPALITY.NOT_FOUND', `There is no municipality ${municipalityNumber} whose inbox you can see.`, { municipalityNumber });
    if (!actor.isAdmin() && !actor.isClerkOf(municipalityNumber)) throw notFound();
    const now = this.clock.now();
    const rows = await readMunicipalityInboxRows(this.dataSource, municipalityNumber, DECIDED_LIMIT);
    if (!rows) throw notFound();
    const own = new Map(rows.ownMembers.map((member) => [member.roundId, member]));
    const deadlines = new DeadlinesAt(now);
    const items = rows.openRounds.flatMap((round) => {
      const member = own.get(round.id);
      return member ? [inboxItem(round, member, deadlines)] : [];
    });
    items.sort(byUrgency);
    return {
      municipality: { number: rows.municipality.number, name: rows.municipality.name },
      asOf: now.toISOString(),
      items,
      decided: rows.decided.map((row) => ({
        round: { id: row.id, title: row.title, council: { slug: row.councilSlug, name: row.councilName }, status: row.status },
        member: { status: row.memberStatus, meetingDate: row.meetingDate },
      })),
    };
  }
}

function inboxItem(round: InboxRoundRow, member: RoundMemberEntity, deadlines: DeadlinesAt): InboxItemView {
  return {
    round: {
      id: round.id,
      title: round.title,
      council: { slug: round.councilSlug, name: round.councilName },
      deadline: round.deadline,
      daysToDeadline: deadlines.daysTo(round.deadline),
      subject: subjectOf(round),
    },
    member: { status: member.status, overdue: deadlines.isOverdue(member, round.deadline), decision: decisionView(member), etag: memberEtag(round.id, member) },
    action: isUndecided(member.status) ? 'register' : 'none',
  };
}

/** Most urgent first: what still awaits the kommunestyre, then the nearest deadline, then by council and round. */
function byUrgency(a: InboxItemView, b: InboxItemView): number {
  return (
    Number(b.action === 'register') - Number(a.action === 'register') ||
    a.round.deadline.localeCompare(b.round.deadline) ||
    a.round.council.slug.localeCompare(b.round.council.slug) ||
    a.round.id.localeCompare(b.round.id)
  );
}
