import type { Schemas } from '../../api/client';

export type RoundKind = 'fees' | 'agreement';
export type RoundTo = 'ore' | 'krone';
/** How a fee round is decided: unanimity with veto, or a qualified majority of the members or of their weights. */
export type RuleChoice = 'unanimity' | 'count' | 'weight';
/** The shares a qualified majority may take here: more than half, as a qualified majority is. */
export const MAJORITY_FRACTIONS = ['2/3', '3/4'] as const;
export type MajorityFraction = (typeof MAJORITY_FRACTIONS)[number];

/** What the secretariat has typed so far, as kept in the draft (strings as typed). */
export interface LaunchDraft {
  kind: RoundKind;
  title: string;
  deadline: string;
  reminderDays: string;
  isPublic: boolean;
  expiresAutomatically: boolean;
  total: string;
  costKey: string;
  effectiveFrom: string;
  roundTo: RoundTo;
  rule: RuleChoice;
  atLeast: MajorityFraction;
  versionId: string;
}

export const EMPTY_DRAFT: LaunchDraft = {
  kind: 'fees',
  title: '',
  deadline: '',
  reminderDays: '14, 7, 1',
  isPublic: false,
  expiresAutomatically: false,
  total: '',
  costKey: '',
  effectiveFrom: '',
  roundTo: 'ore',
  rule: 'unanimity',
  atLeast: '2/3',
  versionId: '',
};

/** The launch request's fields, named as the api names them in `errors[].field`. */
export type LaunchField =
  | 'subject.total'
  | 'subject.costKey'
  | 'subject.effectiveFrom'
  | 'subject.roundTo'
  | 'subject.versionId'
  | 'decisionRule'
  | 'deadline'
  | 'reminderDaysBefore'
  | 'title';

/** A problem found before sending: a message key of the launch messages and its values. */
export interface DraftProblem {
  key: 'totalRequired' | 'totalInvalid' | 'totalTooLarge' | 'costKeyRequired' | 'dateRequired' | 'versionRequired' | 'versionIncomplete' | 'versionAdopted' | 'deadlineRequired' | 'remindersInvalid' | 'titleTooLong';
  values?: Record<string, string>;
}

// Whitespace people type or paste as a thousands separator: space, no-break space, narrow no-break space, thin space.
const GROUP_SPACES = /[\u0020\u00a0\u202f\u2009]+/g;
const AMOUNT = /^(\d{1,3}(?: \d{3})+|\d+)(?:[,.](\d{1,2}))?$/;
// The api refuses amounts of NOK 10^15 or more.
const MAX_WHOLE_DIGITS = 15;
export const MAX_TITLE_LENGTH = 200;
const MAX_REMINDERS = 10;
const MAX_REMINDER_DAYS = 365;

export type ParsedTotal = { ok: true; value: string } | { ok: false; reason: 'empty' | 'invalid' | 'tooLarge' };

/**
 * "10 000 000", "10000000" or "10 000 000,00" as the api's decimal string "10000000.00", read
 * digit by digit: a float would lose øre on a large total.
 */
export function parseTotal(input: string): ParsedTotal {
  const text = input.trim().replace(GROUP_SPACES, ' ');
  if (text === '') return { ok: false, reason: 'empty' };
  const match = AMOUNT.exec(text);
  if (!match) return { ok: false, reason: 'invalid' };
  const whole = match[1].replace(/ /g, '').replace(/^0+(?=\d)/, '');
  if (whole.length > MAX_WHOLE_DIGITS) return { ok: false, reason: 'tooLarge' };
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return { ok: true, value: `${whole}.${fraction}` };
}

/** "14, 7, 1" as [14, 7, 1]; an empty field means no reminders. */
export function parseReminderDays(input: string): number[] | null {
  const parts = input.split(/[\s,;]+/).filter((part) => part !== '');
  if (parts.length > MAX_REMINDERS || parts.some((part) => !/^\d{1,3}$/.test(part))) return null;
  const days = parts.map(Number);
  if (days.some((day) => day > MAX_REMINDER_DAYS)) return null;
  return [...new Set(days)].sort((a, b) => b - a);
}

