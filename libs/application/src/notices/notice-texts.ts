import { NoticeContent, NoticeKind, NoticeLanguage } from './notice';

/** A notice as people read it: in the inbox and as the subject and plain-text body of the e-mail. */
export interface NoticeText {
  subject: string;
  body: string;
}

type ContentOf<K extends NoticeKind> = Extract<NoticeContent, { kind: K }>;

/** The words of one written standard: a text per kind, and the pieces the texts share. */
interface Phrasebook {
  texts: { [K in NoticeKind]: (content: ContentOf<K>) => NoticeText };
  /** The line before the link at the end of every body. */
  open: string;
  months: readonly string[];
  formatDate: (day: number, month: string, year: number) => string;
  and: string;
}

const NORWEGIAN_MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const norwegianQuote = (title: string) => `«${title}»`;
const norwegianDate = (day: number, month: string, year: number) => `${day}. ${month} ${year}`;

const paragraphs = (...parts: string[]) => parts.join('\n\n');

const BOKMAL: Phrasebook = {
  open: 'Åpne saken',
  months: NORWEGIAN_MONTHS,
  formatDate: norwegianDate,
  and: 'og',
  texts: {
    reminder: (c) => ({
      subject: `Påminnelse: ${c.roundTitle} har frist ${date('nb', c.deadline)}`,
      body: paragraphs(
        `${c.municipalityName} har ennå ikke registrert vedtaket i saken ${norwegianQuote(c.roundTitle)} fra ${c.councilName}. ` +
          `Fristen er ${date('nb', c.deadline)} (${daysLeft('nb', c.daysLeft)}).`,
        'Registrer vedtaket når saken er behandlet, eller meld inn møtedatoen saken er satt opp til.',
      ),
    }),
    overdue: (c) => ({
      subject: `Fristen har gått ut: ${c.roundTitle}`,
      body: paragraphs(
        `Fristen for saken ${norwegianQuote(c.roundTitle)} fra ${c.councilName} gikk ut ${date('nb', c.deadline)} (${daysLate('nb', c.daysLate)}), ` +
          `og ${c.municipalityName} har ikke registrert noe vedtak.`,
        'Registrer vedtaket så snart saken er behandlet, eller meld inn møtedatoen den er satt opp til. ' +
          `Sekretariatet og lederen i ${c.councilName} er varslet.`,
      ),
    }),
    escalation: (c) => ({
      subject: `Mangler vedtak etter fristen: ${c.roundTitle}`,
      body: paragraphs(
        `Fristen for saken ${norwegianQuote(c.roundTitle)} i ${c.councilName} gikk ut ${date('nb', c.deadline)} (${daysLate('nb', c.daysLate)}). ` +
          (c.overdueMembers.length === 1
            ? `${c.overdueMembers[0]} har ikke registrert vedtak.`
            : `Disse kommunene har ikke registrert vedtak: ${list('nb', c.overdueMembers)}.`),
        c.overdueMembers.length === 1
          ? 'Kommunen er markert som forsinket på oversikten, og utvalgssekretæren er varslet.'
          : 'Kommunene er markert som forsinket på oversikten, og utvalgssekretærene deres er varslet.',
      ),
    }),
    settled: (c) =>
      c.outcome === 'approved'
        ? {
            subject: `Vedtatt i alle kommunene: ${c.roundTitle}`,
            body: paragraphs(
              `Alle medlemskommunene i ${c.councilName} har vedtatt saken ${norwegianQuote(c.roundTitle)}. ` +
                `Det siste vedtaket kom fra ${c.decisiveMunicipalityName}, og dermed er saken avgjort.`,
            ),
          }
        : {
            subject: `Ikke vedtatt: ${c.roundTitle}`,
            body: paragraphs(
              `Saken ${norwegianQuote(c.roundTitle)} i ${c.councilName} er avgjort uten enighet: ` +
                `${c.decisiveMunicipalityName} vedtok den ikke slik den ble sendt ut. Det kreves enstemmighet, så saken blir ikke gjennomført.`,
              'Vedtak som registreres senere, blir tatt med i oversikten, men endrer ikke utfallet.',
            ),
          },
    veto: (c) => ({
      subject: `${c.vetoMunicipalityName} har sagt nei: ${c.roundTitle}`,
      body: paragraphs(
        `${c.vetoMunicipalityName} har ikke vedtatt saken ${norwegianQuote(c.roundTitle)} fra ${c.councilName} slik den ble sendt ut. ` +
          'Fordi saken krever enstemmighet, blir den ikke gjennomført.',
        'Vedtak som registreres senere, blir tatt med i oversikten, men endrer ikke utfallet.',
      ),
    }),
    in_force: (c) => ({
      subject: `I kraft fra ${date('nb', c.inForceFrom)}: ${c.roundTitle}`,
      body: paragraphs(
        `Saken ${norwegianQuote(c.roundTitle)} i ${c.councilName} er vedtatt av alle medlemskommunene ` +
          `og gjelder fra ${date('nb', c.inForceFrom)}.`,
      ),
    }),
    extended: (c) => ({
      subject: `Ny frist ${date('nb', c.deadline)}: ${c.roundTitle}`,
      body: paragraphs(
        `Sekretariatet i ${c.councilName} har forlenget fristen for saken ${norwegianQuote(c.roundTitle)} ` +
          `fra ${date('nb', c.previousDeadline)} til ${date('nb', c.deadline)} (${daysLeft('nb', c.daysLeft)}). Begrunnelse: ${c.reason}`,
        `${c.municipalityName} har ennå ikke registrert vedtak. Registrer vedtaket når saken er behandlet, eller meld inn møtedatoen saken er satt opp til.`,
      ),
    }),
    withdrawn: (c) => ({
      subject: `Trukket: ${c.roundTitle}`,
      body: paragraphs(
        `Sekretariatet i ${c.councilName} har trukket saken ${norwegianQuote(c.roundTitle)}. Begrunnelse: ${c.reason}`,
        `${c.municipalityName} skal ikke gjøre noe mer med saken, og et vedtak som ikke er registrert, trengs ikke.`,
      ),
    }),
    expired: (c) => ({
      subject: `Avsluttet etter fristen: ${c.roundTitle}`,
      body: paragraphs(
        `Saken ${norwegianQuote(c.roundTitle)} fra ${c.councilName} er avsluttet etter fristen ${date('nb', c.deadline)}. ` +
          (c.reason ? `Begrunnelse: ${c.reason}` : 'Den ble sendt ut med fristen som sluttdato og ble avsluttet av seg selv.'),
        `${c.municipalityName} skal ikke gjøre noe mer med saken, og et vedtak som ikke er registrert, trengs ikke.`,
      ),
    }),
    postponed: (c) => ({
      subject: `${c.municipalityName} har utsatt saken: ${c.roundTitle}`,
      body: paragraphs(
        `${c.municipalityName} har utsatt behandlingen av saken ${norwegianQuote(c.roundTitle)} i ${c.councilName} ` +
          (c.nextMeetingDate ? `til neste møte ${date('nb', c.nextMeetingDate)}.` : 'til et senere møte, som ikke er fastsatt ennå.') +
          ` Fristen er ${date('nb', c.deadline)}.` +
          (c.reason ? ` Begrunnelse: ${c.reason}` : ''),
      ),
    }),
    forecast_late: (c) => ({
      subject: `Ventes avgjort etter fristen: ${c.roundTitle}`,
      body: paragraphs(
        `Saken ${norwegianQuote(c.roundTitle)} i ${c.councilName} kan ikke ventes avgjort før ${date('nb', c.forecast)}, ` +
          `etter fristen ${date('nb', c.deadline)}: ${c.municipalityName} behandler den først da.`,
        'Vurder å forlenge fristen, eller avtal et tidligere møte med kommunen.',
      ),
    }),
  },
};

