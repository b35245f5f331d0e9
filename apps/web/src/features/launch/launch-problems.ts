import { ApiProblem } from '../../api/client';
import { launchMessages } from './launch.messages';

type LaunchMessageKey = keyof (typeof launchMessages)['nb'];
type Translate = (key: LaunchMessageKey, values?: Record<string, string | number>) => string;

// The api words its refusals in English; the ones a secretariat meets here are said in their language.
const KNOWN_PROBLEMS: Record<string, LaunchMessageKey> = {
  '/problems/cost-key-not-found': 'problemCostKeyNotFound',
  '/problems/cost-key-out-of-date': 'problemCostKeyOutOfDate',
  '/problems/allocation-total-not-whole-kroner': 'problemTotalNotWholeKroner',
  '/problems/allocation-negative-total': 'totalInvalid',
  '/problems/money-invalid-amount': 'totalInvalid',
  '/problems/round-deadline-in-past': 'problemDeadlineInPast',
  '/problems/fees-effective-date-taken': 'problemEffectiveDateTaken',
  '/problems/agreement-minimum-content-missing': 'problemMinimumContentMissing',
  '/problems/agreement-version-already-adopted': 'versionAdopted',
  '/problems/agreement-version-not-found': 'problemVersionNotFound',
  '/problems/round-already-open-for-subject': 'problemAlreadyOpen',
  '/problems/calendar-invalid-reminder-days': 'remindersInvalid',
  '/problems/round-empty-electorate': 'problemNoMembers',
  '/problems/round-unanimity-required': 'problemUnanimityRequired',
  '/problems/round-weights-incomplete': 'problemWeightsIncomplete',
  '/problems/round-decision-rule-invalid': 'problemRuleInvalid',
};

/** The problem in the person's language when it is one the page knows, else as the api wrote it. */
export function problemText(problem: ApiProblem, t: Translate, values: Record<string, string | number> = {}): string {
  const known = KNOWN_PROBLEMS[problem.type];
  if (known) return t(known, { max: 365, ...values });
  if (problem.status === 403) return t('problemForbidden');
  return problem.detail || problem.title;
}

/** What the api said about one field, if anything: a coded refusal in the person's language, a validation message as written. */
export function problemForField(
  problem: unknown,
  field: string,
  t: Translate,
  values: Record<string, string | number> = {},
): string | undefined {
  if (!(problem instanceof ApiProblem)) return undefined;
  const message = problem.forField(field);
  if (message === undefined) return undefined;
  return KNOWN_PROBLEMS[problem.type] ? problemText(problem, t, values) : message;
}
