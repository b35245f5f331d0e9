import './round.css';
import { Alert, Heading, Link, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { ExclamationmarkTriangleIcon } from '@navikt/aksel-icons';
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { useMe } from '../../api/me.queries';
import { AllocationTable } from '../../components/allocation-table';
import { DecisionRuleText } from '../../components/decision-rule-text';
import { ProblemAlert } from '../../components/query-state';
import { RoundStatusTag } from '../../components/status-tag';
import { useDocumentTitle } from '../../components/use-document-title';
import { commonMessages } from '../../i18n/common.messages';
import { decisionRuleMessages } from '../../i18n/decision-rule.messages';
import { formatDate, formatInstant, formatNok } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { AgreementChanges } from './agreement-changes';
import { ElectorateChanges } from './electorate-changes';
import { MemberDecisions, RevisionHistory } from './member-decisions';
import { RoundActions } from './round-actions';
import { RoundExports } from './round-exports';
import { RoundTimeline } from './round-timeline';
import { roundMessages } from './round.messages';
import { Grant, Round, UNDECIDED, actsForSecretariat, clerkOf, useRound } from './round.queries';
import { useDaysToDeadline } from '../../components/use-days-to-deadline';

/**
 * One approval round, as links in notices open it: what it is about (the fees against those in
 * force, or what the agreement changes), where every member stands, what happened when, and the
 * file for the case archive. The secretariat also extends, withdraws,
 * closes and corrects here; everyone else reads.
 */
export function RoundPage() {
  const t = useMessages(roundMessages);
  const common = useMessages(commonMessages);
  const { id = '' } = useParams();
  const round = useRound(id);
  const me = useMe();
  useDocumentTitle(round.data?.title ?? t('pageTitle'));

  if (round.isPending) {
    return (
      <>
        <Heading level={1} data-size="lg" className="visually-hidden">
          {t('pageTitle')}
        </Heading>
        <Spinner aria-label={common('loading')} data-size="lg" />
      </>
    );
  }
  if (round.isError) {
    return (
      <>
        <Heading level={1} data-size="lg">
          {t('pageTitle')}
        </Heading>
        <ProblemAlert error={round.error} onRetry={() => void round.refetch()} />
      </>
    );
  }
  return <RoundView round={round.data} roles={me.data?.roles ?? []} />;
}

function RoundView({ round, roles }: { round: Round; roles: readonly Grant[] }) {
  const [done, setDone] = useState<{ message: string; at: number } | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const secretariat = actsForSecretariat(roles, round.council);
  const open = round.status === 'open';

  // A saved change closes its dialog; the confirmation takes the focus so the keyboard is not left on nothing.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  return (
    <article className="round-page" aria-labelledby="round-title">
      <header className="stack round-page__header">
        <Heading level={1} data-size="lg" id="round-title">
          {round.title}
        </Heading>
        <RoundStanding round={round} />
        <div role="status">
          {done && (
            <Alert data-color="success" ref={doneRef} tabIndex={-1} className="ds-focus">
              {done.message}
            </Alert>
          )}
        </div>
      </header>

      <RoundOutcome round={round} />
      <ClerkPrompt round={round} roles={roles} />
      <RoundFacts round={round} />
      <RoundExports round={round} />
      {secretariat && open && <RoundActions round={round} onDone={(message) => setDone({ message, at: Date.now() })} />}
      <ElectorateChanges round={round} />
      <MemberDecisions round={round} canCorrect={secretariat} onDone={(message) => setDone({ message, at: Date.now() })} />
      {round.allocation && <RoundAllocation round={round} allocation={round.allocation} />}
      <AgreementChanges round={round} />
      <RevisionHistory round={round} />
      <RoundTimeline round={round} />
    </article>
  );
}

/** Status and progress; it changes by itself when the live stream refreshes the round, so it is announced. */
function RoundStanding({ round }: { round: Round }) {
  const t = useMessages(roundMessages);
  const { progress } = round;
  const decided = progress.adopted + progress.rejected + progress.adopted_with_amendments;
  return (
    <div className="row" aria-live="polite" aria-atomic="true">
      <RoundStatusTag status={round.status} />
      <Paragraph data-size="sm">{t('progressValue', { decided, total: progress.total })}</Paragraph>
      {progress.overdue > 0 && round.status === 'open' && (
        <Tag data-color="warning" data-size="sm" className="status-tag">
          <ExclamationmarkTriangleIcon aria-hidden />
          {t('overdueCount', { count: progress.overdue })}
        </Tag>
      )}
    </div>
  );
}

