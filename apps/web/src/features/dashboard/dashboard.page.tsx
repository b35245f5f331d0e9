import './dashboard.css';
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useMemo, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { LiveEvent, LiveState, useCouncilLive } from '../../api/live';
import { useMe } from '../../api/me.queries';
import { QueryState } from '../../components/query-state';
import { useDocumentTitle } from '../../components/use-document-title';
import { formatInstant, localeOf } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { DashboardKey, dashboardMessages } from './dashboard.messages';
import { useCouncil, useDashboard } from './dashboard.queries';
import { RoundCard } from './round-card';
import { SettledRounds } from './settled-rounds';
import { StatusMatrix } from './status-matrix';

const LIVE_TEXT: Record<LiveState, DashboardKey> = {
  connecting: 'liveConnecting',
  open: 'liveOpen',
  retrying: 'liveRetrying',
  stopped: 'liveStopped',
};

const EVENT_TEXT: Record<string, DashboardKey> = {
  'decision.registered': 'eventRegistered',
  'decision.corrected': 'eventCorrected',
  'round.launched': 'eventLaunched',
  'round.settled': 'eventSettled',
  'round.extended': 'eventExtended',
  'round.withdrawn': 'eventWithdrawn',
  'round.expired': 'eventExpired',
  'round.overdue': 'eventOverdue',
};

/**
 * Where every open round of the council stands, for its leaders and secretariat: progress,
 * who is late, whether the planned meetings reach the deadline, each member in each round, and
 * what was settled lately. Follows the council live, so nobody needs to reload.
 */
export function DashboardPage() {
  const { slug = '' } = useParams();
  const t = useMessages(dashboardMessages);
  const { language } = useLanguage();
  const me = useMe();
  const [lastEvent, setLastEvent] = useState<LiveEvent | null>(null);
  const live = useCouncilLive(slug, setLastEvent);
  const dashboard = useDashboard(slug, live === 'open');
  const council = useCouncil(slug);

  const names = useMemo(() => {
    const byNumber = new Map<string, string>();
    for (const member of council.data?.members ?? []) byNumber.set(member.municipalityNumber, member.name);
    for (const member of dashboard.data?.members ?? []) byNumber.set(member.municipalityNumber, member.name);
    return byNumber;
  }, [council.data, dashboard.data]);
  const nameOf = (municipalityNumber: string) => names.get(municipalityNumber) ?? municipalityNumber;

  const councilName = dashboard.data?.council.name ?? council.data?.name;
  useDocumentTitle(councilName && t('documentTitle', { council: councilName }));

  const canLaunch = (me.data?.roles ?? []).some((grant) => grant.role === 'admin' || (grant.role === 'secretariat' && grant.council === slug));

  const update = lastEvent && describeUpdate(lastEvent);
  function describeUpdate(event: LiveEvent): string {
    const number = typeof event.data.municipalityNumber === 'string' ? event.data.municipalityNumber : undefined;
    const what = t(EVENT_TEXT[event.type] ?? 'eventOther', { member: number ? nameOf(number) : t('aMember') });
    const time = new Intl.DateTimeFormat(localeOf(language), { timeStyle: 'medium', timeZone: 'Europe/Oslo' }).format(new Date(event.at));
    return t('updated', { time, what });
  }

  return (
    <div className="dashboard">
      <header className="dashboard__header">
        <div className="dashboard__title">
          <Heading level={1} data-size="lg">
            {councilName ? t('title', { council: councilName }) : t('titlePending')}
          </Heading>
          {dashboard.data && (
            <Paragraph data-size="sm" className="dashboard__meta">
              <time dateTime={dashboard.data.asOf}>{t('asOf', { time: formatInstant(dashboard.data.asOf, language) })}</time>
              <span aria-hidden> · </span>
              <span data-live={live}>{t(LIVE_TEXT[live])}</span>
            </Paragraph>
          )}
          <p role="status" className="dashboard__update">
            {update}
          </p>
        </div>
        <div className="row">
          <Button asChild variant="secondary">
            <RouterLink to={`/councils/${encodeURIComponent(slug)}/members`}>{t('members')}</RouterLink>
          </Button>
          {canLaunch && (
            <Button asChild>
              <RouterLink to={`/councils/${encodeURIComponent(slug)}/launch`}>{t('launch')}</RouterLink>
            </Button>
          )}
        </div>
      </header>

      <QueryState query={dashboard}>
        {(view) => (
          <>
            <section aria-labelledby="dashboard-open-rounds" className="stack">
              <Heading level={2} data-size="md" id="dashboard-open-rounds">
                {t('openRoundsTitle')}
              </Heading>
              {view.openRounds.length === 0 ? (
                <Paragraph>{t('noOpenRounds')}</Paragraph>
              ) : (
                <div className="dashboard__rounds">
                  {view.openRounds.map((round) => (
                    <RoundCard key={round.id} round={round} nameOf={nameOf} />
                  ))}
                </div>
              )}
            </section>

            {view.openRounds.length > 0 && (
              <section aria-labelledby="dashboard-matrix" className="stack">
                <Heading level={2} data-size="md" id="dashboard-matrix">
                  {t('matrixTitle')}
                </Heading>
                <StatusMatrix members={view.members} rounds={view.openRounds} />
              </section>
            )}

            <section aria-labelledby="dashboard-settled" className="stack">
              <Heading level={2} data-size="md" id="dashboard-settled">
                {t('settledTitle')}
              </Heading>
              <SettledRounds rounds={view.recentlySettled} nameOf={nameOf} />
            </section>
          </>
        )}
      </QueryState>
    </div>
  );
}
