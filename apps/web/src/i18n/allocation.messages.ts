import { defineMessages } from './i18n';

export const allocationMessages = defineMessages({
  nb: {
    caption: 'Fordeling av medlemsavgiften',
    member: 'Kommune',
    currentFee: 'Nåværende avgift (kr)',
    newFee: 'Ny avgift (kr)',
    change: 'Endring (kr)',
    sum: 'Sum',
  },
  nn: {
    caption: 'Fordeling av medlemsavgifta',
    member: 'Kommune',
    currentFee: 'Noverande avgift (kr)',
    newFee: 'Ny avgift (kr)',
    change: 'Endring (kr)',
    sum: 'Sum',
  },
  en: {
    caption: 'Allocation of the membership fee',
    member: 'Municipality',
    currentFee: 'Current fee (NOK)',
    newFee: 'New fee (NOK)',
    change: 'Change (NOK)',
    sum: 'Sum',
  },
});
