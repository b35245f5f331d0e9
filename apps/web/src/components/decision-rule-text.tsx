import type { Schemas } from '../api/client';
import { decisionRuleMessages } from '../i18n/decision-rule.messages';
import { useLanguage, useMessages } from '../i18n/i18n';

export type DecisionRule = Schemas['DecisionRuleResponse'];

/** "2/3" as whole numbers; null for anything that is not a plain fraction. */
function fractionOf(atLeast: string | undefined): { p: bigint; q: bigint } | null {
  const match = /^([1-9]\d{0,2})\/([1-9]\d{0,2})$/.exec(atLeast ?? '');
  return match ? { p: BigInt(match[1]), q: BigInt(match[2]) } : null;
}

/** How many of `total` members must adopt under the rule: all of them, or the count that reaches the fraction (rounded up). */
export function membersNeeded(rule: DecisionRule, total: number): number | null {
  if (rule.kind === 'unanimity') return total;
  const fraction = fractionOf(rule.atLeast);
  if (rule.by !== 'count' || !fraction) return null;
  // Integers only, as the api counts: adopted × q ≥ p × total.
  return Number((fraction.p * BigInt(total) + fraction.q - 1n) / fraction.q);
}

// Weights are exact decimals ("3320454", "12.5"): scaled to whole numbers so the share is not a float's guess.
function scaled(weights: readonly string[]): bigint[] | null {
  if (weights.some((weight) => !/^\d+(\.\d+)?$/.test(weight))) return null;
  const scale = Math.max(0, ...weights.map((weight) => weight.split('.')[1]?.length ?? 0));
  return weights.map((weight) => {
    const [whole, fraction = ''] = weight.split('.');
    return BigInt(whole + fraction.padEnd(scale, '0'));
  });
}

/** The share of the weights held by the members that adopted, in tenths of a percent rounded down; null without weights. */
export function adoptedWeightPermille(lines: ReadonlyArray<{ weight: string; adopted: boolean }>): number | null {
  const weights = scaled(lines.map((line) => line.weight));
  if (!weights) return null;
  const total = weights.reduce((sum, weight) => sum + weight, 0n);
  if (total === 0n) return null;
  const adopted = weights.filter((_, index) => lines[index].adopted).reduce((sum, weight) => sum + weight, 0n);
  return Number((adopted * 1000n) / total);
}

/** The rule in words. */
export function useDecisionRuleWords(): (rule: DecisionRule) => string {
  const t = useMessages(decisionRuleMessages);
  return (rule) =>
    rule.kind === 'unanimity' ? t('unanimity') : t(rule.by === 'weight' ? 'majorityWeight' : 'majorityCount', { fraction: rule.atLeast ?? '' });
}

/**
 * A round's decision rule in words, and what it means for the round where the figures are at hand:
 * how many of the members must adopt, or what share of the weights those who adopted hold.
 */
export function DecisionRuleText({
  rule,
  members,
  weights,
  meaningClassName,
}: {
  rule: DecisionRule;
  /** The round's electorate. */
  members: number;
  /** For a majority by weight: each member's weight in the round's cost key, and whether it has adopted. */
  weights?: ReadonlyArray<{ weight: string; adopted: boolean }>;
  meaningClassName?: string;
}) {
  const t = useMessages(decisionRuleMessages);
  const { language } = useLanguage();
  const words = useDecisionRuleWords();
  const needed = membersNeeded(rule, members);
  const permille = rule.kind === 'qualified_majority' && rule.by === 'weight' && weights ? adoptedWeightPermille(weights) : null;
  const meaning =
    rule.kind === 'unanimity'
      ? t('neededAll', { total: members })
      : needed !== null
        ? t('neededCount', { needed, total: members })
        : permille !== null
          ? t('weightAdopted', { share: `${Math.floor(permille / 10)}${language === 'en' ? '.' : ','}${permille % 10}` })
          : null;
  return (
    <>
      <span data-decision-rule={rule.kind === 'unanimity' ? 'unanimity' : `${rule.by}-${rule.atLeast}`}>{words(rule)}</span>
      {meaning && <span className={meaningClassName}>{meaning}</span>}
    </>
  );
}
