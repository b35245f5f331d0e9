import './notices.css';
import { Alert, Button, Checkbox, Heading, Link, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { BellDotIcon } from '@navikt/aksel-icons';
import { InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { Schemas, api, data } from '../../api/client';
import { nextPageQuery } from '../../api/pages';
import type { paths } from '../../api/schema';
import { ProblemAlert } from '../../components/query-state';
import { useDocumentTitle } from '../../components/use-document-title';
import { commonMessages } from '../../i18n/common.messages';
import { formatInstant } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { noticesMessages } from './notices.messages';

type Notice = Schemas['NotificationResponse'];
type NoticesQuery = NonNullable<paths['/api/me/notifications']['get']['parameters']['query']>;
interface NoticePage {
  notices: Notice[];
  /** The query of the next page, from the answer's `Link: <…>; rel="next"`; null on the last. */
  next: NoticesQuery | null;
}

const KINDS = ['reminder', 'overdue', 'escalation', 'settled', 'veto', 'in_force', 'extended', 'withdrawn', 'expired', 'postponed', 'forecast_late'] as const;
type Kind = (typeof KINDS)[number];

/** A notice links to the round's read-only page; the links written into notices and e-mails may carry the old `/app` prefix. */
function roundHref(notice: Notice): string | null {
  if (notice.link) {
    const path = notice.link.replace(/^https?:\/\/[^/]+/, '').replace(/^\/app(?=\/)/, '');
    if (path.startsWith('/')) return path;
  }
  return notice.roundId ? `/rounds/${notice.roundId}` : null;
}

/** The person's notices, newest first, with the unread ones marked and a way to mark them read. */
export function NoticesPage() {
  const t = useMessages(noticesMessages);
  const common = useMessages(commonMessages);
  const [unreadOnly, setUnreadOnly] = useState(false);
  useDocumentTitle(t('title'));
  const notices = useInfiniteQuery({
    queryKey: ['notices', { unreadOnly }],
    initialPageParam: (unreadOnly ? { unread: true } : {}) as NoticesQuery,
    queryFn: async ({ pageParam }): Promise<NoticePage> => {
      const result = await api.GET('/api/me/notifications', { params: { query: pageParam } });
      return { notices: data(result), next: nextPageQuery<NoticesQuery>(result.response) };
    },
    getNextPageParam: (last) => last.next,
  });
  const shown = notices.data?.pages.flatMap((page) => page.notices) ?? [];
  const unread = shown.filter((notice) => !notice.readAt).length;

  return (
    <div className="notices stack">
      <Heading level={1} data-size="lg">
        {t('title')}
      </Heading>
      <Paragraph>{t('lead')}</Paragraph>
      <Checkbox label={t('unreadOnly')} checked={unreadOnly} onChange={(event) => setUnreadOnly(event.target.checked)} />
      {notices.isPending && <Spinner aria-label={common('loading')} data-size="lg" />}
      {notices.isError && <ProblemAlert error={notices.error} onRetry={() => void notices.refetch()} />}
      {notices.isSuccess &&
        (shown.length === 0 ? (
          <Paragraph>{unreadOnly ? t('noneUnread') : t('none')}</Paragraph>
        ) : (
          <>
            <Paragraph data-size="sm">
              {unread === 1 ? t('unreadCountOne', { total: shown.length }) : t('unreadCount', { count: unread, total: shown.length })}
            </Paragraph>
            <ul className="notices__list">
              {shown.map((notice) => (
                <li key={notice.id}>
                  <NoticeCard notice={notice} />
                </li>
              ))}
            </ul>
          </>
        ))}
      {notices.hasNextPage && (
        <div>
          <Button
            variant="secondary"
            onClick={() => void notices.fetchNextPage()}
            disabled={notices.isFetchingNextPage}
            loading={notices.isFetchingNextPage}
          >
            {t('more')}
          </Button>
        </div>
      )}
    </div>
  );
}

function NoticeCard({ notice }: { notice: Notice }) {
  const t = useMessages(noticesMessages);
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const headingId = `notice-${notice.id}`;
  const markRead = useMutation({
    mutationFn: async () => data(await api.POST('/api/me/notifications/{id}/read', { params: { path: { id: notice.id } } })),
    onSuccess: (read) => {
      queryClient.setQueriesData<InfiniteData<NoticePage>>({ queryKey: ['notices'] }, (cached) =>
        cached && {
          ...cached,
          pages: cached.pages.map((page) => ({ ...page, notices: page.notices.map((other) => (other.id === read.id ? read : other)) })),
        },
      );
      // The button is gone once read; the notice itself takes the focus, so the keyboard stays in place.
      requestAnimationFrame(() => document.getElementById(headingId)?.focus());
    },
  });
  const href = roundHref(notice);
  const unread = !notice.readAt;
  const paragraphs = notice.body.split(/\n{2,}/);
  // The body ends with the address written out for e-mail; here the link below stands for it.
  if (href && paragraphs.length > 1 && /https?:\/\/\S+\s*$/.test(paragraphs[paragraphs.length - 1])) paragraphs.pop();

  return (
    <article className="notice" data-unread={unread || undefined} aria-labelledby={headingId}>
      <div className="notice__meta">
        {unread && (
          <Tag data-color="info" data-size="sm" className="status-tag">
            <BellDotIcon aria-hidden />
            {t('unread')}
          </Tag>
        )}
        {(KINDS as readonly string[]).includes(notice.kind) && (
          <Tag data-color="neutral" data-size="sm" variant="outline">
            {t(`kind_${notice.kind as Kind}`)}
          </Tag>
        )}
        <Paragraph data-size="sm" asChild>
          <span>
            <span className="visually-hidden">{t('received')} </span>
            <time dateTime={notice.createdAt}>{formatInstant(notice.createdAt, language)}</time>
          </span>
        </Paragraph>
      </div>
      <Heading level={2} data-size="xs" id={headingId} tabIndex={-1}>
        {notice.subject}
      </Heading>
      {paragraphs.map((text, index) => (
        <Paragraph key={index} className="notice__text">
          {text}
        </Paragraph>
      ))}
      <div className="row">
        {href && (
          <Link asChild>
            <RouterLink to={href} aria-describedby={headingId}>
              {t('openRound')}
            </RouterLink>
          </Link>
        )}
        {unread ? (
          <Button variant="secondary" data-size="sm" onClick={() => markRead.mutate()} disabled={markRead.isPending} loading={markRead.isPending}>
            {t('markRead')}
          </Button>
        ) : (
          <Paragraph data-size="sm">{t('readAt', { time: formatInstant(notice.readAt!, language) })}</Paragraph>
        )}
      </div>
      {markRead.isError && (
        <Alert data-color="danger">
          <Paragraph>
            <strong>{t('markReadFailed')}</strong>
          </Paragraph>
          <ProblemText error={markRead.error} />
        </Alert>
      )}
    </article>
  );
}

function ProblemText({ error }: { error: unknown }) {
  return <Paragraph>{error instanceof Error ? error.message : String(error)}</Paragraph>;
}
