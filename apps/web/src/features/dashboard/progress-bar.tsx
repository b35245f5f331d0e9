import { Paragraph } from '@digdir/designsystemet-react';
import type { Schemas } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { dashboardMessages } from './dashboard.messages';

type Progress = Schemas['ProgressResponse'];

/** The decision rule's three piles: adopted, a no (amendments are a no too), and not yet decided. */
export function progressCounts(progress: Progress) {
  return {
    adopted: progress.adopted,
    rejected: progress.rejected + progress.adopted_with_amendments,
    waiting: progress.pending + progress.scheduled + progress.postponed,
    total: progress.total,
  };
}

/**
 * A segmented bar of adopted / rejected / waiting out of the electorate, with the same counts
 * in words right beside it: the bar is drawn for the eye, the words carry it without colour.
 */
export function ProgressBar({ progress }: { progress: Progress }) {
  const t = useMessages(dashboardMessages);
  const counts = progressCounts(progress);
  const text = t('progressText', counts);
  const share = (count: number) => (counts.total > 0 ? (count / counts.total) * 100 : 0);
  const segments = [
    { key: 'adopted', count: counts.adopted },
    { key: 'rejected', count: counts.rejected },
    { key: 'waiting', count: counts.waiting },
  ];
  const starts = segments.map((_, index) => segments.slice(0, index).reduce((sum, segment) => sum + share(segment.count), 0));
  return (
    <div className="progress">
      <svg className="progress__bar" role="img" aria-label={text} width="100%" height="16" focusable="false">
        <rect className="progress__track" x="0" y="0" width="100%" height="100%" />
        {segments.map(({ key, count }, index) =>
          count > 0 ? (
            <rect key={key} className={`progress__segment progress__segment--${key}`} x={`${starts[index]}%`} y="0" width={`${share(count)}%`} height="100%" />
          ) : null,
        )}
      </svg>
      <Paragraph data-size="sm" className="progress__text" data-progress>
        {text}
      </Paragraph>
    </div>
  );
}
