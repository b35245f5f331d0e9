import './members.css';
import { Alert, Heading, Link, Paragraph, Spinner, Table, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { useMe } from '../../api/me.queries';
import { ProblemAlert } from '../../components/query-state';
import { useDocumentTitle } from '../../components/use-document-title';
import { formatDate } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { useCouncil, useDashboard } from '../dashboard/dashboard.queries';
import { MemberActions } from './member-actions';
import { membersMessages } from './members.messages';
import { Council, Member, dayAfter, formatShortDate, isCurrent, osloDay } from './members.model';

/**
 * Who is a member of the council, who is leaving or merging, and who has been: for the leaders to
 * read and the secretariat to keep, with the withdrawal rule the agreement sets.
 */
export function MembersPage() {
  const t = useMessages(membersMessages);
  const { language } = useLanguage();
  const { slug = '' } = useParams();
  const me = useMe();
  const council = useCouncil(slug);
  // The api's day, not the browser's: the dashboard says when it was read.
  const dashboard = useDashboard(slug, false);
  const [done, setDone] = useState<{ message: string; amend: boolean } | null>(null);
  useDocumentTitle(council.data ? t('documentTitle', { council: council.data.name }) : t('titleBare'));

  const mayManage = me.data?.roles.some((grant) => grant.role === 'admin' || (grant.role === 'secretariat' && grant.council === slug)) ?? false;

  if (council.isPending || (dashboard.isPending && !dashboard.isError)) return <Spinner aria-label={t('titleBare')} data-size="lg" />;
  if (council.isError) {
    return (
      <div className="members stack">
        <Heading level={1} data-size="lg">
          {t('titleBare')}
        </Heading>
        <ProblemAlert error={council.error} onRetry={() => void council.refetch()} />
      </div>
    );
  }

  const today = osloDay(dashboard.data?.asOf ?? new Date());
  const byNumber = [...council.data.members].sort((a, b) => a.municipalityNumber.localeCompare(b.municipalityNumber) || a.joinedOn.localeCompare(b.joinedOn));
  const current = byNumber.filter((member) => isCurrent(member, today));
  const past = byNumber.filter((member) => !isCurrent(member, today));
  const nameOf = (number: string | null) => council.data.members.find((member) => member.municipalityNumber === number)?.name ?? number ?? '';
  const ruleText = withdrawalRuleText(council.data, t);

  return (
    <div className="members stack">
      <Link asChild>
        <RouterLink to={`/councils/${encodeURIComponent(slug)}`}>{t('backToDashboard', { council: council.data.name })}</RouterLink>
      </Link>
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t('title', { council: council.data.name })}
        </Heading>
        <Paragraph>{t('lead')}</Paragraph>
      </div>

      <section aria-labelledby="members-rule-heading" className="stack">
        <Heading level={2} data-size="sm" id="members-rule-heading">
          {t('withdrawalRuleHeading')}
        </Heading>
        <Paragraph>{ruleText}</Paragraph>
      </section>

      <p role="status" className="members__status">
        {done?.message}
      </p>
      {done?.amend && (
        <Alert data-color="info">
          <Paragraph>{t('amendNote')}</Paragraph>
        </Alert>
      )}

      {mayManage && (
        <MemberActions
          slug={slug}
          council={council.data}
          open={current.filter((member) => member.ending === null && member.joinedOn <= today)}
          ruleText={ruleText}
          // Once a merger or a member leaving is recorded, the note on rounds and cost keys stays.
          onDone={(message, amend = false) => setDone((previous) => ({ message, amend: amend || (previous?.amend ?? false) }))}
        />
      )}

      <section aria-labelledby="members-current-heading" className="stack">
        <Heading level={2} data-size="md" id="members-current-heading">
          {t('currentHeading')}
        </Heading>
        {current.length === 0 ? (
          <Paragraph>{t('noCurrent')}</Paragraph>
        ) : (
          <div className="table-scroll">
            <Table data-size="sm" zebra aria-labelledby="members-current-heading">
              <caption className="members__caption">{t('currentCaption', { count: current.length })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t('number')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('name')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('joinedOn')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="numeric">
                    {t('seats')}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('status')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {current.map((member) => (
                  <Table.Row key={`${member.municipalityNumber}-${member.joinedOn}`}>
                    <Table.Cell>{member.municipalityNumber}</Table.Cell>
                    <Table.HeaderCell scope="row">{member.name}</Table.HeaderCell>
                    <Table.Cell>{formatDate(member.joinedOn, language)}</Table.Cell>
                    <Table.Cell className="numeric">{member.representatives}</Table.Cell>
                    <Table.Cell>
                      <MemberTag member={member} today={today} nameOf={nameOf} />
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>

      <section aria-labelledby="members-past-heading" className="stack">
        <Heading level={2} data-size="md" id="members-past-heading">
          {t('pastHeading')}
        </Heading>
        {past.length === 0 ? (
          <Paragraph>{t('noPast')}</Paragraph>
        ) : (
          <div className="table-scroll">
            <Table data-size="sm" zebra aria-labelledby="members-past-heading">
              <caption className="members__caption">{t('pastCaption')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t('number')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('name')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('joinedOn')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('leftOn')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('ended')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {past.map((member) => (
                  <Table.Row key={`${member.municipalityNumber}-${member.joinedOn}`}>
                    <Table.Cell>{member.municipalityNumber}</Table.Cell>
                    <Table.HeaderCell scope="row">{member.name}</Table.HeaderCell>
                    <Table.Cell>{formatDate(member.joinedOn, language)}</Table.Cell>
                    <Table.Cell>{member.leftOn && formatDate(member.leftOn, language)}</Table.Cell>
                    <Table.Cell>{endedText(member, nameOf, t, language)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>
    </div>
  );
}

type Translate = ReturnType<typeof useMessages<keyof (typeof membersMessages)['nb']>>;

function MemberTag({ member, today, nameOf }: { member: Member; today: string; nameOf: (number: string | null) => string }) {
  const t = useMessages(membersMessages);
  const { language } = useLanguage();
  if (member.joinedOn > today) {
    return (
      <Tag data-color="info" data-size="sm">
        {t('tagJoining', { date: formatShortDate(member.joinedOn, language) })}
      </Tag>
    );
  }
  if (!member.leftOn) return null;
  const date = formatShortDate(member.leftOn, language);
  if (member.ending === 'merger') {
    return (
      <Tag data-color="warning" data-size="sm">
        {t('tagMerger', { successor: nameOf(member.succeededBy), date: formatShortDate(dayAfter(member.leftOn), language) })}
      </Tag>
    );
  }
  return (
    <Tag data-color="warning" data-size="sm" title={member.noticeGivenOn ? t('noticeGiven', { date: formatDate(member.noticeGivenOn, language) }) : undefined}>
      {t(member.ending === 'withdrawal' ? 'tagWithdrawal' : 'tagLeaving', { date })}
    </Tag>
  );
}

function endedText(member: Member, nameOf: (number: string | null) => string, t: Translate, language: ReturnType<typeof useLanguage>['language']): string {
  const date = member.leftOn ? formatDate(member.leftOn, language) : '';
  if (member.ending === 'merger' && member.leftOn) return t('endedMerger', { successor: nameOf(member.succeededBy), date: formatDate(dayAfter(member.leftOn), language) });
  if (member.ending === 'withdrawal' && member.noticeGivenOn) return t('endedWithdrawal', { notice: formatDate(member.noticeGivenOn, language), date });
  return t('endedLeft', { date });
}

function withdrawalRuleText(council: Council, t: Translate): string {
  const { noticeMonths, atYearEnd } = council.withdrawalRule;
  if (noticeMonths === 0) return t(atYearEnd ? 'ruleNoneYearEnd' : 'ruleNone');
  if (noticeMonths === 1) return t(atYearEnd ? 'ruleYearEndOne' : 'ruleOne');
  return t(atYearEnd ? 'ruleYearEnd' : 'rule', { months: noticeMonths });
}