export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export interface DraftContext {
  versions: readonly Schemas['AgreementVersionResponse'][];
  /** The cost key the form shows as chosen (the first key when none is chosen yet). */
  costKey: string;
}

export interface CheckedDraft {
  problems: Partial<Record<LaunchField, DraftProblem>>;
  /** The request to send, when nothing is wrong. */
  request: Schemas['LaunchRoundDto'] | null;
}

/** Checks the draft as far as the page can, and builds the request the api takes. */
export function checkDraft(draft: LaunchDraft, context: DraftContext): CheckedDraft {
  const problems: Partial<Record<LaunchField, DraftProblem>> = {};
  let subject: Schemas['RoundSubjectDto'] | null = null;

  if (draft.kind === 'fees') {
    const total = parseTotal(draft.total);
    if (!total.ok) {
      problems['subject.total'] = { key: total.reason === 'empty' ? 'totalRequired' : total.reason === 'tooLarge' ? 'totalTooLarge' : 'totalInvalid' };
    }
    if (!context.costKey) problems['subject.costKey'] = { key: 'costKeyRequired' };
    if (!isCalendarDate(draft.effectiveFrom)) problems['subject.effectiveFrom'] = { key: 'dateRequired' };
    if (total.ok && context.costKey && isCalendarDate(draft.effectiveFrom)) {
      subject = { type: 'fees', total: total.value, costKey: context.costKey, effectiveFrom: draft.effectiveFrom, roundTo: draft.roundTo };
    }
  } else {
    const version = context.versions.find((candidate) => candidate.id === draft.versionId);
    if (!version) {
      problems['subject.versionId'] = { key: 'versionRequired' };
    } else if (version.missingMinimumContent.length > 0) {
      problems['subject.versionId'] = { key: 'versionIncomplete', values: { letters: version.missingMinimumContent.join(', ') } };
    } else if (version.adoption !== null) {
      problems['subject.versionId'] = { key: 'versionAdopted' };
    } else {
      // The api ignores the rounding of an agreement; the generated type asks for one all the same.
      subject = { type: 'agreement', versionId: version.id, roundTo: 'ore' };
    }
  }

  if (!isCalendarDate(draft.deadline)) problems.deadline = { key: 'deadlineRequired' };
  const reminderDaysBefore = parseReminderDays(draft.reminderDays);
  if (!reminderDaysBefore) problems.reminderDaysBefore = { key: 'remindersInvalid', values: { max: String(MAX_REMINDER_DAYS) } };
  const title = draft.title.trim();
  if (title.length > MAX_TITLE_LENGTH) problems.title = { key: 'titleTooLong', values: { max: String(MAX_TITLE_LENGTH) } };

  const decisionRule = draft.kind === 'fees' ? decisionRuleOf(draft) : undefined;
  const request: Schemas['LaunchRoundDto'] | null =
    subject && reminderDaysBefore && Object.keys(problems).length === 0
      ? {
          subject,
          deadline: draft.deadline,
          reminderDaysBefore,
          ...(decisionRule ? { decisionRule } : {}),
          ...(title ? { title } : {}),
          public: draft.isPublic,
          expiresAutomatically: draft.expiresAutomatically,
        }
      : null;
  return { problems, request };
}

/**
 * The rule a fee round is launched with; none (the api's unanimity) when unanimity is chosen. An
 * agreement version always needs unanimity, so its rounds never send one.
 */
export function decisionRuleOf(draft: Pick<LaunchDraft, 'rule' | 'atLeast'>): Schemas['DecisionRuleDto'] | undefined {
  if (draft.rule !== 'count' && draft.rule !== 'weight') return undefined;
  // A draft kept from an older form may hold a share this form no longer offers.
  const atLeast = MAJORITY_FRACTIONS.includes(draft.atLeast) ? draft.atLeast : MAJORITY_FRACTIONS[0];
  return { kind: 'qualified_majority', by: draft.rule, atLeast };
}
