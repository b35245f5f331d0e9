import { Button, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { Outlet } from 'react-router';
import { session } from '../auth/session';
import { useSession } from '../auth/use-session';
import { commonMessages } from '../i18n/common.messages';
import { useMessages } from '../i18n/i18n';

/** Pages behind sign-in: a link from a notice asks to sign in first, then opens where it pointed. */
export function RequireSignIn() {
  const t = useMessages(commonMessages);
  const { status } = useSession();
  if (status === 'starting') return <Spinner aria-label={t('starting')} data-size="lg" />;
  if (status === 'unavailable') return <Paragraph>{t('unavailable')}</Paragraph>;
  if (status === 'signed-out') {
    return (
      <section className="landing">
        <Heading level={1} data-size="lg">
          {t('product')}
        </Heading>
        <Paragraph>{t('landingSignIn')}</Paragraph>
        <Button onClick={() => void session.signIn()}>{t('signIn')}</Button>
      </section>
    );
  }
  return <Outlet />;
}