const NYNORSK: Phrasebook = {
  open: 'Opne saka',
  months: NORWEGIAN_MONTHS,
  formatDate: norwegianDate,
  and: 'og',
  texts: {
    reminder: (c) => ({
      subject: `Påminning: ${c.roundTitle} har frist ${date('nn', c.deadline)}`,
      body: paragraphs(
        `${c.municipalityName} har enno ikkje registrert vedtaket i saka ${norwegianQuote(c.roundTitle)} frå ${c.councilName}. ` +
          `Fristen er ${date('nn', c.deadline)} (${daysLeft('nn', c.daysLeft)}).`,
        'Registrer vedtaket når saka er behandla, eller meld inn møtedatoen saka er sett opp til.',
      ),
    }),
    overdue: (c) => ({
      subject: `Fristen har gått ut: ${c.roundTitle}`,
      body: paragraphs(
        `Fristen for saka ${norwegianQuote(c.roundTitle)} frå ${c.councilName} gjekk ut ${date('nn', c.deadline)} (${daysLate('nn', c.daysLate)}), ` +
          `og ${c.municipalityName} har ikkje registrert noko vedtak.`,
        'Registrer vedtaket så snart saka er behandla, eller meld inn møtedatoen ho er sett opp til. ' +
          `Sekretariatet og leiaren i ${c.councilName} er varsla.`,
      ),
    }),
    escalation: (c) => ({
      subject: `Manglar vedtak etter fristen: ${c.roundTitle}`,
      body: paragraphs(
        `Fristen for saka ${norwegianQuote(c.roundTitle)} i ${c.councilName} gjekk ut ${date('nn', c.deadline)} (${daysLate('nn', c.daysLate)}). ` +
          (c.overdueMembers.length === 1
            ? `${c.overdueMembers[0]} har ikkje registrert vedtak.`
            : `Desse kommunane har ikkje registrert vedtak: ${list('nn', c.overdueMembers)}.`),
        c.overdueMembers.length === 1
          ? 'Kommunen er merkt som forseinka på oversikta, og utvalssekretæren er varsla.'
          : 'Kommunane er merkte som forseinka på oversikta, og utvalssekretærane deira er varsla.',
      ),
    }),
    settled: (c) =>
      c.outcome === 'approved'
        ? {
            subject: `Vedteke i alle kommunane: ${c.roundTitle}`,
            body: paragraphs(
              `Alle medlemskommunane i ${c.councilName} har vedteke saka ${norwegianQuote(c.roundTitle)}. ` +
                `Det siste vedtaket kom frå ${c.decisiveMunicipalityName}, og dermed er saka avgjord.`,
            ),
          }
        : {
            subject: `Ikkje vedteke: ${c.roundTitle}`,
            body: paragraphs(
              `Saka ${norwegianQuote(c.roundTitle)} i ${c.councilName} er avgjord utan semje: ` +
                `${c.decisiveMunicipalityName} vedtok ho ikkje slik ho vart send ut. Det krevst samrøystes vedtak, så saka blir ikkje gjennomført.`,
              'Vedtak som blir registrerte seinare, kjem med i oversikta, men endrar ikkje utfallet.',
            ),
          },
    veto: (c) => ({
      subject: `${c.vetoMunicipalityName} har sagt nei: ${c.roundTitle}`,
      body: paragraphs(
        `${c.vetoMunicipalityName} har ikkje vedteke saka ${norwegianQuote(c.roundTitle)} frå ${c.councilName} slik ho vart send ut. ` +
          'Fordi saka krev samrøystes vedtak, blir ho ikkje gjennomført.',
        'Vedtak som blir registrerte seinare, kjem med i oversikta, men endrar ikkje utfallet.',
      ),
    }),
    in_force: (c) => ({
      subject: `I kraft frå ${date('nn', c.inForceFrom)}: ${c.roundTitle}`,
      body: paragraphs(
        `Saka ${norwegianQuote(c.roundTitle)} i ${c.councilName} er vedteken av alle medlemskommunane ` +
          `og gjeld frå ${date('nn', c.inForceFrom)}.`,
      ),
    }),
    extended: (c) => ({
      subject: `Ny frist ${date('nn', c.deadline)}: ${c.roundTitle}`,
      body: paragraphs(
        `Sekretariatet i ${c.councilName} har forlengt fristen for saka ${norwegianQuote(c.roundTitle)} ` +
          `frå ${date('nn', c.previousDeadline)} til ${date('nn', c.deadline)} (${daysLeft('nn', c.daysLeft)}). Grunngjeving: ${c.reason}`,
        `${c.municipalityName} har enno ikkje registrert vedtak. Registrer vedtaket når saka er behandla, eller meld inn møtedatoen saka er sett opp til.`,
      ),
    }),
    withdrawn: (c) => ({
      subject: `Trekt: ${c.roundTitle}`,
      body: paragraphs(
        `Sekretariatet i ${c.councilName} har trekt saka ${norwegianQuote(c.roundTitle)}. Grunngjeving: ${c.reason}`,
        `${c.municipalityName} skal ikkje gjere noko meir med saka, og eit vedtak som ikkje er registrert, trengst ikkje.`,
      ),
    }),
    expired: (c) => ({
      subject: `Avslutta etter fristen: ${c.roundTitle}`,
      body: paragraphs(
        `Saka ${norwegianQuote(c.roundTitle)} frå ${c.councilName} er avslutta etter fristen ${date('nn', c.deadline)}. ` +
          (c.reason ? `Grunngjeving: ${c.reason}` : 'Ho vart send ut med fristen som sluttdato og vart avslutta av seg sjølv.'),
        `${c.municipalityName} skal ikkje gjere noko meir med saka, og eit vedtak som ikkje er registrert, trengst ikkje.`,
      ),
    }),
    postponed: (c) => ({
      subject: `${c.municipalityName} har utsett saka: ${c.roundTitle}`,
      body: paragraphs(
        `${c.municipalityName} har utsett behandlinga av saka ${norwegianQuote(c.roundTitle)} i ${c.councilName} ` +
          (c.nextMeetingDate ? `til neste møte ${date('nn', c.nextMeetingDate)}.` : 'til eit seinare møte, som ikkje er fastsett enno.') +
          ` Fristen er ${date('nn', c.deadline)}.` +
          (c.reason ? ` Grunngjeving: ${c.reason}` : ''),
      ),
    }),
    forecast_late: (c) => ({
      subject: `Ventar avgjerd etter fristen: ${c.roundTitle}`,
      body: paragraphs(
        `Saka ${norwegianQuote(c.roundTitle)} i ${c.councilName} kan ikkje ventast avgjord før ${date('nn', c.forecast)}, ` +
          `etter fristen ${date('nn', c.deadline)}: ${c.municipalityName} behandlar ho først då.`,
        'Vurder å forlengje fristen, eller avtal eit tidlegare møte med kommunen.',
      ),
    }),
  },
};

