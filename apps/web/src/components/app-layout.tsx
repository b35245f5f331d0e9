import { Button, Link, Paragraph, Select, SkipLink } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link as RouterLink, Outlet, useLocation } from 'react-router';
import { session } from '../auth/session';
import { useSession } from '../auth/use-session';
import { useMe } from '../api/me.queries';
import { commonMessages } from '../i18n/common.messages';
import { LANGUAGES, Language, useLanguage, useMessages } from '../i18n/i18n';
import { SessionExpiredDialog } from './session-expired-dialog';

const LANGUAGE_NAMES: Record<Language, string> = { nb: 'Bokmål', nn: 'Nynorsk', en: 'English' };

/** The frame of every page: a skip link, the header with the person and language, the page. */
export function AppLayout() {
  const t = useMessages(commonMessages);
  const { language, setLanguage } = useLanguage();
  const { status } = useSession();
  const me = useMe();
  const location = useLocation();
  const queryClient = useQueryClient();

  useEffect(() => {
    // After a route change the main region gets focus, so a screen reader starts at the new page.
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <div className="app">
      <SkipLink href="#main">{t('skipToContent')}</SkipLink>
      <header className="app-header">
        <div className="app-header__inner">
          <RouterLink to="/" className="app-header__product">
            {t('product')}
          </RouterLink>
          <nav aria-label={t('navigation')} className="app-header__nav">
            {status === 'signed-in' && (
              <>
                <Link asChild>
                  <RouterLink to="/notices">{t('notices')}</RouterLink>
                </Link>
                <Link asChild>
                  <RouterLink to="/settings">{t('settings')}</RouterLink>
                </Link>
              </>
            )}
          </nav>
          <div className="app-header__person">
            <label className="app-header__language">
              <span>{t('language')}</span>
              <Select data-size="sm" value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
                {LANGUAGES.map((code) => (
                  <Select.Option key={code} value={code} lang={code}>
                    {LANGUAGE_NAMES[code]}
                  </Select.Option>
                ))}
              </Select>
            </label>
            {status === 'signed-in' && me.data && <Paragraph data-size="sm">{t('signedInAs', { name: me.data.name })}</Paragraph>}
            {status === 'signed-in' && (
              <Button
                variant="secondary"
                data-size="sm"
                onClick={() => {
                  queryClient.clear();
                  void session.signOut();
                }}
              >
                {t('signOut')}
              </Button>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <Outlet />
      </main>
      <SessionExpiredDialog />
    </div>
  );
}
