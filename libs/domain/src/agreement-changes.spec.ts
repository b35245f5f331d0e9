import fc from 'fast-check';
import { compareAgreementSections, countSectionChanges, type AgreementSectionText, type SectionChange } from './agreement-changes';

const section = (ref: string, heading: string, text: string): AgreementSectionText => ({ ref, heading, text });

const rebuild = (change: SectionChange, side: 'before' | 'after') =>
  change.parts
    .filter((part) => part.kind === 'same' || part.kind === (side === 'before' ? 'removed' : 'added'))
    .map((part) => part.text)
    .join('');

const BEFORE = [
  section('§ 1', 'Navn', 'Rådets navn er Trondheimsregionen.'),
  section('§ 4', 'Representantskapet', 'Hver deltaker har ni medlemmer i representantskapet.'),
  section('§ 7', 'Arbeidsutvalg', 'Rådet har et arbeidsutvalg.'),
  section('§ 12', 'Oppløsning', 'Rådet oppløses når alle kommunestyrene vedtar det.'),
];
const AFTER = [
  section('§ 1', 'Navn', 'Rådets navn er Trondheimsregionen.'),
  section('§ 4', 'Representantskapet', 'Hver deltaker har to medlemmer i representantskapet, valgt for fire år.'),
  section('§ 8', 'Sekretariat', 'Sekretariatet ligger i Trondheim kommune.'),
  section('§ 12', 'Oppløsning og arkiv', 'Rådet oppløses når alle kommunestyrene vedtar det.'),
];

describe('compareAgreementSections: a new version against the one in force', () => {
  const changes = compareAgreementSections(BEFORE, AFTER);

  it('tells each section what happened to it, in the new order with the removed one where it stood', () => {
    expect(changes.map(({ ref, change }) => [ref, change])).toEqual([
      ['§ 1', 'same'],
      ['§ 4', 'changed'],
      ['§ 7', 'removed'],
      ['§ 8', 'added'],
      ['§ 12', 'changed'],
    ]);
    expect(countSectionChanges(changes)).toEqual({ added: 1, removed: 1, changed: 2, same: 1 });
  });

  it('marks exactly the changed words of a reworded section', () => {
    expect(changes[1].parts).toEqual([
      { kind: 'same', text: 'Hver deltaker har ' },
      { kind: 'removed', text: 'ni' },
      { kind: 'added', text: 'to' },
      { kind: 'same', text: ' medlemmer i representantskapet' },
      { kind: 'added', text: ', valgt for fire år' },
      { kind: 'same', text: '.' },
    ]);
  });

  it('counts a new heading as a change and keeps the old one beside it', () => {
    expect(changes[4]).toEqual({
      ref: '§ 12',
      change: 'changed',
      heading: 'Oppløsning og arkiv',
      previousHeading: 'Oppløsning',
      parts: [{ kind: 'same', text: 'Rådet oppløses når alle kommunestyrene vedtar det.' }],
    });
    expect(changes[1]).not.toHaveProperty('previousHeading');
  });

  it('gives an added section all its text as added and a removed one all its text as removed', () => {
    expect(changes[3]).toEqual({ ref: '§ 8', change: 'added', heading: 'Sekretariat', parts: [{ kind: 'added', text: 'Sekretariatet ligger i Trondheim kommune.' }] });
    expect(changes[2]).toEqual({ ref: '§ 7', change: 'removed', heading: 'Arbeidsutvalg', parts: [{ kind: 'removed', text: 'Rådet har et arbeidsutvalg.' }] });
  });

  it('makes every section added when nothing was in force before', () => {
    expect(compareAgreementSections([], AFTER).map(({ change }) => change)).toEqual(['added', 'added', 'added', 'added']);
  });

  it('puts a removed first section first, and keeps the removed ones in their old order', () => {
    const before = [section('A', 'a', 'x'), section('B', 'b', 'y'), section('C', 'c', 'z'), section('D', 'd', 'w')];
    const after = [section('C', 'c', 'z')];
    expect(compareAgreementSections(before, after).map(({ ref, change }) => `${ref}:${change}`)).toEqual(['A:removed', 'B:removed', 'C:same', 'D:removed']);
  });

  it('keeps line breaks and double spaces in the parts', () => {
    const [change] = compareAgreementSections([section('§ 2', 'Formål', 'Første ledd.\n\nAndre  ledd.')], [section('§ 2', 'Formål', 'Første ledd.\nAndre  ledd endret.')]);
    expect(rebuild(change, 'before')).toBe('Første ledd.\n\nAndre  ledd.');
    expect(rebuild(change, 'after')).toBe('Første ledd.\nAndre  ledd endret.');
  });
});

