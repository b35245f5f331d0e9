import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { DownloadIcon } from '@navikt/aksel-icons';
import { useState } from 'react';
import { ApiProblem } from '../../api/client';
import { downloadFile } from '../../api/download';
import { useMessages } from '../../i18n/i18n';
import { roundMessages } from './round.messages';
import { Round } from './round.queries';

type Format = 'csv' | 'pdf';

/** The round as CSV or PDF for the case file, fetched with the person's token (a plain link would be refused). */
export function RoundExports({ round }: { round: Round }) {
  const t = useMessages(roundMessages);
  const [busy, setBusy] = useState<Format | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const download = async (format: Format) => {
    if (busy) return;
    setBusy(format);
    setFailure(null);
    try {
      await downloadFile(`/api/rounds/${encodeURIComponent(round.id)}/export.${format}`, `round-${round.id.slice(0, 8)}.${format}`);
    } catch (error) {
      setFailure(error instanceof ApiProblem ? error.detail || error.title : t('networkError'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="round-exports-heading" className="stack">
      <Heading level={2} data-size="sm" id="round-exports-heading">
        {t('exportHeading')}
      </Heading>
      <div className="row">
        <Button variant="secondary" loading={busy === 'csv'} aria-disabled={busy !== null || undefined} onClick={() => void download('csv')}>
          {busy !== 'csv' && <DownloadIcon aria-hidden />}
          {t('exportCsv')}
        </Button>
        <Button variant="secondary" loading={busy === 'pdf'} aria-disabled={busy !== null || undefined} onClick={() => void download('pdf')}>
          {busy !== 'pdf' && <DownloadIcon aria-hidden />}
          {t('exportPdf')}
        </Button>
      </div>
      {failure !== null && (
        <Alert data-color="danger" role="alert">
          <Heading level={3} data-size="xs">
            {t('exportFailed')}
          </Heading>
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
    </section>
  );
}
