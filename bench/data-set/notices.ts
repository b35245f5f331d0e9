import { NoticeContent, NoticeLanguage, renderNotice } from '@app/application';
import { daysFrom, osloInstant, reminderDays } from './days';
import { History, PlannedMember, PlannedRound, final, stateAt } from './history';
import { clerkOf, leaderOf } from './people';

/** A notification row as the worker's jobs would have written it. */
export interface PlannedNotice {
  key: string;
  userId: string;
  kind: NoticeContent['kind'];
  councilId: string;
  roundId: string;
  language: NoticeLanguage;
  subject: string;
  body: string;
  link: string;
  createdAt: number;
  readAt: number | null;
}

/** The people notices go to, by subject. */
export type UserIds = ReadonlyMap<string, string>;

// A job runs a moment after it is due.
const JOB_DELAY_MS = 2_000;

/**
 * The notices twenty years of rounds gave: reminders to the clerks of members still undecided on
 * each reminder day, overdue notices and escalations at the deadline, the outcome to the staff,
 * a veto to every member's clerks, and the coming into force to everyone in the round — with the
 * keys, recipients and texts of libs/application/src/jobs/round-jobs.handler.ts. Made round by
 * round as they are asked for. Rounds launched more than two years ago keep only the outcome
 * notices to their staff: the rest would be half a million rows the hot paths never read (the
 * reconciliation looks back 90 days, a person's notices newest first) and would double the build.
 */
export function* plannedNotices(history: History, users: UserIds, publicBaseUrl: string): Generator<PlannedNotice> {
  const languages = new Map(history.municipalities.map((m) => [m.number, m.language as NoticeLanguage]));
  for (const council of history.councils) {
    for (const round of council.rounds) yield* roundNotices(round, { now: history.now, users, languages, publicBaseUrl });
  }
}

interface NoticeContext {
  now: number;
  users: UserIds;
  languages: ReadonlyMap<string, NoticeLanguage>;
  publicBaseUrl: string;
}

// Rounds older than this keep only the outcome notices to their staff (see plannedNotices).
const FULL_NOTICES_FOR_MS = 2 * 365 * 86_400_000;

function roundNotices(round: PlannedRound, { now, users, languages, publicBaseUrl }: NoticeContext): PlannedNotice[] {
  const council = round.council;
  const notices: PlannedNotice[] = [];
  const recent = round.launchedAt > now - FULL_NOTICES_FOR_MS;
  const link = `/app/rounds/${round.id}`;
  const staff = [users.get(council.secretariat)!, users.get(leaderOf(council.slug))!];
  const clerk = (member: PlannedMember) => users.get(clerkOf(member.number))!;
  // Staff get the default written standard; a clerk their municipality's.
  const toStaff = (key: string, at: number, content: NoticeContent) => staff.forEach((person) => add(`${key}/${person}`, person, 'nb', at, content));
  const toClerk = (key: string, member: PlannedMember, at: number, content: NoticeContent) => add(`${key}/${clerk(member)}`, clerk(member), languages.get(member.number)!, at, content);
  const add = (key: string, userId: string, language: NoticeLanguage, at: number, content: NoticeContent) => {
    if (at > now) return;
    const text = renderNotice(content, language, { publicBaseUrl, link });
    // Most people read what they were told, within a few days.
    const readAt = now - at > 14 * 86_400_000 && hashOf(key) % 7 !== 0 ? at + (hashOf(key) % 72) * 3_600_000 : null;
    notices.push({ key, userId, kind: content.kind, councilId: council.id, roundId: round.id, language, ...text, link, createdAt: at, readAt });
  };
  const base = { roundTitle: round.title, councilName: council.name };
  const outcome = round.outcome;
  if (!recent) {
    if (outcome) toStaff(`settled/${round.id}`, outcome.settledAt + JOB_DELAY_MS, settledContent(round));
    return notices;
  }

  for (const { member, date, at } of remindersSent(round)) {
    const content: NoticeContent = { kind: 'reminder', ...base, municipalityName: member.name, deadline: round.deadline, daysLeft: daysFrom(date, round.deadline) };
    toClerk(`reminder/${round.id}/${member.number}/${date}`, member, at, content);
  }
  if (round.overdue) {
    const at = round.overdue.at + JOB_DELAY_MS;
    const overdue = round.members.filter((member) => round.overdue!.members.includes(member.number));
    for (const member of overdue) {
      toClerk(`overdue/${round.id}/${member.number}/${round.deadline}`, member, at, { kind: 'overdue', ...base, municipalityName: member.name, deadline: round.deadline, daysLate: 1 });
    }
    const overdueMembers = overdue.map((m) => `${m.name} (${m.number})`);
    // The deadline's jobs run the minute it ends: the day after.
    toStaff(`escalation/${round.id}/${round.deadline}`, at, { kind: 'escalation', ...base, deadline: round.deadline, overdueMembers, daysLate: 1 });
  }
  if (!outcome) return notices;
  const settledAt = outcome.settledAt + JOB_DELAY_MS;
  toStaff(`settled/${round.id}`, settledAt, settledContent(round));
  if (outcome.status === 'rejected') {
    const vetoMunicipalityName = decisiveName(round);
    for (const member of round.members) toClerk(`veto/${round.id}`, member, settledAt, { kind: 'veto', ...base, vetoMunicipalityName });
    return notices;
  }
  const inForceFrom = round.inForceFrom!;
  const at = Math.max(settledAt, osloInstant(inForceFrom, 0) + JOB_DELAY_MS);
  const content: NoticeContent = { kind: 'in_force', ...base, inForceFrom };
  toStaff(`in-force/${round.id}`, at, content);
  for (const member of round.members) toClerk(`in-force/${round.id}`, member, at, content);
  return notices;
}

function settledContent(round: PlannedRound): NoticeContent {
  return { kind: 'settled', roundTitle: round.title, councilName: round.council.name, outcome: round.outcome!.status, decisiveMunicipalityName: decisiveName(round) };
}

function decisiveName(round: PlannedRound): string {
  return round.members.find((m) => m.number === round.outcome!.decisive)!.name;
}

/**
 * The reminders the round's jobs sent: on each planned day from the launch on, at 08:00, to each
 * member still undecided then whose plan (the deadline, or a postponed case's next meeting, as
 * memberReminderDates has it) holds that day.
 */
function remindersSent(round: PlannedRound): Array<{ member: PlannedMember; date: string; at: number }> {
  const sent: Array<{ member: PlannedMember; date: string; at: number }> = [];
  const closedAt = round.closedAt ?? Infinity;
  for (const member of round.members) {
    const decidedAt = final(member)?.at ?? Infinity;
    const targets = new Set([round.deadline, ...member.registrations.flatMap((r) => (r.state.nextMeetingDate && r.state.nextMeetingDate < round.deadline ? [r.state.nextMeetingDate] : []))]);
    for (const target of targets) {
      for (const date of reminderDays(target, round.reminderDaysBefore)) {
        // 08:00 in Oslo, as reminderSendAt has it: reminder days are working days, never a day the clock changes.
        const due = Math.max(osloInstant(date, 8 * 60), round.launchedAt) + JOB_DELAY_MS;
        if (date < round.launchDay || due >= closedAt || due >= decidedAt) continue;
        const state = stateAt(member, due);
        const planned = state.status === 'postponed' && state.nextMeetingDate && state.nextMeetingDate < round.deadline ? state.nextMeetingDate : round.deadline;
        if (planned === target) sent.push({ member, date, at: due });
      }
    }
  }
  return sent;
}

function hashOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) >>> 0;
  return hash;
}