describe('compareAgreementSections: properties', () => {
  const words = fc.constantFrom('rådet', 'kommunestyret', 'skal', 'ikke', 'to', 'ni', 'år', '§', '18-4', 'æøå', ',', '.', ' ', '  ', '\n');
  const text = fc.array(words, { maxLength: 25 }).map((parts) => parts.join(''));
  const refs = fc.uniqueArray(fc.constantFrom('§ 1', '§ 2', '§ 3', '§ 4', '§ 5', '§ 6', '§ 7', '§ 8'), { maxLength: 8 });
  const headings = fc.constantFrom('Navn', 'Formål', 'Oppløsning');
  const version = refs.chain((chosen) =>
    fc.tuple(...chosen.map((ref) => fc.record({ ref: fc.constant(ref), heading: headings, text }))).map((sections) => sections as AgreementSectionText[]),
  );

  it('rebuilds the old text from same+removed and the new from same+added, section by section', () => {
    fc.assert(
      fc.property(version, version, (before, after) => {
        for (const change of compareAgreementSections(before, after)) {
          const old = before.find((s) => s.ref === change.ref);
          const now = after.find((s) => s.ref === change.ref);
          expect(rebuild(change, 'before')).toBe(old?.text ?? '');
          expect(rebuild(change, 'after')).toBe(now?.text ?? '');
          expect(change.parts.every((part) => part.text !== '')).toBe(true);
          expect(change.change).toBe(!old ? 'added' : !now ? 'removed' : old.text === now.text && old.heading === now.heading ? 'same' : 'changed');
        }
      }),
    );
  });

  it('finds nothing changed when a version is compared with itself', () => {
    fc.assert(
      fc.property(version, (sections) => {
        const changes = compareAgreementSections(sections, sections);
        expect(changes.map(({ ref }) => ref)).toEqual(sections.map(({ ref }) => ref));
        expect(changes.every(({ change, parts }) => change === 'same' && parts.every(({ kind }) => kind === 'same'))).toBe(true);
      }),
    );
  });

  it('follows the new version, and places each removed section after the kept section it followed, next ones in their old order', () => {
    fc.assert(
      fc.property(version, version, (before, after) => {
        const changes = compareAgreementSections(before, after);
        const afterRefs = new Set(after.map(({ ref }) => ref));
        expect(changes.filter(({ change }) => change !== 'removed').map(({ ref }) => ref)).toEqual(after.map(({ ref }) => ref));
        const removed = before.filter(({ ref }) => !afterRefs.has(ref)).map(({ ref }) => ref);
        expect(changes.filter(({ change }) => change === 'removed').map(({ ref }) => ref).sort()).toEqual([...removed].sort());
        const oldIndexOf = (ref: string) => before.findIndex((s) => s.ref === ref);
        changes.forEach((change, index) => {
          if (change.change !== 'removed') return;
          const oldIndex = oldIndexOf(change.ref);
          const previous = changes[index - 1];
          if (previous?.change === 'removed') expect(oldIndexOf(previous.ref)).toBeLessThan(oldIndex);
          const kept = before.slice(0, oldIndex).filter(({ ref }) => afterRefs.has(ref));
          const previousKept = changes.slice(0, index).filter(({ change: kind }) => kind !== 'removed');
          expect(previousKept.at(-1)?.ref).toBe(kept.at(-1)?.ref);
        });
      }),
    );
  });
});
