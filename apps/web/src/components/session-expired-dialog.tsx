import { Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { session } from '../auth/session';
import { useSession } from '../auth/use-session';
import { commonMessages } from '../i18n/common.messages';
import { useMessages } from '../i18n/i18n';

/** Shown when the api refused the token and a silent renewal failed: sign in again, keep the drafts. */
export function SessionExpiredDialog() {
  const t = useMessages(commonMessages);
  const { status } = useSession();
  return (
    <Dialog open={status === 'expired'} modal closedby="none" closeButton={false} aria-labelledby="session-expired-title">
      <Heading level={2} data-size="sm" id="session-expired-title">
        {t('expiredTitle')}
      </Heading>
      <Paragraph>{t('expiredText')}</Paragraph>
      <Button onClick={() => void session.signIn()}>{t('expiredSignIn')}</Button>
    </Dialog>
  );
}
