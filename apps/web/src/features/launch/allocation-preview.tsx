import { Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiProblem, Schemas } from '../../api/client';
import { AllocationTable } from '../../components/allocation-table';
import { sumNok } from '../../components/money';
import { formatChange, formatDate, formatNok } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { launchMessages } from './launch.messages';
import { problemText } from './launch-problems';

/**
 * The allocation as the secretariat types: what each member would pay, before anything is sent.
 * Only the short summary line is a live region; the table would be far too much to read out.
 */
export function AllocationPreview({
  query,
  ready,
}: {
  query: UseQueryResult<Schemas['AllocationPreviewResponse']>;
  /** Whether total and cost key are good enough to ask for a preview. */
  ready: boolean;
}) {
  const t = useMessages(launchMessages);
  const { language } = useLanguage();
  const preview = ready ? query.data : undefined;
  const updating = ready && query.isFetching;

  let summary: string;
  if (!ready) summary = t('previewWaiting');
  else if (query.isError) summary = t('previewFailed', { reason: query.error instanceof ApiProblem ? problemText(query.error, t) : String(query.error) });
  else if (!preview) summary = t('previewLoading');
  else {
    const change = sumNok(preview.members.map((member) => member.change));
    summary = t(preview.roundTo === 'krone' ? 'previewSummaryKrone' : 'previewSummaryOre', {
      total: formatNok(preview.total, language),
      costKey: preview.costKey,
      count: preview.members.length,
    });
    summary += ' ';
    summary += preview.currentSchedule
      ? t('previewChange', { change: formatChange(change, language), date: formatDate(preview.currentSchedule.inForceFrom, language) })
      : t('previewNoSchedule');
  }

  return (
    <section className="launch-preview stack" aria-labelledby="launch-preview-heading" aria-busy={updating || undefined}>
      <Heading level={2} data-size="sm" id="launch-preview-heading">
        {t('previewHeading')}
      </Heading>
      <div className="row">
        <Paragraph aria-live="polite" className="launch-preview__summary">
          {summary}
        </Paragraph>
        {updating && <Spinner data-size="sm" aria-hidden />}
      </div>
      {preview && !query.isError && (
        <>
          <AllocationTable
            rows={preview.members}
            caption={t('previewCaption', { total: formatNok(preview.total, language), costKey: preview.costKey })}
          />
          <Paragraph data-size="sm">{t('previewCurrentFeesOn', { date: formatDate(preview.currentFeesOn, language) })}</Paragraph>
        </>
      )}
    </section>
  );
}
