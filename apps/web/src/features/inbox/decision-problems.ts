import { ApiProblem, FieldProblem } from '../../api/client';
import { inboxMessages } from './inbox.messages';

type Key = keyof (typeof inboxMessages)['nb'];

/** The fields of the decision form a problem can point at, by the api's name for them. */
export const FORM_FIELDS = [
  'decision',
  'meetingDate',
  'nextMeetingDate',
  'body',
  'caseNumber',
  'protocolRef',
  'votes',
  'votes.for',
  'votes.against',
  'votes.blank',
  'note',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export function isFormField(field: string): field is FormField {
  return (FORM_FIELDS as readonly string[]).includes(field);
}

// The api's rules answer in English with a stable problem type; the person reads their own language.
const BY_TYPE: Record<string, Partial<Record<FormField, Key>>> = {
  '/problems/decision-meeting-date-in-future': { meetingDate: 'errorMeetingInFuture' },
  '/problems/decision-meeting-date-not-in-future': { meetingDate: 'errorMeetingNotInFuture', nextMeetingDate: 'errorNextMeetingNotInFuture' },
  '/problems/decision-missing-field': { caseNumber: 'errorCaseNumber', protocolRef: 'errorProtocolRef' },
  '/problems/decision-body-not-allowed': { body: 'errorBody' },
  '/problems/decision-invalid-votes': { votes: 'errorVotes' },
};

// Malformed input (400) is named by field only; its message is class-validator's.
const MALFORMED: Partial<Record<FormField, Key>> = {
  decision: 'errorDecision',
  meetingDate: 'errorDate',
  nextMeetingDate: 'errorDate',
  body: 'errorBody',
  caseNumber: 'errorTooLong',
  protocolRef: 'errorTooLong',
  note: 'errorTooLong',
  votes: 'errorVotes',
  'votes.for': 'errorVotesFor',
  'votes.against': 'errorVotesAgainst',
  'votes.blank': 'errorVotesBlank',
};

/** A field's problem in the person's language where the form knows it, else as the api said it. */
export function fieldMessage(problem: ApiProblem, error: FieldProblem, t: (key: Key) => string): string {
  if (!isFormField(error.field)) return error.message;
  const key = problem.status === 400 ? MALFORMED[error.field] : BY_TYPE[problem.type]?.[error.field];
  return key ? t(key) : error.message;
}
