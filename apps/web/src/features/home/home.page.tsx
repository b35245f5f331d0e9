import { Button, Card, Heading, Link, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { Navigate, Link as RouterLink } from 'react-router';
import { useMe, useMyCouncils } from '../../api/me.queries';
import { session } from '../../auth/session';
import { useSession } from '../../auth/use-session';
import { ProblemAlert } from '../../components/query-state';
import { ShowMore } from '../../components/show-more';
import { useDocumentTitle } from '../../components/use-document-title';
import { commonMessages } from '../../i18n/common.messages';
import { useMessages } from '../../i18n/i18n';

/** Where a person lands: sign in, or straight to their one workspace, or a choice of them. */
export function HomePage() {
  const t = useMessages(commonMessages);
  const { status } = useSession();
  useDocumentTitle(t('product'));
  if (status === 'starting') return <Spinner aria-label={t('starting')} data-size="lg" />;
  if (status === 'unavailable') return <Paragraph>{t('unavailable')}</Paragraph>;
  if (status === 'signed-out') {
    return (
      <section className="landing">
        <Heading level={1} data-size="xl">
          {t('landingTitle')}
        </Heading>
        <Paragraph data-size="lg">{t('landingLead')}</Paragraph>
        <Paragraph>{t('landingSignIn')}</Paragraph>
        <Button onClick={() => void session.signIn('/')}>{t('signIn')}</Button>
      </section>
    );
  }
  return <Workspaces />;
}

/** Shown while a sign-in comes back from the identity provider. */
export function SigningIn() {
  const t = useMessages(commonMessages);
  return <Spinner aria-label={t('starting')} data-size="lg" />;
}

function Workspaces() {
  const t = useMessages(commonMessages);
  const me = useMe();
  const councils = useMyCouncils();
  if (me.isPending || councils.isPending) return <Spinner aria-label={t('loading')} data-size="lg" />;
  if (me.isError) return <ProblemAlert error={me.error} />;
  const roles = me.data.roles;
  const staffCouncils = new Set(roles.filter((grant) => grant.role === 'secretariat' || grant.role === 'leader').map((grant) => grant.council));
  const isAdmin = roles.some((grant) => grant.role === 'admin');
  const dashboards = councils.items.filter((council) => isAdmin || staffCouncils.has(council.slug));
  const inboxes = roles.filter((grant) => grant.role === 'clerk').map((grant) => grant.municipality!);
  const places = [
    ...dashboards.map((council) => ({ to: `/councils/${council.slug}`, label: t('dashboardOf', { council: council.name }) })),
    ...inboxes.map((number) => ({ to: `/municipalities/${number}`, label: t('inboxOf', { municipality: number }) })),
  ];
  if (places.length === 1 && !councils.hasNextPage) return <Navigate to={places[0].to} replace />;
  return (
    <section>
      <Heading level={1} data-size="lg">
        {t('workspacesTitle')}
      </Heading>
      {places.length === 0 && <Paragraph>{t('noGrants')}</Paragraph>}
      <ul className="card-list">
        {places.map((place) => (
          <li key={place.to}>
            <Card data-color="neutral">
              <Heading level={2} data-size="sm">
                <Link asChild>
                  <RouterLink to={place.to}>{place.label}</RouterLink>
                </Link>
              </Heading>
            </Card>
          </li>
        ))}
      </ul>
      <ShowMore list={councils} />
    </section>
  );
}
