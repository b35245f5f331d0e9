/** How the HTTP layer should answer: bad input (422), a state that does not allow it (409), or not found (404). */
export type DomainErrorKind = 'invalid' | 'conflict' | 'not_found';

/** Every rule the domain can refuse, by stable code, with the kind of answer it deserves. */
export const DOMAIN_ERROR_KINDS = {
  'MONEY.INVALID_AMOUNT': 'invalid',
  'CALENDAR.INVALID_DATE': 'invalid',
  'CALENDAR.INVALID_INSTANT': 'invalid',
  'CALENDAR.INVALID_REMINDER_DAYS': 'invalid',
  'ALLOCATION.EMPTY_KEY': 'invalid',
  'ALLOCATION.INVALID_WEIGHT': 'invalid',
  'ALLOCATION.NEGATIVE_WEIGHT': 'invalid',
  'ALLOCATION.ALL_ZERO_WEIGHTS': 'invalid',
  'ALLOCATION.NOT_A_MEMBER': 'invalid',
  'ALLOCATION.MEMBER_MISSING': 'invalid',
  'ALLOCATION.NEGATIVE_TOTAL': 'invalid',
  'ALLOCATION.TOTAL_NOT_WHOLE_KRONER': 'invalid',
  'DECISION.BODY_NOT_ALLOWED': 'invalid',
  'DECISION.MEETING_DATE_IN_FUTURE': 'invalid',
  'DECISION.MEETING_DATE_NOT_IN_FUTURE': 'invalid',
  'DECISION.MEETING_DATE_BEFORE_LAUNCH': 'invalid',
  'DECISION.NEXT_MEETING_DATE_NOT_POSTPONED': 'invalid',
  'DECISION.MISSING_FIELD': 'invalid',
  'DECISION.INVALID_VOTES': 'invalid',
  'DECISION.REASON_REQUIRED': 'invalid',
  'DECISION.NOT_IN_ELECTORATE': 'invalid',
  'DECISION.DUPLICATE_MEMBER': 'invalid',
  'DECISION.TRANSITION_NOT_ALLOWED': 'conflict',
  'ROUND.EMPTY_ELECTORATE': 'invalid',
  'ROUND.DECISION_RULE_INVALID': 'invalid',
  'ROUND.REASON_REQUIRED': 'invalid',
  'ROUND.DEADLINE_IN_PAST': 'invalid',
  'ROUND.DEADLINE_NOT_LATER': 'invalid',
  'ROUND.NOT_OPEN': 'conflict',
  'ROUND.ALREADY_SETTLED': 'conflict',
  'ROUND.DEADLINE_NOT_PASSED': 'conflict',
  'ROUND.NO_AUTOMATIC_EXPIRY': 'conflict',
  'AGREEMENT.MINIMUM_CONTENT_MISSING': 'invalid',
  'MEMBERSHIP.INVALID_WITHDRAWAL_RULE': 'invalid',
  'MEMBERSHIP.LEAVES_BEFORE_JOINING': 'invalid',
  'MEMBERSHIP.ALREADY_ENDED': 'conflict',
  'MEMBERSHIP.MERGER_INVALID': 'invalid',
  'MEMBERSHIP.NOT_A_MEMBER': 'conflict',
  'ROUND.ELECTORATE_UP_TO_DATE': 'conflict',
} as const satisfies Record<string, DomainErrorKind>;

/** The stable code of a refused rule, e.g. `ROUND.ALREADY_SETTLED`; clients may rely on it. */
export type DomainErrorCode = keyof typeof DOMAIN_ERROR_KINDS;

/** A rule of the domain was broken: says which (code), why (message) and about what (details). */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly kind: DomainErrorKind;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.kind = DOMAIN_ERROR_KINDS[code];
  }
}
