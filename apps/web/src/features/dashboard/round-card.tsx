import { Alert, Card, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { ExclamationmarkTriangleIcon } from '@navikt/aksel-icons';
import { Link as RouterLink } from 'react-router';
import type { Schemas } from '../../api/client';
import { DecisionRuleText } from '../../components/decision-rule-text';
import { useDaysToDeadline } from '../../components/use-days-to-deadline';
import { decisionRuleMessages } from '../../i18n/decision-rule.messages';
import { formatDate, formatNok } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { dashboardMessages } from './dashboard.messages';
import { FeeChart } from './fee-chart';
import { ProgressBar } from './progress-bar';

type DashboardRound = Schemas['DashboardRoundResponse'];

function SubjectLine({ round }: { round: DashboardRound }) {
  const t = useMessages(dashboardMessages);
  const { language } = useLanguage();
  const { subject } = round;
  if (subject.type === 'fees') {
    return <Paragraph>{t('subjectFees', { total: formatNok(subject.total ?? '0', language), date: formatDate(subject.effectiveFrom, language) })}</Paragraph>;
  }
  return <Paragraph>{subject.versionTitle ? t('subjectAgreement', { title: subject.versionTitle }) : t('subjectAgreementUntitled')}</Paragraph>;
}

/** One open round: where it stands, who is late, and whether the planned meetings reach the deadline. */
export function RoundCard({ round, nameOf }: { round: DashboardRound; nameOf: (municipalityNumber: string) => string }) {
  const t = useMessages(dashboardMessages);
  const ruleText = useMessages(decisionRuleMessages);
  const { language } = useLanguage();
  const headingId = `round-${round.id}-title`;
  const daysText = useDaysToDeadline();
  const late = round.daysToDeadline < 0;
  const { forecast } = round;

  return (
    <Card asChild className="round-card" data-color="neutral">
      <section aria-labelledby={headingId} data-round={round.id}>
        <div className="round-card__head">
          <Heading level={3} data-size="sm" id={headingId}>
            <Link asChild>
              <RouterLink to={`/rounds/${round.id}`}>{round.title}</RouterLink>
            </Link>
          </Heading>
          <SubjectLine round={round} />
        </div>

        <dl className="round-card__facts">
          <div>
            <dt>{t('deadline')}</dt>
            <dd className="row">
              <time dateTime={round.deadline}>{formatDate(round.deadline, language)}</time>
              {late ? (
                <Tag data-color="warning" data-size="sm" className="status-tag">
                  <ExclamationmarkTriangleIcon aria-hidden />
                  {daysText(round.daysToDeadline)}
                </Tag>
              ) : (
                <span data-days-to-deadline>({daysText(round.daysToDeadline)})</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{ruleText('label')}</dt>
            <dd className="stack round-card__rule">
              <DecisionRuleText rule={round.decisionRule} members={round.progress.total} />
            </dd>
          </div>
          <div>
            <dt>{t('progress')}</dt>
            <dd>
              <ProgressBar progress={round.progress} />
            </dd>
          </div>
          {round.overdue.length > 0 && (
            <div>
              <dt>{t('overdue')}</dt>
              <dd>
                <ul className="round-card__overdue" aria-label={t('overdue')}>
                  {round.overdue.map((number) => (
                    <li key={number}>
                      <Tag data-color="warning" data-size="sm" className="status-tag">
                        <ExclamationmarkTriangleIcon aria-hidden />
                        {nameOf(number)}
                      </Tag>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
          <div>
            <dt>{t('forecast')}</dt>
            <dd className="stack round-card__forecast">
              <span>
                {forecast.date ? t('forecastDate', { date: formatDate(forecast.date, language) }) : t('forecastNone')}
              </span>
              {forecast.unscheduled.length > 0 && <span>{t('unscheduled', { names: forecast.unscheduled.map(nameOf).join(', ') })}</span>}
            </dd>
          </div>
        </dl>

        {forecast.pastDeadline && forecast.date && (
          <Alert data-color="warning" data-size="sm">
            <Heading level={4} data-size="2xs">
              {t('forecastPastDeadlineTitle')}
            </Heading>
            <Paragraph>
              {t('forecastPastDeadline', { date: formatDate(forecast.date, language), deadline: formatDate(round.deadline, language) })}
            </Paragraph>
          </Alert>
        )}

        {round.fees && <FeeChart fees={round.fees} roundTitle={round.title} headingLevel={4} />}
      </section>
    </Card>
  );
}