const englishQuote = (title: string) => `“${title}”`;

const ENGLISH: Phrasebook = {
  open: 'Open the case',
  months: ENGLISH_MONTHS,
  formatDate: (day, month, year) => `${day} ${month} ${year}`,
  and: 'and',
  texts: {
    reminder: (c) => ({
      subject: `Reminder: ${c.roundTitle} is due ${date('en', c.deadline)}`,
      body: paragraphs(
        `${c.municipalityName} has not yet registered its decision on ${englishQuote(c.roundTitle)} from ${c.councilName}. ` +
          `The deadline is ${date('en', c.deadline)} (${daysLeft('en', c.daysLeft)}).`,
        'Register the decision once the municipal council has decided, or enter the meeting date the case is scheduled for.',
      ),
    }),
    overdue: (c) => ({
      subject: `Deadline passed: ${c.roundTitle}`,
      body: paragraphs(
        `The deadline for ${englishQuote(c.roundTitle)} from ${c.councilName} was ${date('en', c.deadline)} (${daysLate('en', c.daysLate)}), ` +
          `and ${c.municipalityName} has not registered a decision.`,
        'Register it as soon as the municipal council has decided, or enter the meeting date it is scheduled for. ' +
          `The secretariat and the chair of ${c.councilName} have been notified.`,
      ),
    }),
    escalation: (c) => ({
      subject: `Decisions missing after the deadline: ${c.roundTitle}`,
      body: paragraphs(
        `The deadline for ${englishQuote(c.roundTitle)} in ${c.councilName} was ${date('en', c.deadline)} (${daysLate('en', c.daysLate)}). ` +
          (c.overdueMembers.length === 1
            ? `${c.overdueMembers[0]} has not registered a decision.`
            : `These municipalities have not registered a decision: ${list('en', c.overdueMembers)}.`),
        c.overdueMembers.length === 1
          ? 'It is marked overdue on the dashboard, and its clerk has been notified.'
          : 'They are marked overdue on the dashboard, and their clerks have been notified.',
      ),
    }),
    settled: (c) =>
      c.outcome === 'approved'
        ? {
            subject: `Adopted by every member: ${c.roundTitle}`,
            body: paragraphs(
              `Every member municipality of ${c.councilName} has adopted ${englishQuote(c.roundTitle)}. ` +
                `The last decision came from ${c.decisiveMunicipalityName}, which settled the round.`,
            ),
          }
        : {
            subject: `Not adopted: ${c.roundTitle}`,
            body: paragraphs(
              `The case ${englishQuote(c.roundTitle)} in ${c.councilName} is settled without agreement: ` +
                `${c.decisiveMunicipalityName} did not adopt it as sent out. Unanimity is required, so it will not go ahead.`,
              'Decisions registered later are recorded but do not change the outcome.',
            ),
          },
    veto: (c) => ({
      subject: `Not adopted by ${c.vetoMunicipalityName}: ${c.roundTitle}`,
      body: paragraphs(
        `${c.vetoMunicipalityName} did not adopt ${englishQuote(c.roundTitle)} from ${c.councilName} as sent out. ` +
          'As it needs every member’s approval, it will not go ahead.',
        'Decisions registered later are recorded but do not change the outcome.',
      ),
    }),
    in_force: (c) => ({
      subject: `In force from ${date('en', c.inForceFrom)}: ${c.roundTitle}`,
      body: paragraphs(
        `The case ${englishQuote(c.roundTitle)} in ${c.councilName} has been adopted by every member municipality ` +
          `and applies from ${date('en', c.inForceFrom)}.`,
      ),
    }),
    extended: (c) => ({
      subject: `New deadline ${date('en', c.deadline)}: ${c.roundTitle}`,
      body: paragraphs(
        `The secretariat of ${c.councilName} has extended the deadline for ${englishQuote(c.roundTitle)} ` +
          `from ${date('en', c.previousDeadline)} to ${date('en', c.deadline)} (${daysLeft('en', c.daysLeft)}). Reason: ${c.reason}`,
        `${c.municipalityName} has not yet registered its decision. Register it once the municipal council has decided, or enter the meeting date the case is scheduled for.`,
      ),
    }),
    withdrawn: (c) => ({
      subject: `Withdrawn: ${c.roundTitle}`,
      body: paragraphs(
        `The secretariat of ${c.councilName} has withdrawn ${englishQuote(c.roundTitle)}. Reason: ${c.reason}`,
        `${c.municipalityName} has nothing more to do on it, and a decision not yet registered is not needed.`,
      ),
    }),
    expired: (c) => ({
      subject: `Closed after the deadline: ${c.roundTitle}`,
      body: paragraphs(
        `${englishQuote(c.roundTitle)} from ${c.councilName} is closed after its deadline of ${date('en', c.deadline)}. ` +
          (c.reason ? `Reason: ${c.reason}` : 'It was sent out to expire at its deadline and closed by itself.'),
        `${c.municipalityName} has nothing more to do on it, and a decision not yet registered is not needed.`,
      ),
    }),
    postponed: (c) => ({
      subject: `Postponed by ${c.municipalityName}: ${c.roundTitle}`,
      body: paragraphs(
        `${c.municipalityName} has postponed ${englishQuote(c.roundTitle)} in ${c.councilName} ` +
          (c.nextMeetingDate ? `to its next meeting on ${date('en', c.nextMeetingDate)}.` : 'to a later meeting, not yet set.') +
          ` The deadline is ${date('en', c.deadline)}.` +
          (c.reason ? ` Reason: ${c.reason}` : ''),
      ),
    }),
    forecast_late: (c) => ({
      subject: `Expected after the deadline: ${c.roundTitle}`,
      body: paragraphs(
        `${englishQuote(c.roundTitle)} in ${c.councilName} cannot be expected to be decided before ${date('en', c.forecast)}, ` +
          `after its deadline of ${date('en', c.deadline)}: ${c.municipalityName} decides on it only then.`,
        'Consider extending the deadline, or agree an earlier meeting with the municipality.',
      ),
    }),
  },
};

