import { deadlineMessages } from '../i18n/deadline.messages';
import { useMessages } from '../i18n/i18n';

/** "om 21 dager", "i morgen", "i dag", "3 dager over fristen" from the days the api counted in Oslo. */
export function useDaysToDeadline(): (days: number) => string {
  const t = useMessages(deadlineMessages);
  return (days) => {
    if (days > 1) return t('daysLeft', { n: days });
    if (days === 1) return t('tomorrow');
    if (days === 0) return t('today');
    if (days === -1) return t('dayOverdue');
    return t('daysOverdue', { n: -days });
  };
}
