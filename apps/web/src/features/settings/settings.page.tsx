import './settings.css';
import { Alert, Button, Checkbox, Fieldset, Heading, Paragraph, Radio, Spinner, Tag, Textfield } from '@digdir/designsystemet-react';
import { FilesIcon, TrashIcon } from '@navikt/aksel-icons';
import { InfiniteData, useMutation, useMutationState, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { Schemas, api, data, toProblem } from '../../api/client';
import { MY_CALENDAR_FEEDS, useMe, useMyCalendarFeeds, useMyCouncils } from '../../api/me.queries';
import type { ListPage } from '../../api/pages';
import { ProblemAlert, QueryState } from '../../components/query-state';
import { ShowMore } from '../../components/show-more';
import { useDocumentTitle } from '../../components/use-document-title';
import { commonMessages } from '../../i18n/common.messages';
import { formatInstant } from '../../i18n/formats';
import { LANGUAGES, Language, useLanguage, useMessages } from '../../i18n/i18n';
import { settingsMessages } from './settings.messages';

type NoticeLanguage = Schemas['SettingsResponse']['language'];
type Settings = Schemas['SettingsResponse'];
type EmailKind = Settings['emailOffKinds'][number];

/** Every kind of notice, in the order the notices list them; each may come by e-mail or stay in the app only. */
const EMAIL_KINDS: readonly EmailKind[] = [
  'reminder',
  'overdue',
  'escalation',
  'settled',
  'veto',
  'in_force',
  'extended',
  'withdrawn',
  'expired',
  'postponed',
  'forecast_late',
];
type MyFeed = Schemas['CalendarFeedSummaryResponse'];

// Each language is named in itself, as a language menu does.
const LANGUAGE_NAMES: Record<Language, string> = { nb: 'Bokmål', nn: 'Nynorsk', en: 'English' };
const FOLLOW = 'municipality';
/** Deleting a feed in the list: the feed that showed its address hears of it by this key. */
const REVOKE_CALENDAR_FEED = ['revoke-calendar-feed'] as const;

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
      <NoticeEmailSection />
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

function NoticeEmailSection() {
  const t = useMessages(settingsMessages);
  const settings = useQuery({ queryKey: ['settings'], queryFn: async () => data(await api.GET('/api/me/settings')) });
  return (
    <section className="settings__section" aria-labelledby="settings-email">
      <Heading level={2} data-size="md" id="settings-email">
        {t('emailHeading')}
      </Heading>
      <Paragraph>{t('emailLead')}</Paragraph>
      <QueryState query={settings}>{(current) => <NoticeEmailForm saved={current} />}</QueryState>
    </section>
  );
}

/** A box per kind, ticked when that kind also comes by e-mail; saved with the written standard as it is kept. */
function NoticeEmailForm({ saved }: { saved: Settings }) {
  const t = useMessages(settingsMessages);
  const queryClient = useQueryClient();
  const [off, setOff] = useState<ReadonlySet<EmailKind>>(() => new Set(saved.emailOffKinds));
  const save = useMutation({
    mutationFn: async (emailOffKinds: EmailKind[]) =>
      data(await api.PUT('/api/me/settings', { body: { language: saved.language, emailOffKinds } })),
    onSuccess: (result) => queryClient.setQueryData(['settings'], result),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    save.mutate(EMAIL_KINDS.filter((kind) => off.has(kind)));
  };

  return (
    <form className="stack" onSubmit={submit}>
      <Fieldset>
        <Fieldset.Legend>{t('emailLegend')}</Fieldset.Legend>
        {EMAIL_KINDS.map((kind) => (
          <Checkbox
            key={kind}
            name="notice-email"
            value={kind}
            label={t(`email_${kind}`)}
            checked={!off.has(kind)}
            onChange={(event) => {
              const next = new Set(off);
              if (event.target.checked) next.delete(kind);
              else next.add(kind);
              setOff(next);
              save.reset();
            }}
          />
        ))}
      </Fieldset>
      <div>
        <Button type="submit" disabled={save.isPending} loading={save.isPending}>
          {t('saveEmail')}
        </Button>
      </div>
      {/* Always there, so the confirmation is read out when it appears. */}
      <div role="status">{save.isSuccess && <Alert data-color="success">{t('savedEmail')}</Alert>}</div>
      {save.isError && (
        <Alert data-color="danger">
          <Paragraph>
            <strong>{t('saveEmailFailed')}</strong>
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
  const councils = useMyCouncils();
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
  else if (councils.isError && !councils.isFetchNextPageError) content = <ProblemAlert error={councils.error} onRetry={() => void councils.refetch()} />;
  else {
    const targets: FeedTarget[] = [
      ...councils.items.map((council) => ({ scope: 'council' as const, council: council.slug, name: council.name })),
      ...clerkOf.map((number, index) => ({
        scope: 'municipality' as const,
        municipality: number,
        name: t('municipalityName', { name: inboxes[index]?.data?.municipality.name ?? number }),
      })),
    ];
    content = (
      <>
        {targets.length === 0 ? (
          <Paragraph>{t('calendarNone')}</Paragraph>
        ) : (
          <ul className="settings__feeds">
            {targets.map((target) => (
              <li key={target.scope === 'council' ? `council-${target.council}` : `municipality-${target.municipality}`}>
                <CalendarFeed target={target} />
              </li>
            ))}
          </ul>
        )}
        <ShowMore list={councils} />
      </>
    );
  }

  return (
    <section className="settings__section" aria-labelledby="settings-calendar">
      <Heading level={2} data-size="md" id="settings-calendar">
        {t('calendarHeading')}
      </Heading>
      <Paragraph>{t('calendarLead')}</Paragraph>
      {content}
      <MyFeeds />
    </section>
  );
}

/** The feeds the person has made, with when each runs out, and a way to revoke each. */
function MyFeeds() {
  const t = useMessages(settingsMessages);
  const common = useMessages(commonMessages);
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const feeds = useMyCalendarFeeds();
  const revoke = useMutation({
    mutationKey: REVOKE_CALENDAR_FEED,
    mutationFn: async (feed: MyFeed) => {
      const result = await api.DELETE('/api/me/calendar-feeds/{id}', { params: { path: { id: feed.id } } });
      if (!result.response.ok) throw toProblem(result.error, result.response);
      return feed;
    },
    onSuccess: (feed) => {
      queryClient.setQueryData<InfiniteData<ListPage<MyFeed, unknown>>>(
        MY_CALENDAR_FEEDS,
        (cached) => cached && { ...cached, pages: cached.pages.map((page) => ({ ...page, items: page.items.filter((other) => other.id !== feed.id) })) },
      );
      void queryClient.invalidateQueries({ queryKey: MY_CALENDAR_FEEDS });
      // The button is gone with its feed; the list's heading takes the focus, so the keyboard stays in place.
      requestAnimationFrame(() => document.getElementById('settings-my-feeds')?.focus());
    },
  });
  const nameOf = (feed: MyFeed) => (feed.scope === 'municipality' ? t('municipalityName', { name: feed.name }) : feed.name);

  let content;
  if (feeds.isPending) content = <Spinner aria-label={common('loading')} data-size="md" />;
  else if (feeds.isError && !feeds.isFetchNextPageError) content = <ProblemAlert error={feeds.error} onRetry={() => void feeds.refetch()} />;
  else if (feeds.items.length === 0) content = <Paragraph>{t('myFeedsNone')}</Paragraph>;
  else {
    content = (
      <ul className="settings__my-feeds">
        {feeds.items.map((feed) => (
          <li key={feed.id} className="settings__my-feed">
            <div className="settings__my-feed-text">
              <Paragraph>
                <strong>{nameOf(feed)}</strong>{' '}
                {feed.expired && (
                  <Tag data-color="warning" data-size="sm">
                    {t('expiredTag')}
                  </Tag>
                )}
              </Paragraph>
              <Paragraph data-size="sm">
                {t('feedKey')} <code>{feed.tokenPrefix}…</code>
              </Paragraph>
              <Paragraph data-size="sm">
                {t(feed.expired ? 'feedExpired' : 'feedExpires', { date: formatInstant(feed.expiresAt, language) })}{' '}
                {feed.lastUsedAt ? t('feedLastUsed', { date: formatInstant(feed.lastUsedAt, language) }) : t('feedNeverUsed')}
              </Paragraph>
            </div>
            <div>
              <Button
                variant="secondary"
                data-color="danger"
                onClick={() => revoke.mutate(feed)}
                disabled={revoke.isPending}
                loading={revoke.isPending && revoke.variables?.id === feed.id}
              >
                <TrashIcon aria-hidden />
                {t('revoke', { name: nameOf(feed) })}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className="stack" role="group" aria-labelledby="settings-my-feeds">
      <Heading level={3} data-size="sm" id="settings-my-feeds" tabIndex={-1}>
        {t('myFeedsHeading')}
      </Heading>
      <Paragraph data-size="sm">{t('myFeedsLead')}</Paragraph>
      {content}
      <ShowMore list={feeds} />
      {/* Always there, so the confirmation is read out when it appears. */}
      <p role="status" className="settings__copied">
        {revoke.isSuccess ? t('revoked', { name: nameOf(revoke.data) }) : ''}
      </p>
      {revoke.isError && (
        <Alert data-color="danger">
          <Paragraph>
            <strong>{t('revokeFailed')}</strong>
          </Paragraph>
          <Paragraph>{revoke.error.message}</Paragraph>
        </Alert>
      )}
    </div>
  );
}

/** One feed: made on request (the token is a credential, so only when asked for) and kept in memory only. */
function CalendarFeed({ target }: { target: FeedTarget }) {
  const t = useMessages(settingsMessages);
  const { language } = useLanguage();
  const queryClient = useQueryClient();
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
    onSuccess: () => {
      setCopyState('idle');
      void queryClient.invalidateQueries({ queryKey: MY_CALENDAR_FEEDS });
    },
  });

  // A link deleted in the list is dead: its address is no longer offered for copying.
  const revoked = useMutationState({
    filters: { mutationKey: REVOKE_CALENDAR_FEED, status: 'success' },
    select: (mutation) => (mutation.state.data as MyFeed | undefined)?.id,
  });
  const shownId = issue.data?.id;
  const { reset } = issue;
  useEffect(() => {
    if (shownId && revoked.includes(shownId)) {
      reset();
      setCopyState('idle');
    }
  }, [shownId, revoked, reset]);

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
