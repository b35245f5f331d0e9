import { Button, Paragraph } from '@digdir/designsystemet-react';
import { commonMessages } from '../i18n/common.messages';
import { useMessages } from '../i18n/i18n';

/** What a list read in pages tells about its next page (usePagedList). */
interface MorePages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** "Show more" under a list the api answers in pages, while there is a next page; a failed page can be asked for again. */
export function ShowMore({ list, label }: { list: MorePages; label?: string }) {
  const t = useMessages(commonMessages);
  if (!list.hasNextPage) return null;
  return (
    <div className="stack">
      {list.isFetchNextPageError && (
        <Paragraph role="alert" data-size="sm">
          {t('moreFailed')}
        </Paragraph>
      )}
      <div>
        <Button variant="secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage} loading={list.isFetchingNextPage}>
          {label ?? t('showMore')}
        </Button>
      </div>
    </div>
  );
}
