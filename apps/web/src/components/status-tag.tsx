import { Tag } from '@digdir/designsystemet-react';
import {
  CheckmarkCircleIcon,
  ClockIcon,
  ExclamationmarkTriangleIcon,
  HourglassIcon,
  MinusCircleIcon,
  ArrowCirclepathIcon,
  XMarkOctagonIcon,
  CalendarIcon,
} from '@navikt/aksel-icons';
import { statusMessages } from '../i18n/status.messages';
import { useMessages } from '../i18n/i18n';

export type MemberStatus = 'pending' | 'scheduled' | 'adopted' | 'rejected' | 'adopted_with_amendments' | 'postponed';
export type RoundStatus = 'open' | 'approved' | 'rejected' | 'withdrawn' | 'expired';

type Color = 'neutral' | 'info' | 'success' | 'danger' | 'warning';

// Colour is never the only signal: every status has its word and its icon too (WCAG 1.4.1).
const MEMBER: Record<MemberStatus, { color: Color; Icon: typeof ClockIcon }> = {
  pending: { color: 'neutral', Icon: HourglassIcon },
  scheduled: { color: 'info', Icon: CalendarIcon },
  adopted: { color: 'success', Icon: CheckmarkCircleIcon },
  rejected: { color: 'danger', Icon: XMarkOctagonIcon },
  adopted_with_amendments: { color: 'danger', Icon: XMarkOctagonIcon },
  postponed: { color: 'warning', Icon: ArrowCirclepathIcon },
};

/** A member's status as a tag with word and icon; `overdue` adds a second tag that says so. */
export function MemberStatusTag({ status, overdue = false }: { status: MemberStatus | null | undefined; overdue?: boolean }) {
  const t = useMessages(statusMessages);
  if (!status) {
    return (
      <Tag data-color="neutral" data-size="sm" className="status-tag">
        <MinusCircleIcon aria-hidden />
        {t('notInRound')}
      </Tag>
    );
  }
  const { color, Icon } = MEMBER[status];
  return (
    <span className="status-tags">
      <Tag data-color={color} data-size="sm" className="status-tag">
        <Icon aria-hidden />
        {t(status)}
      </Tag>
      {overdue && (
        <Tag data-color="warning" data-size="sm" className="status-tag">
          <ExclamationmarkTriangleIcon aria-hidden />
          {t('overdue')}
        </Tag>
      )}
    </span>
  );
}

const ROUND: Record<RoundStatus, { color: Color; key: 'open' | 'approved' | 'roundRejected' | 'withdrawn' | 'expired' }> = {
  open: { color: 'info', key: 'open' },
  approved: { color: 'success', key: 'approved' },
  rejected: { color: 'danger', key: 'roundRejected' },
  withdrawn: { color: 'neutral', key: 'withdrawn' },
  expired: { color: 'neutral', key: 'expired' },
};

export function RoundStatusTag({ status }: { status: RoundStatus }) {
  const t = useMessages(statusMessages);
  const { color, key } = ROUND[status];
  return (
    <Tag data-color={color} data-size="sm" className="status-tag">
      {t(key)}
    </Tag>
  );
}
