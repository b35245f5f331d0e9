import './inbox.css';
import { Alert, Button, Heading, Link, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { RefObject, useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import { Schemas, api, data } from '../../api/client';
import { ProblemAlert } from '../../components/query-state';
import { MemberStatusTag, RoundStatusTag } from '../../components/status-tag';
import { useDocumentTitle } from '../../components/use-document-title';
import { useDaysToDeadline } from '../../components/use-days-to-deadline';
import { commonMessages } from '../../i18n/common.messages';
import { formatDate } from '../../i18n/formats';
import { Language, useLanguage, useMessages } from '../../i18n/i18n';
import { DecisionForm, InboxItem, Registered } from './decision-form';
import { inboxMessages } from './inbox.messages';

type Inbox = Schemas['MunicipalityInboxResponse'];
type Decided = Inbox['decided'][number];
type T = ReturnType<typeof useMessages<keyof (typeof inboxMessages)['nb']>>;

/** The form that is open is kept in the address, so signing in again or a reload brings the person back to it. */
const OPEN_PARAM = 'register';

interface Confirmation {
  title: string;
  scheduledFor: string | null;
  settled: 'approved' | 'rejected' | null;
}

/** The clerk's inbox: what awaits their kommunestyre across every council, and the form to register what it decided. */
export function InboxPage() {
  const { number = '' } = useParams();
  const t = useMessages(inboxMessages);
  const common = useMessages(commonMessages);
  const inbox = useQuery({
    queryKey: ['inbox', number],
    queryFn: async () => data(await api.GET('/api/municipalities/{municipalityNumber}/inbox', { params: { path: { municipalityNumber: number } } })),
  });
  const title = t('title', { municipality: inbox.data?.municipality.name ?? number });
  useDocumentTitle(title);

  return (
    <div className="inbox stack">
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      {inbox.isPending && <Spinner aria-label={common('loading')} data-size="lg" />}
      {inbox.isError && <ProblemAlert error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.data && <InboxContent key={number} inbox={inbox.data} onReload={async () => (await inbox.refetch()).data} />}
    </div>
  );
}

function InboxContent({ inbox, onReload }: { inbox: Inbox; onReload(): Promise<Inbox | undefined> }) {
  const t = useMessages(inboxMessages);
  const [searchParams, setSearchParams] = useSearchParams();
  const [openRound, setOpenRound] = useState<string | null>(() => searchParams.get(OPEN_PARAM));
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const returnFocusTo = useRef<string | null>(null);
  const confirmationRef = useRef<HTMLDivElement>(null);

  // The address follows the open form only for coming back to it; what shows is this page's own state.
  const remember = (roundId: string | null) =>
    setSearchParams(
      (params) => {
        if (roundId) params.set(OPEN_PARAM, roundId);
        else params.delete(OPEN_PARAM);
        return params;
      },
      { replace: true },
    );

  const open = (roundId: string) => {
    setConfirmation(null);
    setOpenRound(roundId);
    remember(roundId);
  };

  const close = (roundId: string) => {
    returnFocusTo.current = roundId;
    setOpenRound(null);
    remember(null);
  };

  useEffect(() => {
    if (openRound || !returnFocusTo.current) return;
    document.getElementById(`register-${returnFocusTo.current}`)?.focus();
    returnFocusTo.current = null;
  }, [openRound]);

  useEffect(() => {
    if (confirmation) confirmationRef.current?.focus();
  }, [confirmation]);

  const registered = (result: Registered, values: { title: string; decision: string; meetingDate: string }) => {
    const outcome = result.round.outcome?.status ?? null;
    setOpenRound(null);
    remember(null);
    setConfirmation({ title: values.title, scheduledFor: values.decision === 'scheduled' ? values.meetingDate : null, settled: outcome });
  };

  return (
    <>
      <Paragraph>{t('lead')}</Paragraph>
      {confirmation && <RegisteredAlert confirmation={confirmation} alertRef={confirmationRef} />}

      <section className="stack" aria-labelledby="inbox-awaiting">
        <Heading level={2} data-size="md" id="inbox-awaiting">
          {t('awaitingHeading')}
        </Heading>
        {inbox.items.length === 0 ? (
          <Paragraph>{t('awaitingEmpty')}</Paragraph>
        ) : (
          <ul className="inbox-items">
            {inbox.items.map((item) => (
              <li key={item.round.id}>
                <InboxItemCard
                  item={item}
                  municipalityNumber={inbox.municipality.number}
                  formOpen={openRound === item.round.id}
                  onOpen={() => open(item.round.id)}
                  onClose={() => close(item.round.id)}
                  onRegistered={registered}
                  onReload={async () => (await onReload())?.items.find((fresh) => fresh.round.id === item.round.id)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="stack" aria-labelledby="inbox-decided">
        <Heading level={2} data-size="md" id="inbox-decided">
          {t('decidedHeading')}
        </Heading>
        {inbox.decided.length === 0 ? <Paragraph>{t('decidedEmpty')}</Paragraph> : <DecidedTable decided={inbox.decided} />}
      </section>
    </>
  );
}

function RegisteredAlert({ confirmation, alertRef }: { confirmation: Confirmation; alertRef: RefObject<HTMLDivElement | null> }) {
  const t = useMessages(inboxMessages);
  const { language } = useLanguage();
  return (
    <Alert data-color="success" role="status" ref={alertRef} tabIndex={-1} className="inbox-confirmation">
      <Paragraph>
        <strong>{t('registered')}</strong>
      </Paragraph>
      <Paragraph>
        {confirmation.scheduledFor
          ? t('registeredScheduled', { title: confirmation.title, date: formatDate(confirmation.scheduledFor, language) })
          : t('registeredDecision', { title: confirmation.title })}
        {confirmation.settled && ` ${t(confirmation.settled === 'approved' ? 'settledApproved' : 'settledRejected')}`}
      </Paragraph>
    </Alert>
  );
}

function InboxItemCard({
  item,
  municipalityNumber,
  formOpen,
  onOpen,
  onClose,
  onRegistered,
  onReload,
}: {
  item: InboxItem;
  municipalityNumber: string;
  formOpen: boolean;
  onOpen(): void;
  onClose(): void;
  onRegistered: Parameters<typeof DecisionForm>[0]['onRegistered'];
  onReload(): Promise<InboxItem | undefined>;
}) {
  const t = useMessages(inboxMessages);
  const { language } = useLanguage();
  const { round, member } = item;
  const titleId = `round-${round.id}-title`;
  const standing = standingText(item, t, language);
  const daysText = useDaysToDeadline();
  return (
    <article className="inbox-item" aria-labelledby={titleId} data-round={round.id}>
      <Paragraph data-size="sm" className="inbox-item__council">
        {round.council.name}
      </Paragraph>
      <Heading level={3} data-size="sm" id={titleId}>
        <Link asChild>
          <RouterLink to={`/rounds/${round.id}`}>{round.title}</RouterLink>
        </Link>
      </Heading>
      <Paragraph data-size="sm">{subjectText(round.subject, t, language)}</Paragraph>
      <dl className="inbox-item__facts">
        <div>
          <dt>{t('deadline')}</dt>
          <dd>
            <time dateTime={round.deadline}>{formatDate(round.deadline, language)}</time> ({daysText(round.daysToDeadline)})
          </dd>
        </div>
        <div>
          <dt>{t('status')}</dt>
          <dd className="inbox-item__status">
            <MemberStatusTag status={member.status} overdue={member.overdue} />
            {standing && <span className="inbox-item__standing">{standing}</span>}
          </dd>
        </div>
      </dl>
      {item.action === 'register' && !formOpen && (
        <div>
          <Button id={`register-${round.id}`} onClick={onOpen}>
            {t('register')}
          </Button>
        </div>
      )}
      {formOpen && (
        <DecisionForm item={item} municipalityNumber={municipalityNumber} onClose={onClose} onRegistered={onRegistered} onReload={onReload} />
      )}
    </article>
  );
}

function DecidedTable({ decided }: { decided: readonly Decided[] }) {
  const t = useMessages(inboxMessages);
  const { language } = useLanguage();
  return (
    <div className="table-scroll">
      <Table zebra data-size="sm">
        <caption>{t('decidedCaption')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t('colRound')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colCouncil')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colDecision')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colMeeting')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('colRoundStatus')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {decided.map(({ round, member }) => (
            <Table.Row key={round.id}>
              <Table.HeaderCell scope="row">
                <Link asChild>
                  <RouterLink to={`/rounds/${round.id}`}>{round.title}</RouterLink>
                </Link>
              </Table.HeaderCell>
              <Table.Cell>{round.council.name}</Table.Cell>
              <Table.Cell>
                <MemberStatusTag status={member.status} />
              </Table.Cell>
              <Table.Cell>{member.meetingDate ? formatDate(member.meetingDate, language) : t('noDate')}</Table.Cell>
              <Table.Cell>
                <RoundStatusTag status={round.status} />
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

function subjectText(subject: InboxItem['round']['subject'], t: T, language: Language): string {
  if (subject.type === 'fees') return t('subjectFees', { date: formatDate(subject.effectiveFrom, language) });
  return subject.versionTitle ? t('subjectAgreement', { title: subject.versionTitle }) : t('subjectAgreementUntitled');
}

/** Where the kommunestyre stands beyond its status: the meeting it is set up for. */
function standingText(item: InboxItem, t: T, language: Language): string | null {
  const decision = item.member.decision;
  if (!decision) return null;
  if (item.member.status === 'scheduled' && decision.meetingDate) return t('scheduledFor', { date: formatDate(decision.meetingDate, language) });
  if (item.member.status === 'postponed') {
    if (decision.nextMeetingDate) return t('postponedUntil', { date: formatDate(decision.nextMeetingDate, language) });
    if (decision.meetingDate) return t('postponedOn', { date: formatDate(decision.meetingDate, language) });
  }
  return null;
}
