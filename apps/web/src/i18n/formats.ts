import { Language } from './i18n';

const LOCALE: Record<Language, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

// Some browsers ship no nynorsk data and would write dates in English; bokmål reads the same there.
const supported = (locale: string) => Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;

export function localeOf(language: Language): string {
  return supported(LOCALE[language]) ? LOCALE[language] : LOCALE.nb;
}

/**
 * An amount as the api sends it ("5194646.68") written for reading ("5 194 646,68"). Done on
 * the digits themselves: a float would round the øre of a large sum.
 */
export function formatNok(amount: string, language: Language, options: { decimals?: boolean } = {}): string {
  const negative = amount.startsWith('-');
  const [whole, fraction = '00'] = amount.replace(/^[-+]/, '').split('.');
  const group = language === 'en' ? ',' : '\u00a0';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const decimals = options.decimals === false ? '' : `${language === 'en' ? '.' : ','}${fraction.padEnd(2, '0').slice(0, 2)}`;
  return `${negative ? '−' : ''}${grouped}${decimals}`;
}

/** A change with its sign, so a rise and a cut read apart without colour. */
export function formatChange(amount: string, language: Language): string {
  if (/^-/.test(amount)) return formatNok(amount, language);
  return /^0+(\.0+)?$/.test(amount) ? formatNok(amount, language) : `+${formatNok(amount, language)}`;
}

/** A calendar date (YYYY-MM-DD) as "22. desember 2026"; read as a date, never shifted by a time zone. */
export function formatDate(date: string, language: Language): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(localeOf(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** An instant in Oslo time, as people there read it. */
export function formatInstant(instant: string, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(new Date(instant));
}
