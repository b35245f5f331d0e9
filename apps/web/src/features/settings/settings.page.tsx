import './settings.css';
import { Alert, Button, Fieldset, Heading, Paragraph, Radio, Spinner, Textfield } from '@digdir/designsystemet-react';
import { FilesIcon } from '@navikt/aksel-icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useRef, useState } from 'react';
import { Schemas, api, data } from '../../api/client';
import { useMe } from '../../api/me.queries';
import { ProblemAlert, QueryState } from '../../components/query-state';
import { useDocumentTitle } from '../../components/use-document-title';
import { commonMessages } from '../../i18n/common.messages';
import { formatInstant } from '../../i18n/formats';
import { LANGUAGES, Language, useLanguage, useMessages } from '../../i18n/i18n';
import { settingsMessages } from './settings.messages';

type NoticeLanguage = Schemas['SettingsResponse']['language'];

// Each language is named in itself, as a language menu does.
const LANGUAGE_NAMES: Record<Language, string> = { nb: 'Bokmål', nn: 'Nynorsk', en: 'English' };
const FOLLOW = 'municipality';

/** A signed-in person's own settings: the language of their notices and of the screens, and calendar feeds. */
export function SettingsPage() {
  const t = useMessages(settingsMessages);
  useDocumentTitle(t('title'));
  return (
    <div className="settings stack">
      <Heading level={1} data-size="lg">
        {t('title')}
      </Heading>
      <NoticeLanguageSection />
      <InterfaceLanguageSection />
      <CalendarSection />
    </div>
  );
}

function NoticeLanguageSection() {
  const t = useMessages(settingsMessages);
  const settings = useQuery({ queryKey: ['settings'], queryFn: async () => data(await api.GET('/api/me/settings')) });
  return (
    <section className="settings__section" aria-labelledby="settings-notices">
      <Heading level={2} data-size="md" id="settings-notices">
        {t('noticeHeading')}
      </Heading>
      <Paragraph>{t('noticeLead')}</Paragraph>
      <QueryState query={settings}>{(current) => <NoticeLanguageForm saved={current.language} />}</QueryState>
    </section>
  );
}