const PHRASEBOOKS: Record<NoticeLanguage, Phrasebook> = { nb: BOKMAL, nn: NYNORSK, en: ENGLISH };

/**
 * Writes a notice in the recipient's written standard; the body ends with the page to open,
 * `${publicBaseUrl}${link}`. The link only opens a page: nothing is decided by following it.
 */
export function renderNotice(content: NoticeContent, language: NoticeLanguage, where: { publicBaseUrl: string; link: string | null }): NoticeText {
  const book = PHRASEBOOKS[language];
  const text = (book.texts[content.kind] as (content: NoticeContent) => NoticeText)(content);
  if (!where.link) return text;
  return { subject: text.subject, body: `${text.body}\n\n${book.open}: ${absoluteLink(where.publicBaseUrl, where.link)}` };
}

/** The address a notice's link opens: the page under PUBLIC_BASE_URL. */
export function absoluteLink(publicBaseUrl: string, link: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}${link.startsWith('/') ? link : `/${link}`}`;
}

/** A calendar date (YYYY-MM-DD) the way people write it: "15. desember 2022", "15 December 2022". */
export function formatNoticeDate(language: NoticeLanguage, calendarDate: string): string {
  return date(language, calendarDate);
}

function date(language: NoticeLanguage, calendarDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(calendarDate);
  if (!match) return calendarDate;
  const book = PHRASEBOOKS[language];
  return book.formatDate(Number(match[3]), book.months[Number(match[2]) - 1] ?? match[2], Number(match[1]));
}

/** The days to a deadline, from the day the notice is written in Oslo: "om 7 dager", "i morgen", "i dag"; a past one is late, never "i dag". */
function daysLeft(language: NoticeLanguage, days: number): string {
  if (days < 0) return daysLate(language, -days);
  if (language === 'en') return days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
  if (days === 0) return 'i dag';
  if (days === 1) return language === 'nb' ? 'i morgen' : 'i morgon';
  return `om ${days} ${language === 'nb' ? 'dager' : 'dagar'}`;
}

/** The days past a deadline: "3 dager på overtid", "3 dagar på overtid", "3 days overdue"; at least one, the day after. */
function daysLate(language: NoticeLanguage, days: number): string {
  const late = Math.max(1, days);
  if (language === 'en') return `${late} ${late === 1 ? 'day' : 'days'} overdue`;
  return `${late} ${late === 1 ? 'dag' : language === 'nb' ? 'dager' : 'dagar'} på overtid`;
}

/** "Malvik, Melhus og Skaun". */
function list(language: NoticeLanguage, names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${PHRASEBOOKS[language].and} ${names[names.length - 1]}`;
}
