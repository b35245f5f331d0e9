import { Card, Heading, Paragraph, Spinner, Switch, Tag } from '@digdir/designsystemet-react';
import { Fragment, useState } from 'react';
import { ProblemAlert } from '../../components/query-state';
import { commonMessages } from '../../i18n/common.messages';
import { useMessages } from '../../i18n/i18n';
import { roundMessages } from './round.messages';
import { AgreementChanges as Changes, Round, SectionChange, useAgreementChanges } from './round.queries';

const TAG_COLOR: Record<SectionChange['change'], 'success' | 'danger' | 'info' | 'neutral'> = {
  added: 'success',
  removed: 'danger',
  changed: 'info',
  same: 'neutral',
};

/**
 * "What changes if the kommunestyre adopts", for an agreement round: the version's sections that
 * are new, taken out or changed against the agreement in force today, the changed words marked;
 * the unchanged sections counted, and shown on request. Everyone who sees the round sees it: the
 * clerks write their kommunestyre's case from it.
 */
export function AgreementChanges({ round }: { round: Round }) {
  const { subject } = round;
  if (subject.type !== 'agreement' || !subject.versionId) return null;
  return <AgreementChangesSection round={round} versionId={subject.versionId} />;
}

function AgreementChangesSection({ round, versionId }: { round: Round; versionId: string }) {
  const t = useMessages(roundMessages);
  const common = useMessages(commonMessages);
  const changes = useAgreementChanges(round, versionId);
  return (
    <section aria-labelledby="round-changes-heading" className="stack">
      <Heading level={2} data-size="sm" id="round-changes-heading">
        {t('changesHeading')}
      </Heading>
      {changes.isPending ? (
        <Spinner aria-label={common('loading')} data-size="md" />
      ) : changes.isError ? (
        <ProblemAlert error={changes.error} onRetry={() => void changes.refetch()} />
      ) : (
        <ChangedSections changes={changes.data} versionId={versionId} />
      )}
    </section>
  );
}

function ChangedSections({ changes, versionId }: { changes: Changes; versionId: string }) {
  const t = useMessages(roundMessages);
  const [showAll, setShowAll] = useState(false);
  const unchanged = changes.sections.filter((section) => section.change === 'same').length;
  const shown = showAll ? changes.sections : changes.sections.filter((section) => section.change !== 'same');
  const lead =
    changes.against === null
      ? t('changesFirstVersion')
      : changes.against === versionId
        ? t('changesInForce')
        : unchanged === changes.sections.length
          ? t('changesNone')
          : t('changesLead');
  return (
    <>
      <Paragraph>{lead}</Paragraph>
      {shown.length > 0 && (
        <ul className="agreement-changes">
          {shown.map((section) => (
            <li key={section.ref}>
              <ChangedSection section={section} />
            </li>
          ))}
        </ul>
      )}
      {unchanged > 0 && (
        <div className="row">
          {!showAll && <Paragraph>{unchanged === 1 ? t('unchangedOne') : t('unchangedCount', { count: unchanged })}</Paragraph>}
          <Switch label={t('showAll')} checked={showAll} onChange={(event) => setShowAll(event.target.checked)} />
        </div>
      )}
    </>
  );
}

function ChangedSection({ section }: { section: SectionChange }) {
  const t = useMessages(roundMessages);
  return (
    <Card data-color="neutral" className="stack agreement-changes__section">
      <div className="row">
        <Heading level={3} data-size="xs">
          {section.ref} {section.heading}
        </Heading>
        <Tag data-color={TAG_COLOR[section.change]} data-size="sm">
          {t(`change_${section.change}`)}
        </Tag>
      </div>
      {section.previousHeading && <Paragraph data-size="sm">{t('previousHeading', { heading: section.previousHeading })}</Paragraph>}
      <Paragraph className={section.change === 'removed' ? 'agreement-changes__text agreement-changes__text--removed' : 'agreement-changes__text'}>
        <SectionText section={section} />
      </Paragraph>
    </Card>
  );
}

/**
 * The section's words; in a changed section the taken-out ones in <del>, the new ones in <ins>.
 * Screen readers seldom announce <ins> and <del>, so each is told in hidden words before and after.
 */
function SectionText({ section }: { section: SectionChange }) {
  const t = useMessages(roundMessages);
  // A new or removed section is new or gone as a whole; its tag says so.
  if (section.change !== 'changed') return <>{section.parts.map((part) => part.text).join('')}</>;
  return (
    <>
      {section.parts.map((part, index) => {
        if (part.kind === 'same') return <Fragment key={index}>{part.text}</Fragment>;
        const [Mark, start, end] = part.kind === 'added' ? (['ins', t('addedStart'), t('addedEnd')] as const) : (['del', t('removedStart'), t('removedEnd')] as const);
        return (
          <Fragment key={index}>
            <span className="visually-hidden">{` ${start} `}</span>
            <Mark>{part.text}</Mark>
            <span className="visually-hidden">{` (${end}) `}</span>
          </Fragment>
        );
      })}
    </>
  );
}
