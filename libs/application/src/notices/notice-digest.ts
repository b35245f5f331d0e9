import { NoticeLanguage } from './notice';

/** One notice as a digest lists it: its own subject and body, in its own written standard. */
export interface DigestEntry {
  subject: string;
  body: string;
}

/** The e-mail of a digest: a subject and a plain-text body. */
export interface DigestText {
  subject: string;
  body: string;
}

const PHRASES: Record<NoticeLanguage, { about(count: number, title: string): string; general(count: number): string; intro(count: number, what: string): string }> = {
  nb: {
    about: (count, title) => `${count} varsler om «${title}»`,
    general: (count) => `${count} varsler fra Vedtaksrunde`,
    intro: (count, what) => `Du har fått ${count} varsler ${what}:`,
  },
  nn: {
    about: (count, title) => `${count} varsel om «${title}»`,
    general: (count) => `${count} varsel frå Vedtaksrunde`,
    intro: (count, what) => `Du har fått ${count} varsel ${what}:`,
  },
  en: {
    about: (count, title) => `${count} notices about “${title}”`,
    general: (count) => `${count} notices from Vedtaksrunde`,
    intro: (count, what) => `You have ${count} notices ${what}:`,
  },
};

const ABOUT: Record<NoticeLanguage, (title: string) => string> = {
  nb: (title) => `om «${title}»`,
  nn: (title) => `om «${title}»`,
  en: (title) => `about “${title}”`,
};

const GENERAL: Record<NoticeLanguage, string> = { nb: 'fra Vedtaksrunde', nn: 'frå Vedtaksrunde', en: 'from Vedtaksrunde' };

/**
 * The one e-mail of a person's notices about one round on one day, in their written standard:
 * a digest of one notice is that notice's own e-mail; of several, a subject that counts them and a
 * body that lists each one's subject and body in the order they were written.
 */
export function renderDigest(entries: readonly DigestEntry[], language: NoticeLanguage, roundTitle: string | null): DigestText {
  if (entries.length === 0) throw new Error('A digest lists at least one notice');
  if (entries.length === 1) return { subject: entries[0].subject, body: entries[0].body };
  const phrases = PHRASES[language];
  const count = entries.length;
  const subject = roundTitle ? phrases.about(count, roundTitle) : phrases.general(count);
  const intro = phrases.intro(count, roundTitle ? ABOUT[language](roundTitle) : GENERAL[language]);
  const listed = entries.map((entry, index) => `${index + 1}. ${entry.subject}\n\n${entry.body}`);
  return { subject, body: [intro, ...listed].join('\n\n———\n\n') };
}
