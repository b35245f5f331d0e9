import { Details, Heading, Link, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { ProblemAlert } from '../../components/query-state';
import { MemberStatusTag } from '../../components/status-tag';
import { commonMessages } from '../../i18n/common.messages';
import { formatDate, formatInstant } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { statusMessages } from '../../i18n/status.messages';
import { CorrectDecision, canBeCorrected } from './correct-decision';
import { RoundMessageKey, roundMessages } from './round.messages';
import { ScrollRegion } from './scroll-region';
import { Round, RoundMember, useMemberDecision } from './round.queries';

type Votes = { for: number; against: number; blank: number };

/** Every member's decision with where it is documented; the secretariat gets a correction per member. */
export function MemberDecisions({ round, canCorrect, onDone }: { round: Round; canCorrect: boolean; onDone: (message: string) => void }) {
  const t = useMessages(roundMessages);
  const { language } = useLanguage();
  const correctable = canCorrect && round.members.some((member) => canBeCorrected(round, member));
  return (
    <section aria-labelledby="round-members-heading" className="stack">
      <Heading level={2} data-size="sm" id="round-members-heading">
        {t('membersHeading')}
      </Heading>
      <ScrollRegion label={t('membersCaption')}>
        <Table zebra data-size="sm" className="round-members">
          <caption>{t('membersCaption')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{t('colMember')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('colStatus')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('colMeeting')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('colBody')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('colCase')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('colProtocol')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('colVotes')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('colNote')}</Table.HeaderCell>
              {correctable && <Table.HeaderCell scope="col">{t('colCorrect')}</Table.HeaderCell>}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {round.members.map((member) => {
              const decision = member.decision;
              return (
                <Table.Row key={member.municipalityNumber} data-municipality={member.municipalityNumber}>
                  <Table.HeaderCell scope="row">{member.name}</Table.HeaderCell>
                  <Table.Cell>
                    <MemberStatusTag status={member.status} overdue={member.overdue} />
                  </Table.Cell>
                  <Table.Cell>
                    {decision?.meetingDate ? formatDate(decision.meetingDate, language) : <NoValue />}
                    {member.status === 'postponed' && decision?.nextMeetingDate && (
                      <span className="round-members__secondary">{t('nextMeeting', { date: formatDate(decision.nextMeetingDate, language) })}</span>
                    )}
                  </Table.Cell>
                  <Table.Cell>{decision?.body ? <BodyName body={decision.body} /> : <NoValue />}</Table.Cell>
                  <Table.Cell>{decision?.caseNumber ?? <NoValue />}</Table.Cell>
                  <Table.Cell className="round-members__reference">
                    {decision?.protocolRef ? <ProtocolRef value={decision.protocolRef} /> : <NoValue />}
                  </Table.Cell>
                  <Table.Cell>{decision?.votes ? <VotesText votes={decision.votes} /> : <NoValue />}</Table.Cell>
                  <Table.Cell className="round-members__note">{decision?.note ?? <NoValue />}</Table.Cell>
                  {correctable && (
                    <Table.Cell>{canBeCorrected(round, member) ? <CorrectDecision round={round} member={member} onDone={onDone} /> : <NoValue />}</Table.Cell>
                  )}
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      </ScrollRegion>
    </section>
  );
}

/** Each member's registrations and corrections, read from the api only when someone opens them. */
export function RevisionHistory({ round }: { round: Round }) {
  const t = useMessages(roundMessages);
  const registered = round.members.filter((member) => member.decision !== null);
  return (
    <section aria-labelledby="round-history-heading" className="stack">
      <Heading level={2} data-size="sm" id="round-history-heading">
        {t('historyHeading')}
      </Heading>
      {registered.length === 0 ? (
        <Paragraph>{t('historyNone')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('historyLead')}</Paragraph>
          <div className="round-history">
            {registered.map((member) => (
              <MemberHistory key={member.municipalityNumber} round={round} member={member} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function MemberHistory({ round, member }: { round: Round; member: RoundMember }) {
  const t = useMessages(roundMessages);
  const [opened, setOpened] = useState(false);
  const count = member.decision?.revision ?? 0;
  return (
    <Details
      onToggle={(event) => {
        if ((event.target as HTMLDetailsElement).open) setOpened(true);
      }}
    >
      <Details.Summary>{count === 1 ? t('historySummaryOne', { member: member.name }) : t('historySummary', { member: member.name, count })}</Details.Summary>
      <Details.Content>{opened && <Revisions round={round} member={member} />}</Details.Content>
    </Details>
  );
}

function Revisions({ round, member }: { round: Round; member: RoundMember }) {
  const t = useMessages(roundMessages);
  const common = useMessages(commonMessages);
  const status = useMessages(statusMessages);
  const { language } = useLanguage();
  const query = useMemberDecision(round.id, member.municipalityNumber, true);
  if (query.isPending) return <Spinner aria-label={common('loading')} data-size="sm" />;
  if (query.isError) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <ScrollRegion label={t('revisionsCaption', { member: member.name })}>
      <Table data-size="sm" className="round-revisions">
        <caption>{t('revisionsCaption', { member: member.name })}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t('colRevision')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colRegistered')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colBy')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colTransition')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colStatus')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colMeeting')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colBody')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colCase')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colProtocol')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colVotes')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colNote')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colReason')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {query.data.revisions.map((revision) => (
            <Table.Row key={revision.revision}>
              <Table.HeaderCell scope="row" className="numeric">
                {revision.revision}
              </Table.HeaderCell>
              <Table.Cell className="round-revisions__when">
                <time dateTime={revision.registeredAt}>{formatInstant(revision.registeredAt, language)}</time>
              </Table.Cell>
              <Table.Cell>{revision.registeredByName ?? revision.registeredBy}</Table.Cell>
              <Table.Cell>{transitionLabel(revision.transition, t)}</Table.Cell>
              <Table.Cell>{status(revision.status)}</Table.Cell>
              <Table.Cell>
                {revision.meetingDate ? formatDate(revision.meetingDate, language) : <NoValue />}
                {revision.nextMeetingDate && (
                  <span className="round-members__secondary">{t('nextMeeting', { date: formatDate(revision.nextMeetingDate, language) })}</span>
                )}
              </Table.Cell>
              <Table.Cell>{revision.body ? <BodyName body={revision.body} /> : <NoValue />}</Table.Cell>
              <Table.Cell>{revision.caseNumber ?? <NoValue />}</Table.Cell>
              <Table.Cell className="round-members__reference">{revision.protocolRef ? <ProtocolRef value={revision.protocolRef} /> : <NoValue />}</Table.Cell>
              <Table.Cell>{revision.votes ? <VotesText votes={revision.votes} /> : <NoValue />}</Table.Cell>
              <Table.Cell className="round-members__note">{revision.note ?? <NoValue />}</Table.Cell>
              <Table.Cell className="round-members__note">{revision.reason ?? <NoValue />}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </ScrollRegion>
  );
}

const TRANSITIONS: Record<string, RoundMessageKey> = {
  schedule: 'transition_schedule',
  reschedule: 'transition_reschedule',
  reopen: 'transition_reopen',
  adopt: 'transition_adopt',
  reject: 'transition_reject',
  adopt_with_amendments: 'transition_adopt_with_amendments',
  postpone: 'transition_postpone',
  correct: 'transition_correct',
  correct_references: 'transition_correct_references',
};

function transitionLabel(transition: string, t: (key: RoundMessageKey) => string): string {
  const key = TRANSITIONS[transition];
  return key ? t(key) : transition;
}

/** A cell with nothing registered: a dash to the eye, words to a screen reader. */
export function NoValue() {
  const t = useMessages(roundMessages);
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{t('noValue')}</span>
    </>
  );
}

function BodyName({ body }: { body: string }) {
  const t = useMessages(roundMessages);
  if (body === 'bystyre') return <>{t('bodyBystyre')}</>;
  if (body === 'kommunestyre') return <>{t('bodyKommunestyre')}</>;
  return <>{body}</>;
}

function VotesText({ votes }: { votes: Votes }) {
  const t = useMessages(roundMessages);
  return <>{t('votesValue', { for: votes.for, against: votes.against, blank: votes.blank })}</>;
}

/** A protocol URL opens the minutes; an archive reference is only text. */
function ProtocolRef({ value }: { value: string }) {
  if (!/^https?:\/\//i.test(value)) return <>{value}</>;
  return <Link href={value}>{value}</Link>;
}
