import { NoticeContent, NoticeLanguage } from './notice';
import { formatNoticeDate, renderNotice } from './notice-texts';

const round = { roundTitle: 'Medlemsavgift 2023', councilName: 'Trondheimsregionen' };
const EVERY_KIND: NoticeContent[] = [
  { kind: 'reminder', ...round, municipalityName: 'Malvik', deadline: '2022-12-15', daysLeft: 7 },
  { kind: 'overdue', ...round, municipalityName: 'Malvik', deadline: '2022-12-15', daysLate: 3 },
  { kind: 'escalation', ...round, deadline: '2022-12-15', overdueMembers: ['Malvik (5031)', 'Melhus (5028)'], daysLate: 3 },
  { kind: 'settled', ...round, outcome: 'approved', decisiveMunicipalityName: 'Indre Fosen' },
  { kind: 'settled', ...round, outcome: 'rejected', decisiveMunicipalityName: 'Skaun' },
  { kind: 'veto', ...round, vetoMunicipalityName: 'Skaun' },
  { kind: 'in_force', ...round, inForceFrom: '2023-01-01' },
  { kind: 'extended', ...round, municipalityName: 'Malvik', previousDeadline: '2022-12-15', deadline: '2023-01-31', daysLeft: 50, reason: 'Malvik møtes i januar' },
  { kind: 'withdrawn', ...round, municipalityName: 'Malvik', reason: 'Ny beregning kommer' },
  { kind: 'expired', ...round, municipalityName: 'Malvik', deadline: '2022-12-15', reason: null },
  { kind: 'expired', ...round, municipalityName: 'Malvik', deadline: '2022-12-15', reason: 'Avgjort i representantskapet' },
  { kind: 'postponed', ...round, municipalityName: 'Skaun', nextMeetingDate: '2023-02-09', deadline: '2022-12-15', reason: 'Trenger mer utredning' },
  { kind: 'forecast_late', ...round, municipalityName: 'Skaun', forecast: '2023-02-09', deadline: '2022-12-15' },
];
const LANGUAGES: NoticeLanguage[] = ['nb', 'nn', 'en'];
const where = { publicBaseUrl: 'https://vedtak.example.no', link: '/rounds/42' };

describe('notice texts', () => {
  it('writes dates the way each language does', () => {
    expect(formatNoticeDate('nb', '2022-12-15')).toBe('15. desember 2022');
    expect(formatNoticeDate('nn', '2023-01-01')).toBe('1. januar 2023');
    expect(formatNoticeDate('en', '2022-12-15')).toBe('15 December 2022');
  });

  it.each(LANGUAGES)('has a subject and a body for every kind in %s, ending with the page to open', (language) => {
    const open = { nb: 'Åpne saken', nn: 'Opne saka', en: 'Open the case' }[language];
    for (const content of EVERY_KIND) {
      const text = renderNotice(content, language, where);
      expect(text.subject).toContain('Medlemsavgift 2023');
      expect(text.subject).not.toMatch(/\n|undefined|\d{4}-\d{2}-\d{2}/);
      expect(text.body).not.toMatch(/undefined|\d{4}-\d{2}-\d{2}/);
      expect(text.body.endsWith(`\n\n${open}: https://vedtak.example.no/rounds/42`)).toBe(true);
    }
  });

  it('reminds in natural Norwegian, with the days left', () => {
    expect(renderNotice(EVERY_KIND[0], 'nb', where).subject).toBe('Påminnelse: Medlemsavgift 2023 har frist 15. desember 2022');
    expect(renderNotice({ ...EVERY_KIND[0], daysLeft: 1 } as NoticeContent, 'nb', where).body).toContain('(i morgen)');
    expect(renderNotice(EVERY_KIND[0], 'nn', where).body).toContain('(om 7 dagar)');
  });

  const reminderIn = (daysLeft: number) => ({ ...EVERY_KIND[0], daysLeft }) as NoticeContent;
  it.each([
    ['nb', 7, '(om 7 dager)'],
    ['nb', 1, '(i morgen)'],
    ['nb', 0, '(i dag)'],
    ['nb', -3, '(3 dager på overtid)'],
    ['nn', 7, '(om 7 dagar)'],
    ['nn', 1, '(i morgon)'],
    ['nn', 0, '(i dag)'],
    ['nn', -3, '(3 dagar på overtid)'],
    ['en', 7, '(in 7 days)'],
    ['en', 1, '(tomorrow)'],
    ['en', 0, '(today)'],
    ['en', -3, '(3 days overdue)'],
  ] as Array<[NoticeLanguage, number, string]>)('counts the days to the deadline in %s: %i is "%s"', (language, days, words) => {
    expect(renderNotice(reminderIn(days), language, where).body).toContain(words);
  });

  it.each([
    ['nb', '3 dager på overtid', '1 dag på overtid'],
    ['nn', '3 dagar på overtid', '1 dag på overtid'],
    ['en', '3 days overdue', '1 day overdue'],
  ] as Array<[NoticeLanguage, string, string]>)('says how many days late the overdue notice and the escalation are in %s', (language, three, one) => {
    for (const content of [EVERY_KIND[1], EVERY_KIND[2]]) {
      expect(renderNotice(content, language, where).body).toContain(`(${three})`);
      expect(renderNotice({ ...content, daysLate: 1 } as NoticeContent, language, where).body).toContain(`(${one})`);
      expect(renderNotice(content, language, where).body).not.toContain('i dag');
    }
  });

  it.each(LANGUAGES)('gives the reason of an extension, a withdrawal and a closing in %s', (language) => {
    expect(renderNotice(EVERY_KIND[7], language, where).body).toContain('Malvik møtes i januar');
    expect(renderNotice(EVERY_KIND[7], language, where).body).toContain(formatNoticeDate(language, '2023-01-31'));
    expect(renderNotice(EVERY_KIND[8], language, where).body).toContain('Ny beregning kommer');
    expect(renderNotice(EVERY_KIND[10], language, where).body).toContain('Avgjort i representantskapet');
    expect(renderNotice(EVERY_KIND[11], language, where).body).toContain(formatNoticeDate(language, '2023-02-09'));
  });

  it('tells the secretariat of a postponement whether its next meeting is known', () => {
    expect(renderNotice(EVERY_KIND[11], 'nb', where).body).toContain('til neste møte 9. februar 2023. Fristen er 15. desember 2022.');
    expect(renderNotice({ ...EVERY_KIND[11], nextMeetingDate: null } as NoticeContent, 'nn', where).body).toContain('til eit seinare møte, som ikkje er fastsett enno.');
  });

  it('tells the clerks they have nothing more to do when a round closes', () => {
    expect(renderNotice(EVERY_KIND[8], 'nb', where).body).toContain('Malvik skal ikke gjøre noe mer med saken');
    expect(renderNotice(EVERY_KIND[9], 'nn', where).body).toContain('Malvik skal ikkje gjere noko meir med saka');
    expect(renderNotice(EVERY_KIND[9], 'en', where).body).toContain('closed by itself');
  });

  it('lists the overdue members with "og" and "and"', () => {
    expect(renderNotice(EVERY_KIND[2], 'nb', where).body).toContain('Malvik (5031) og Melhus (5028)');
    expect(renderNotice(EVERY_KIND[2], 'en', where).body).toContain('Malvik (5031) and Melhus (5028)');
  });

  it('leaves the link line out when there is no page', () => {
    expect(renderNotice(EVERY_KIND[6], 'nb', { ...where, link: null }).body).not.toContain('Åpne saken');
  });
});
