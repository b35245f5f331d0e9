import { assertCompleteMinimumContent, MINIMUM_CONTENT_ITEMS, MINIMUM_CONTENT_LETTERS, missingMinimumContent } from './legal-minimum';

const complete = Object.fromEntries(MINIMUM_CONTENT_LETTERS.map((letter, i) => [letter, `§ ${i + 1}`]));

describe('legal minimum content (kommuneloven § 18-4)', () => {
  it('describes every letter a to h in bokmål and English', () => {
    expect(Object.keys(MINIMUM_CONTENT_ITEMS)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(MINIMUM_CONTENT_ITEMS.a).toEqual({ nb: 'rådets navn', en: "the council's name" });
    expect(MINIMUM_CONTENT_ITEMS.h.nb).toContain('arkiver');
  });

  it('finds nothing missing in a complete version', () => {
    expect(missingMinimumContent(complete)).toEqual([]);
    expect(() => assertCompleteMinimumContent(complete)).not.toThrow();
  });

  it('counts absent, empty and whitespace answers as missing', () => {
    const { c: _c, ...withoutC } = complete;
    expect(missingMinimumContent({ ...withoutC, g: '', h: '  \n' })).toEqual(['c', 'g', 'h']);
    expect(missingMinimumContent({})).toEqual([...MINIMUM_CONTENT_LETTERS]);
  });

  it('refuses an incomplete version, naming the missing letters', () => {
    const { c: _c, g: _g, ...incomplete } = complete;
    expect(() => assertCompleteMinimumContent(incomplete)).toThrow(
      expect.objectContaining({
        code: 'AGREEMENT.MINIMUM_CONTENT_MISSING',
        kind: 'invalid',
        details: { field: 'minimumContent', missing: ['c', 'g'] },
        message: expect.stringMatching(/c\) how many members.*; g\) how a participant withdraws/),
      }),
    );
  });
});
