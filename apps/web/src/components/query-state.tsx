import { Alert, Button, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { UseQueryResult } from '@tanstack/react-query';
import { ReactNode } from 'react';
import { ApiProblem } from '../api/client';
import { commonMessages } from '../i18n/common.messages';
import { useMessages } from '../i18n/i18n';

/** Loading, a problem (404 reads as "not found or not yours"), or the data. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const t = useMessages(commonMessages);
  if (query.isPending) return <Spinner aria-label={t('loading')} data-size="lg" />;
  if (query.isError) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useMessages(commonMessages);
  const notFound = error instanceof ApiProblem && (error.status === 404 || error.status === 403);
  return (
    <Alert data-color={notFound ? 'warning' : 'danger'} role="alert">
      <Heading level={2} data-size="xs">
        {notFound ? t('notFoundTitle') : t('errorTitle')}
      </Heading>
      <Paragraph>{notFound ? t('notFoundText') : error instanceof Error ? error.message : String(error)}</Paragraph>
      {onRetry && !notFound && (
        <Button variant="secondary" data-size="sm" onClick={onRetry}>
          {t('retry')}
        </Button>
      )}
    </Alert>
  );
}