function NoticeLanguageForm({ saved }: { saved: NoticeLanguage }) {
  const t = useMessages(settingsMessages);
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<Language | typeof FOLLOW>(saved ?? FOLLOW);
  const save = useMutation({
    mutationFn: async (language: NoticeLanguage) => data(await api.PUT('/api/me/settings', { body: { language } })),
    onSuccess: (result) => queryClient.setQueryData(['settings'], result),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    save.mutate(choice === FOLLOW ? null : choice);
  };

  return (
    <form className="stack" onSubmit={submit}>
      <Fieldset>
        <Fieldset.Legend>{t('noticeLegend')}</Fieldset.Legend>
        {LANGUAGES.map((code) => (
          <Radio
            key={code}
            name="notice-language"
            value={code}
            label={<span lang={code}>{LANGUAGE_NAMES[code]}</span>}
            checked={choice === code}
            onChange={() => {
              setChoice(code);
              save.reset();
            }}
          />
        ))}
        <Radio
          name="notice-language"
          value={FOLLOW}
          label={t('followMunicipality')}
          description={t('followMunicipalityHint')}
          checked={choice === FOLLOW}
          onChange={() => {
            setChoice(FOLLOW);
            save.reset();
          }}
        />
      </Fieldset>
      <div>
        <Button type="submit" disabled={save.isPending} loading={save.isPending}>
          {t('saveNotice')}
        </Button>
      </div>
      {/* Always there, so the confirmation is read out when it appears. */}
      <div role="status">
        {save.isSuccess && (
          <Alert data-color="success">{save.data.language ? t('savedNotice', { language: t(save.data.language) }) : t('savedFollow')}</Alert>
        )}
      </div>
      {save.isError && (
        <Alert data-color="danger">
          <Paragraph>
            <strong>{t('saveFailed')}</strong>
          </Paragraph>
          <Paragraph>{save.error.message}</Paragraph>
        </Alert>
      )}
    </form>
  );
}

function InterfaceLanguageSection() {
  const t = useMessages(settingsMessages);
  const { language, setLanguage } = useLanguage();
  return (
    <section className="settings__section" aria-labelledby="settings-interface">
      <Heading level={2} data-size="md" id="settings-interface">
        {t('interfaceHeading')}
      </Heading>
      <Paragraph>{t('interfaceLead')}</Paragraph>
      <Fieldset>
        <Fieldset.Legend>{t('interfaceLegend')}</Fieldset.Legend>
        {LANGUAGES.map((code) => (
          <Radio
            key={code}
            name="interface-language"
            value={code}
            label={<span lang={code}>{LANGUAGE_NAMES[code]}</span>}
            checked={language === code}
            onChange={() => setLanguage(code)}
          />
        ))}
      </Fieldset>
    </section>
  );
}

type FeedTarget = { scope: 'council'; council: string; name: string } | { scope: 'municipality'; municipality: string; name: string };

function CalendarSection() {
  const t = useMessages(settingsMessages);
  const common = useMessages(commonMessages);
  const me = useMe();
  const councils = useQuery({ queryKey: ['councils'], queryFn: async () => data(await api.GET('/api/councils')) });
  const clerkOf = (me.data?.roles ?? []).flatMap((grant) => (grant.role === 'clerk' && grant.municipality ? [grant.municipality] : []));
  // The municipality's name comes with its inbox, which its clerk reads anyway.
  const inboxes = useQueries({
    queries: clerkOf.map((number) => ({
      queryKey: ['inbox', number],
      queryFn: async () => data(await api.GET('/api/municipalities/{municipalityNumber}/inbox', { params: { path: { municipalityNumber: number } } })),
    })),
  });

  let content;
  if (me.isPending || councils.isPending) content = <Spinner aria-label={common('loading')} data-size="md" />;
  else if (me.isError) content = <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;
  else if (councils.isError) content = <ProblemAlert error={councils.error} onRetry={() => void councils.refetch()} />;
  else {
    const targets: FeedTarget[] = [
      ...councils.data.map((council) => ({ scope: 'council' as const, council: council.slug, name: council.name })),
      ...clerkOf.map((number, index) => ({
        scope: 'municipality' as const,
        municipality: number,
        name: t('municipalityName', { name: inboxes[index]?.data?.municipality.name ?? number }),
      })),
    ];
    content =
      targets.length === 0 ? (
        <Paragraph>{t('calendarNone')}</Paragraph>
      ) : (
        <ul className="settings__feeds">
          {targets.map((target) => (
            <li key={target.scope === 'council' ? `council-${target.council}` : `municipality-${target.municipality}`}>
              <CalendarFeed target={target} />
            </li>
          ))}
        </ul>
      );
  }

  return (
    <section className="settings__section" aria-labelledby="settings-calendar">
      <Heading level={2} data-size="md" id="settings-calendar">
        {t('calendarHeading')}
      </Heading>
      <Paragraph>{t('calendarLead')}</Paragraph>
      {content}
    </section>
  );
}

/** One feed: made on request (the token is a credential, so only when asked for) and kept in memory only. */
function CalendarFeed({ target }: { target: FeedTarget }) {
  const t = useMessages(settingsMessages);
  const { language } = useLanguage();
  const id = target.scope === 'council' ? `feed-council-${target.council}` : `feed-municipality-${target.municipality}`;
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const inputRef = useRef<HTMLInputElement>(null);
  const issue = useMutation({
    mutationFn: async () =>
      data(
        await api.POST('/api/me/calendar-feeds', {
          body: target.scope === 'council' ? { scope: 'council', council: target.council } : { scope: 'municipality', municipality: target.municipality },
        }),
      ),
    onSuccess: () => setCopyState('idle'),
  });

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopyState('copied');
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setCopyState('manual');
    }
  };

  return (
    <article className="settings__feed stack" aria-labelledby={`${id}-heading`}>
      <Heading level={3} data-size="xs" id={`${id}-heading`}>
        {target.name}
      </Heading>
      <Paragraph data-size="sm">{target.scope === 'council' ? t('councilFeedHint') : t('municipalityFeedHint')}</Paragraph>
      {issue.data ? (
        <>
          <Textfield
            ref={inputRef}
            id={`${id}-url`}
            label={t('feedLabel', { name: target.name })}
            description={t('feedPersonal', { date: formatInstant(issue.data.expiresAt, language) })}
            value={issue.data.url}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
          />
          <div className="row">
            <Button variant="secondary" onClick={() => void copy(issue.data.url)}>
              <FilesIcon aria-hidden />
              {t('copy', { name: target.name })}
            </Button>
          </div>
        </>
      ) : (
        <div>
          <Button variant="secondary" onClick={() => issue.mutate()} disabled={issue.isPending} loading={issue.isPending}>
            {t('makeFeed', { name: target.name })}
          </Button>
        </div>
      )}
      <p role="status" className="settings__copied">
        {copyState === 'copied' ? t('copied') : copyState === 'manual' ? t('copyManually') : ''}
      </p>
      {issue.isError && (
        <Alert data-color="danger">
          <Paragraph>
            <strong>{t('feedFailed')}</strong>
          </Paragraph>
          <Paragraph>{issue.error instanceof Error ? issue.error.message : String(issue.error)}</Paragraph>
        </Alert>
      )}
    </article>
  );
}
