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

/** How a digest counts its notices, says what they are about, and begins. */
const PHRASES: Record<NoticeLanguage, { notices(count: number): string; about(title: string): string; general: string; intro(what: string): string }> = {
  nb: { notices: (count) => `${count} varsler`, about: (title) => `om «${title}»`, general: 'fra Vedtaksrunde', intro: (what) => `Du har fått ${what}:` },
  nn: { notices: (count) => `${count} varsel`, about: (title) => `om «${title}»`, general: 'frå Vedtaksrunde', intro: (what) => `Du har fått ${what}:` },
  en: { notices: (count) => `${count} notices`, about: (title) => `about “${title}”`, general: 'from Vedtaksrunde', intro: (what) => `You have ${what}:` },
};

/**
 * The one e-mail of a person's notices about one round on one day, in their written standard:
 * a digest of one notice is that notice's own e-mail; of several, a subject that counts them and a
 * body that lists each one's subject and body in the order they were written.
 */
export function renderDigest(entries: readonly DigestEntry[], language: NoticeLanguage, roundTitle: string | null): DigestText {
  if (entries.length === 0) throw new Error('A digest lists at least one notice');
  if (entries.length === 1) return { subject: entries[0].subject, body: entries[0].body };
  const phrases = PHRASES[language];
  const subject = `${phrases.notices(entries.length)} ${roundTitle ? phrases.about(roundTitle) : phrases.general}`;
  const listed = entries.map((entry, index) => `${index + 1}. ${entry.subject}\n\n${entry.body}`);
  return { subject, body: [phrases.intro(subject), ...listed].join('\n\n———\n\n') };
}
