import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { formatInstant } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { statusMessages } from '../../i18n/status.messages';
import { roundMessages } from './round.messages';
import { Round } from './round.queries';

type ElectorateChange = Round['electorateChanges'][number];

const MEMBER_STATUSES = ['pending', 'scheduled', 'adopted', 'rejected', 'adopted_with_amendments', 'postponed'] as const;

/**
 * How the round's electorate was amended after members left or merged: each amendment with its
 * reason and when, and who was taken out, brought in or must decide anew.
 */
export function ElectorateChanges({ round }: { round: Round }) {
  const t = useMessages(roundMessages);
  const status = useMessages(statusMessages);
  const { language } = useLanguage();
  if (round.electorateChanges.length === 0) return null;

  const amendments: Array<{ at: string; by: string; reason: string; changes: ElectorateChange[] }> = [];
  for (const change of round.electorateChanges) {
    const last = amendments.at(-1);
    if (last && last.at === change.at) last.changes.push(change);
    else amendments.push({ at: change.at, by: change.by, reason: change.reason, changes: [change] });
  }
  const statusLabel = (value: string) => {
    const known = MEMBER_STATUSES.find((key) => key === value);
    return (known ? status(known) : value).toLocaleLowerCase(language);
  };
  const successorName = (number: string) => {
    const member = round.members.find((candidate) => candidate.municipalityNumber === number);
    return member ? `${member.name} (${number})` : number;
  };
  const line = (change: ElectorateChange) => {
    const who = { member: change.name, number: change.municipalityNumber };
    if (change.change === 'added') return t('electorateAdded', who);
    if (change.change === 'decides_anew') return t('electorateDecidesAnew', who);
    return change.successor
      ? t('electorateRemovedMerged', { ...who, successor: successorName(change.successor), status: statusLabel(change.status) })
      : t('electorateRemoved', { ...who, status: statusLabel(change.status) });
  };

  return (
    <section aria-labelledby="round-electorate-heading" className="stack">
      <Heading level={2} data-size="sm" id="round-electorate-heading">
        {t('electorateHeading')}
      </Heading>
      <ol className="stack electorate-changes">
        {amendments.map((amendment) => (
          <li key={amendment.at} className="stack">
            <Paragraph data-size="sm">
              <time dateTime={amendment.at}>{t('electorateAmendedAt', { when: formatInstant(amendment.at, language), actor: amendment.by })}</time>
            </Paragraph>
            <Paragraph>{t('electorateReason', { reason: amendment.reason })}</Paragraph>
            <ul>
              {amendment.changes.map((change) => (
                <li key={`${change.change}-${change.municipalityNumber}`}>{line(change)}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
