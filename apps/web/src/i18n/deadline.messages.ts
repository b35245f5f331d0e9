import { defineMessages } from './i18n';

/** How far off a deadline is, the same words on every page. */
export const deadlineMessages = defineMessages({
  nb: {
    daysLeft: 'om {n} dager',
    tomorrow: 'i morgen',
    today: 'i dag',
    dayOverdue: '1 dag over fristen',
    daysOverdue: '{n} dager over fristen',
  },
  nn: {
    daysLeft: 'om {n} dagar',
    tomorrow: 'i morgon',
    today: 'i dag',
    dayOverdue: '1 dag over fristen',
    daysOverdue: '{n} dagar over fristen',
  },
  en: {
    daysLeft: 'in {n} days',
    tomorrow: 'tomorrow',
    today: 'today',
    dayOverdue: '1 day past the deadline',
    daysOverdue: '{n} days past the deadline',
  },
});
