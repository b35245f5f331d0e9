/**
 * The SQL conditions of a membership on a day, for a membership table alias and a date parameter. A membership
 * covers the days from `joined_on` to `left_on`, both included (`left_on` null while open-ended); a notice of
 * withdrawal or a merger recorded ahead sets `left_on` in the future, and the member stays a member until then.
 */
export const MEMBER_ON = (alias: string, day: string): string =>
  `(${alias}.joined_on <= ${day} AND (${alias}.left_on IS NULL OR ${alias}.left_on >= ${day}))`;

/** A membership not ended by the day: a member now, or one that is to join. Its clerks see the council. */
export const NOT_ENDED_ON = (alias: string, day: string): string => `(${alias}.left_on IS NULL OR ${alias}.left_on >= ${day})`;
