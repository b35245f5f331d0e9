import { DecisionRule, DomainError, UNANIMITY, decideOutcome, parseDecisionRule, unanimityRequiredFor } from '@app/domain';
import { ApplicationError } from '../../application-error';

/** What the launch knows of its subject when it chooses the rule. */
export type RuleSubject =
  | { type: 'agreement' }
  | { type: 'fees'; raisesAnyFee: boolean; costKey: string; weights: Readonly<Record<string, string>> };

/**
 * The rule a round is launched with (unanimity when none is given), refused when the subject needs
 * unanimity (an agreement version, or fees that raise any member's fee), and for a majority by
 * weight the members' weights in the round's cost key, to be frozen with the round.
 */
export function launchDecisionRule(
  requested: Record<string, unknown> | undefined,
  subject: RuleSubject,
  electorate: readonly string[],
): { rule: DecisionRule; weights: Record<string, string> | null } {
  const given = requested && Object.fromEntries(Object.entries(requested).filter(([, value]) => value !== undefined));
  const rule = given ? parseDecisionRule(given) : UNANIMITY;
  if (rule.kind === 'unanimity') return { rule, weights: null };
  if (unanimityRequiredFor(subject.type === 'agreement' ? { type: 'agreement' } : { type: 'fees', raisesAnyFee: subject.raisesAnyFee })) {
    throw ApplicationError.invalid(
      'ROUND.UNANIMITY_REQUIRED',
      subject.type === 'agreement'
        ? 'An agreement version is adopted by every member (unanimity with veto); it cannot be put to a qualified majority.'
        : "This fee change raises at least one member's fee, and a raise needs every member's consent (unanimity with veto); " +
          'it cannot be put to a qualified majority.',
      { field: 'decisionRule' },
    );
  }
  if (rule.by === 'count' || subject.type !== 'fees') return { rule, weights: null };
  const weights = Object.fromEntries(electorate.filter((member) => Object.hasOwn(subject.weights, member)).map((member) => [member, subject.weights[member]]));
  try {
    // Nobody has decided yet: this only checks that the weights can carry the rule (one for every member, not all zero).
    decideOutcome({ rule, electorate, decisions: [], weights });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw ApplicationError.invalid(
      'ROUND.WEIGHTS_INCOMPLETE',
      `A qualified majority by weight counts the members' weights in the cost key "${subject.costKey}": ${error.message}`,
      { field: 'decisionRule', costKey: subject.costKey, municipalityNumbers: error.details?.municipalityNumbers },
    );
  }
  return { rule, weights };
}
