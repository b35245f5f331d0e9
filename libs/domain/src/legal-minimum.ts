import { DomainError } from './domain-error';

/** The items a samarbeidsavtale must at least cover, lettered as in kommuneloven § 18-4 second paragraph. */
export const MINIMUM_CONTENT_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;

/** One letter of the legal minimum content, a to h. */
export type MinimumContentLetter = (typeof MINIMUM_CONTENT_LETTERS)[number];

/** Where an agreement version answers each letter, e.g. { a: "§ 1", …, h: "§ 12" }. */
export type MinimumContent = Partial<Record<MinimumContentLetter, string>>;

/** What each letter of § 18-4 asks for, in bokmål as the law says it and in English. */
export const MINIMUM_CONTENT_ITEMS: Readonly<Record<MinimumContentLetter, { readonly nb: string; readonly en: string }>> = {
  a: { nb: 'rådets navn', en: "the council's name" },
  b: { nb: 'om rådet er et eget rettssubjekt', en: 'whether the council is its own legal entity' },
  c: {
    nb: 'hvor mange medlemmer den enkelte deltakeren skal ha i representantskapet',
    en: 'how many members each participant has in the representantskap',
  },
  d: { nb: 'hvilke saker rådet skal kunne behandle', en: 'which matters the council may handle' },
  e: { nb: 'hvilken myndighet som er lagt til rådet', en: 'what authority is delegated to the council' },
  f: {
    nb: 'den enkelte deltakerens eierandel i rådet og ansvarsandel for rådets forpliktelser hvis ansvarsandelen avviker fra eierandelen',
    en: "each participant's ownership share, and its share of liability where that differs from the ownership share",
  },
  g: { nb: 'hvordan deltakerne kan tre ut av rådet', en: 'how a participant withdraws from the council' },
  h: {
    nb: 'hvordan rådet skal oppløses, blant annet hvem som skal ha ansvaret for oppbevaringen av rådets arkiver etter at rådet er oppløst',
    en: 'how the council is dissolved, including who keeps its archives afterwards',
  },
};

/** The letters of the legal minimum content that an agreement version leaves unanswered (blank counts as missing). */
export function missingMinimumContent(minimumContent: MinimumContent): MinimumContentLetter[] {
  return MINIMUM_CONTENT_LETTERS.filter((letter) => {
    const answer: unknown = minimumContent[letter];
    return typeof answer !== 'string' || answer.trim() === '';
  });
}

/** Refuses an agreement version that lacks any item of kommuneloven § 18-4, naming the missing letters. */
export function assertCompleteMinimumContent(minimumContent: MinimumContent): void {
  const missing = missingMinimumContent(minimumContent);
  if (missing.length > 0) {
    const items = missing.map((letter) => `${letter}) ${MINIMUM_CONTENT_ITEMS[letter].en}`).join('; ');
    throw new DomainError(
      'AGREEMENT.MINIMUM_CONTENT_MISSING',
      `The agreement must say where it covers every item of kommuneloven § 18-4; missing: ${items}.`,
      { field: 'minimumContent', missing },
    );
  }
}