function RoundOutcome({ round }: { round: Round }) {
  const t = useMessages(roundMessages);
  const { language } = useLanguage();
  if (round.outcome) {
    const { outcome } = round;
    const when = formatInstant(outcome.settledAt, language);
    const decisive = round.members.find((member) => member.municipalityNumber === outcome.decisiveMunicipalityNumber)?.name ?? outcome.decisiveMunicipalityNumber;
    return (
      <Alert data-color={outcome.status === 'approved' ? 'success' : 'danger'}>
        <Heading level={2} data-size="xs">
          {t('outcomeHeading')}
        </Heading>
        <Paragraph>{outcome.status === 'approved' ? t('outcomeApproved', { when }) : t('outcomeRejected', { when })}</Paragraph>
        <Paragraph>{t('outcomeDecisive', { member: decisive })}</Paragraph>
      </Alert>
    );
  }
  if (round.status === 'withdrawn' || round.status === 'expired') {
    return (
      <Alert data-color="warning">
        <Heading level={2} data-size="xs">
          {t('outcomeHeading')}
        </Heading>
        <Paragraph>{round.status === 'withdrawn' ? t('closedWithdrawn') : t('closedExpired')}</Paragraph>
        {round.statusReason && <Paragraph>{t('closedReason', { reason: round.statusReason })}</Paragraph>}
      </Alert>
    );
  }
  return null;
}

/** A clerk registers in their own inbox; the round page only points there while their kommunestyre has not decided. */
function ClerkPrompt({ round, roles }: { round: Round; roles: readonly Grant[] }) {
  const t = useMessages(roundMessages);
  if (round.status !== 'open') return null;
  const mine = clerkOf(roles);
  const undecided = round.members.filter((member) => mine.has(member.municipalityNumber) && UNDECIDED.includes(member.status));
  if (undecided.length === 0) return null;
  return (
    <Alert data-color="info" className="stack">
      {undecided.map((member) => (
        <div key={member.municipalityNumber} className="stack">
          <Paragraph>{t('clerkPrompt', { member: member.name })}</Paragraph>
          <Paragraph>
            <Link asChild>
              <RouterLink to={`/municipalities/${member.municipalityNumber}`}>{t('clerkRegister', { member: member.name })}</RouterLink>
            </Link>
          </Paragraph>
        </div>
      ))}
    </Alert>
  );
}

function RoundFacts({ round }: { round: Round }) {
  const t = useMessages(roundMessages);
  const ruleText = useMessages(decisionRuleMessages);
  const daysText = useDaysToDeadline();
  const { language } = useLanguage();
  const { subject, forecast } = round;
  const open = round.status === 'open';
  const subjectText =
    subject.type === 'agreement'
      ? t('subjectAgreement', { title: subject.versionTitle ?? '', date: formatDate(subject.effectiveFrom, language) })
      : t('subjectFees', { total: formatNok(subject.total ?? '0', language), costKey: subject.costKey ?? '', date: formatDate(subject.effectiveFrom, language) });
  return (
    <section aria-labelledby="round-facts-heading" className="stack">
      <Heading level={2} data-size="sm" id="round-facts-heading">
        {t('factsHeading')}
      </Heading>
      <dl className="round-facts">
        <div>
          <dt>{t('subject')}</dt>
          <dd>{subjectText}</dd>
        </div>
        <div>
          <dt>{ruleText('label')}</dt>
          <dd>
            <DecisionRuleText
              rule={round.decisionRule}
              members={round.progress.total}
              weights={round.allocation?.map((line) => ({
                weight: line.weight,
                adopted: round.members.some((member) => member.municipalityNumber === line.municipalityNumber && member.status === 'adopted'),
              }))}
              meaningClassName="round-facts__secondary"
            />
          </dd>
        </div>
        <div>
          <dt>{t('deadline')}</dt>
          <dd>
            <time dateTime={round.deadline}>{formatDate(round.deadline, language)}</time>
            {open && <span className="round-facts__secondary">{daysText(round.daysToDeadline)}</span>}
          </dd>
        </div>
        {open && (
          <div>
            <dt>{t('forecast')}</dt>
            <dd>
              {forecast.date ? t('forecastValue', { date: formatDate(forecast.date, language) }) : t('forecastNone')}
              {forecast.pastDeadline && (
                <Tag data-color="warning" data-size="sm" className="status-tag">
                  <ExclamationmarkTriangleIcon aria-hidden />
                  {t('forecastPastDeadline')}
                </Tag>
              )}
              {forecast.unscheduled.length > 0 && (
                <span className="round-facts__secondary">{t('forecastUnscheduled', { count: forecast.unscheduled.length })}</span>
              )}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('launched')}</dt>
          <dd>{t('launchedValue', { when: formatInstant(round.launchedAt, language), actor: round.launchedBy })}</dd>
        </div>
      </dl>
    </section>
  );
}

function RoundAllocation({ round, allocation }: { round: Round; allocation: NonNullable<Round['allocation']> }) {
  const t = useMessages(roundMessages);
  const rows = allocation.map((line) => ({
    municipalityNumber: line.municipalityNumber,
    name: round.members.find((member) => member.municipalityNumber === line.municipalityNumber)?.name ?? line.municipalityNumber,
    currentFee: line.currentFee,
    newFee: line.newFee,
    change: line.change,
  }));
  return (
    <section aria-labelledby="round-allocation-heading" className="stack">
      <Heading level={2} data-size="sm" id="round-allocation-heading">
        {t('allocationHeading')}
      </Heading>
      <AllocationTable rows={rows} caption={t('allocationCaption')} />
    </section>
  );
}
