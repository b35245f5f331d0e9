import { Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { ProblemAlert } from '../../components/query-state';
import { ShowMore } from '../../components/show-more';
import { commonMessages } from '../../i18n/common.messages';
import { formatDate, formatInstant } from '../../i18n/formats';
import { Language, useLanguage, useMessages } from '../../i18n/i18n';
import { statusMessages } from '../../i18n/status.messages';
import { RoundMessageKey, roundMessages } from './round.messages';
import { Round, RoundEvent, useRoundEvents } from './round.queries';

const EVENT_TYPES: Record<string, RoundMessageKey> = {
  'round.launched': 'event_round_launched',
  'decision.registered': 'event_decision_registered',
  'decision.corrected': 'event_decision_corrected',
  'round.settled': 'event_round_settled',
  'round.extended': 'event_round_extended',
  'round.withdrawn': 'event_round_withdrawn',
  'round.expired': 'event_round_expired',
  'round.overdue': 'event_round_overdue',
  'agreement_version.in_force': 'event_agreement_in_force',
  'fee_schedule.in_force': 'event_fees_in_force',
  'round.electorate_amended': 'event_round_electorate_amended',
};

type Translate = (key: RoundMessageKey, values?: Record<string, string | number>) => string;
type StatusTranslate = (key: keyof (typeof statusMessages)['nb']) => string;

/** The round's audit trail as the api keeps it, oldest first: what happened, when, by whom, to which member. */
export function RoundTimeline({ round }: { round: Round }) {
  const t = useMessages(roundMessages);
  const common = useMessages(commonMessages);
  const status = useMessages(statusMessages);
  const { language } = useLanguage();
  const events = useRoundEvents(round.id);
  return (
    <section aria-labelledby="round-timeline-heading" className="stack">
      <Heading level={2} data-size="sm" id="round-timeline-heading">
        {t('timelineHeading')}
      </Heading>
      {events.isPending ? (
        <Spinner aria-label={common('loading')} data-size="md" />
      ) : events.isError && !events.isFetchNextPageError ? (
        <ProblemAlert error={events.error} onRetry={() => void events.refetch()} />
      ) : events.items.length === 0 ? (
        <Paragraph>{t('timelineEmpty')}</Paragraph>
      ) : (
        <>
          <Paragraph data-size="sm">{t('timelineOrder')}</Paragraph>
          <ol className="round-timeline">
            {events.items.map((event) => (
              <li key={event.id} className="round-timeline__event" data-type={event.type}>
                <span className="round-timeline__meta">
                  <time dateTime={event.at}>{formatInstant(event.at, language)}</time>
                  <span aria-hidden="true"> · </span>
                  <span className="visually-hidden">, </span>
                  {event.actor === 'system' ? t('bySystem') : t('byActor', { actor: event.actorName ?? event.actor })}
                </span>
                <span className="round-timeline__what">{EVENT_TYPES[event.type] ? t(EVENT_TYPES[event.type]) : event.type}</span>
                {detailsOf(event, round, t, status, language).map((line, index) => (
                  <span key={index}>{line}</span>
                ))}
              </li>
            ))}
          </ol>
          <ShowMore list={events} />
        </>
      )}
    </section>
  );
}

/** What the event did, in words: the member and its new status, the new deadline, the outcome, the reason. */
function detailsOf(event: RoundEvent, round: Round, t: Translate, status: StatusTranslate, language: Language): string[] {
  const data = event.data;
  const after = record(data.after);
  const before = record(data.before);
  const memberName = (number: unknown) => {
    const nr = text(number);
    return nr ? (round.members.find((member) => member.municipalityNumber === nr)?.name ?? nr) : undefined;
  };
  const lines: string[] = [];
  switch (event.type) {
    case 'round.launched': {
      const count = Array.isArray(after.electorate) ? after.electorate.length : round.members.length;
      const deadline = text(after.deadline);
      if (deadline) lines.push(t('eventLaunched', { count, date: formatDate(deadline, language) }));
      break;
    }
    case 'decision.registered':
    case 'decision.corrected': {
      const member = memberName(data.municipalityNumber);
      const newStatus = memberStatusLabel(text(after.status), status);
      const revision = typeof data.revision === 'number' ? ` ${t('eventRevision', { revision: data.revision })}` : '';
      if (member) lines.push(`${newStatus ? t('eventMember', { member, status: newStatus }) : member}${revision}`);
      break;
    }
    case 'round.settled': {
      const outcome = text(after.status);
      const member = memberName(data.decisiveMunicipalityNumber);
      const label = outcome === 'approved' ? status('approved') : outcome === 'rejected' ? status('roundRejected') : outcome;
      if (label && member) lines.push(t('eventOutcome', { status: label, member }));
      else if (label) lines.push(label);
      break;
    }
    case 'round.extended': {
      const deadline = text(after.deadline);
      const was = text(before.deadline);
      if (deadline) {
        lines.push(
          was
            ? t('eventDeadlineWas', { date: formatDate(deadline, language), before: formatDate(was, language) })
            : t('eventDeadline', { date: formatDate(deadline, language) }),
        );
      }
      break;
    }
    case 'round.overdue': {
      const overdue = Array.isArray(data.overdue) ? data.overdue.map((number) => memberName(number) ?? String(number)) : [];
      if (overdue.length > 0) lines.push(t('eventOverdue', { members: overdue.join(', ') }));
      break;
    }
    case 'agreement_version.in_force':
    case 'fee_schedule.in_force': {
      const from = text(data.inForceFrom);
      if (from) lines.push(t('eventInForce', { date: formatDate(from, language) }));
      break;
    }
    default: {
      const member = memberName(data.municipalityNumber);
      if (member) lines.push(member);
    }
  }
  const reason = text(data.reason);
  if (reason) lines.push(t('eventReason', { reason }));
  return lines;
}

function memberStatusLabel(value: string | undefined, status: StatusTranslate): string | undefined {
  const known = ['pending', 'scheduled', 'adopted', 'rejected', 'adopted_with_amendments', 'postponed'] as const;
  return known.find((key) => key === value) ? status(value as (typeof known)[number]) : value;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
