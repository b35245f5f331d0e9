import { renderDigest } from './notice-digest';

describe('renderDigest', () => {
  const entries = [
    { subject: 'Påminnelse: «Medlemsavgift 2023»', body: 'Fristen er 15. desember 2022.' },
    { subject: 'Frist passert: «Medlemsavgift 2023»', body: 'Fristen gikk ut 15. desember 2022.' },
    { subject: 'Vedtatt: «Medlemsavgift 2023»', body: 'Saken er vedtatt.' },
  ];

  it('is the notice’s own e-mail when there is one', () => {
    expect(renderDigest(entries.slice(0, 1), 'nb', 'Medlemsavgift 2023')).toEqual(entries[0]);
  });

  it('counts the notices in the subject and lists each one’s subject and body in order', () => {
    const text = renderDigest(entries, 'nb', 'Medlemsavgift 2023');
    expect(text.subject).toBe('3 varsler om «Medlemsavgift 2023»');
    expect(text.body.startsWith('Du har fått 3 varsler om «Medlemsavgift 2023»:')).toBe(true);
    const positions = entries.flatMap((entry, index) => [text.body.indexOf(`${index + 1}. ${entry.subject}`), text.body.indexOf(entry.body)]);
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('is written in the recipient’s written standard, and names no round when there is none', () => {
    expect(renderDigest(entries, 'nn', 'Medlemsavgift 2023').subject).toBe('3 varsel om «Medlemsavgift 2023»');
    expect(renderDigest(entries, 'en', 'Medlemsavgift 2023').subject).toBe('3 notices about “Medlemsavgift 2023”');
    expect(renderDigest(entries.slice(0, 2), 'nb', null).subject).toBe('2 varsler fra Vedtaksrunde');
    expect(renderDigest(entries.slice(0, 2), 'nn', null).subject).toBe('2 varsel frå Vedtaksrunde');
    expect(renderDigest(entries.slice(0, 2), 'en', null).body.startsWith('You have 2 notices from Vedtaksrunde:')).toBe(true);
  });
});
