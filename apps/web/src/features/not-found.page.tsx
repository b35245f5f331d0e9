import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useDocumentTitle } from '../components/use-document-title';
import { commonMessages } from '../i18n/common.messages';
import { useMessages } from '../i18n/i18n';

export function NotFoundPage() {
  const t = useMessages(commonMessages);
  useDocumentTitle(t('notFoundTitle'));
  return (
    <section>
      <Heading level={1} data-size="lg">
        {t('notFoundTitle')}
      </Heading>
      <Paragraph>{t('notFoundText')}</Paragraph>
      <Link asChild>
        <RouterLink to="/">{t('home')}</RouterLink>
      </Link>
    </section>
  );
}
