import './launch.css';
import { Alert, Heading, Link, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams } from 'react-router';
import { useMe } from '../../api/me.queries';
import { ProblemAlert } from '../../components/query-state';
import { useDocumentTitle } from '../../components/use-document-title';
import { useMessages } from '../../i18n/i18n';
import { CouncilSetup } from './council-setup';
import { LaunchForm } from './launch-form';
import { launchMessages } from './launch.messages';
import { useAgreementInForce, useAgreementVersions, useCostKeys, useCouncil, useFeesInForce } from './launch.queries';

/** The secretariat launches an approval round: it sees the money, or the § 18-4 check, before anything is sent. */
export function LaunchPage() {
  const t = useMessages(launchMessages);
  const { slug = '' } = useParams();
  const me = useMe();
  const mayLaunch =
    me.data?.roles.some((grant) => grant.role === 'admin' || (grant.role === 'secretariat' && grant.council === slug)) ?? false;
  const isLeader = me.data?.roles.some((grant) => grant.role === 'leader' && grant.council === slug) ?? false;

  const council = useCouncil(slug, mayLaunch);
  const versions = useAgreementVersions(slug, mayLaunch);
  const agreementInForce = useAgreementInForce(slug, mayLaunch);
  const feesInForce = useFeesInForce(slug, mayLaunch);
  const costKeys = useCostKeys(slug, council.data?.costKeys ?? []);
  useDocumentTitle(council.data ? t('title', { council: council.data.name }) : t('titleBare'));

  if (me.isPending) return <Spinner aria-label={t('loading')} data-size="lg" />;
  if (me.isError) return <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;

  if (!mayLaunch) {
    return (
      <div className="launch stack">
        <Heading level={1} data-size="lg">
          {t('titleBare')}
        </Heading>
        <Alert data-color="warning">
          <Heading level={2} data-size="xs">
            {t('notAllowedTitle')}
          </Heading>
          <Paragraph>{t('notAllowedText')}</Paragraph>
          {isLeader && (
            <Paragraph>
              <Link asChild>
                <RouterLink to={`/councils/${slug}`}>{t('toDashboard')}</RouterLink>
              </Link>
            </Paragraph>
          )}
        </Alert>
      </div>
    );
  }

  if (council.isPending) return <Spinner aria-label={t('loading')} data-size="lg" />;
  if (council.isError) {
    return (
      <div className="launch stack">
        <Heading level={1} data-size="lg">
          {t('titleBare')}
        </Heading>
        <ProblemAlert error={council.error} onRetry={() => void council.refetch()} />
      </div>
    );
  }

  return (
    <div className="launch stack">
      <Link asChild>
        <RouterLink to={`/councils/${slug}`}>{t('backToDashboard', { council: council.data.name })}</RouterLink>
      </Link>
      <div className="stack launch-intro">
        <Heading level={1} data-size="lg">
          {t('title', { council: council.data.name })}
        </Heading>
        <Paragraph>{t('lead')}</Paragraph>
      </div>
      <LaunchForm council={council.data} versions={versions} />
      <CouncilSetup
        council={council.data}
        costKeys={costKeys}
        versions={versions}
        agreementInForce={agreementInForce}
        feesInForce={feesInForce}
      />
    </div>
  );
}
