import { NoticeContent, NoticeLanguage } from './notice';
import { formatNoticeDate, renderNotice } from './notice-texts';

const round = { roundTitle: 'Medlemsavgift 2023', councilName: 'Trondheimsregionen' };
const EVERY_KIND: NoticeContent[] = [
  { kind: 'reminder', ...round, municipalityName: 'Malvik', deadline: '2022-12-15', daysLeft: 7 },
  { kind: 'overdue', ...round, municipalityName: 'Malvik', deadline: '2022-12-15' },
  { kind: 'escalation', ...round, deadline: '2022-12-15', overdueMembers: ['Malvik (5031)', 'Melhus (5028)'] },
  { kind: 'settled', ...round, outcome: 'approved', decisiveMunicipalityName: 'Indre Fosen' },
  { kind: 'settled', ...round, outcome: 'rejected', decisiveMunicipalityName: 'Skaun' },
  { kind: 'veto', ...round, vetoMunicipalityName: 'Skaun' },
  { kind: 'in_force', ...round, inForceFrom: '2023-01-01' },
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

  it('lists the overdue members with "og" and "and"', () => {
    expect(renderNotice(EVERY_KIND[2], 'nb', where).body).toContain('Malvik (5031) og Melhus (5028)');
    expect(renderNotice(EVERY_KIND[2], 'en', where).body).toContain('Malvik (5031) and Melhus (5028)');
  });

  it('leaves the link line out when there is no page', () => {
    expect(renderNotice(EVERY_KIND[6], 'nb', { ...where, link: null }).body).not.toContain('Åpne saken');
  });
});
