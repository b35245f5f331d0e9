import { diffWordsWithSpace } from 'diff';

/** A section of an agreement version's text, as the version holds it. */
export interface AgreementSectionText {
  readonly ref: string;
  readonly heading: string;
  readonly text: string;
}

/** What a new version does to a section: adds it, removes it, changes its heading or wording, or keeps it as it was. */
export type SectionChangeKind = 'added' | 'removed' | 'changed' | 'same';

/** A stretch of a section's text: kept, added by the new version, or removed by it. */
export interface TextPart {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
}

/** One section of the comparison: the new heading (the old one for a removed section) and the text marked word by word. */
export interface SectionChange {
  readonly ref: string;
  readonly change: SectionChangeKind;
  readonly heading: string;
  /** The heading before, given only when the new version changes it. */
  readonly previousHeading?: string;
  readonly parts: TextPart[];
}

/**
 * Compares two versions of a samarbeidsavtale section by section, matched by their reference
 * (§ 3 to § 3), with the changed wording marked word by word: what a kommunestyre is asked to
 * adopt, against what it adopted before. Sections follow the new version; a removed section
 * stays where it stood in the old one.
 */
export function compareAgreementSections(
  before: readonly AgreementSectionText[],
  after: readonly AgreementSectionText[],
): SectionChange[] {
  const beforeByRef = new Map(before.map((section) => [section.ref, section]));
  const afterRefs = new Set(after.map((section) => section.ref));

  // A removed section is placed after the last section before it in the old text that the new one keeps.
  const removedAfter = new Map<string | null, SectionChange[]>();
  let anchor: string | null = null;
  for (const section of before) {
    if (afterRefs.has(section.ref)) {
      anchor = section.ref;
      continue;
    }
    const removed: SectionChange = { ref: section.ref, change: 'removed', heading: section.heading, parts: whole('removed', section.text) };
    removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), removed]);
  }

  const changes: SectionChange[] = [...(removedAfter.get(null) ?? [])];
  for (const section of after) {
    const old = beforeByRef.get(section.ref);
    changes.push(old ? compareSection(old, section) : { ref: section.ref, change: 'added', heading: section.heading, parts: whole('added', section.text) });
    changes.push(...(removedAfter.get(section.ref) ?? []));
  }
  return changes;
}

/** How many sections of a comparison are added, removed, changed and the same. */
export function countSectionChanges(changes: readonly SectionChange[]): Record<SectionChangeKind, number> {
  const counts: Record<SectionChangeKind, number> = { added: 0, removed: 0, changed: 0, same: 0 };
  for (const { change } of changes) counts[change] += 1;
  return counts;
}

function compareSection(before: AgreementSectionText, after: AgreementSectionText): SectionChange {
  const headingChanged = before.heading !== after.heading;
  if (!headingChanged && before.text === after.text) {
    return { ref: after.ref, change: 'same', heading: after.heading, parts: whole('same', after.text) };
  }
  return {
    ref: after.ref,
    change: 'changed',
    heading: after.heading,
    ...(headingChanged ? { previousHeading: before.heading } : {}),
    parts: wordParts(before.text, after.text),
  };
}

function wordParts(before: string, after: string): TextPart[] {
  // Whitespace counts as words of its own, so the parts rebuild both texts exactly, line breaks included.
  const parts: TextPart[] = [];
  for (const piece of diffWordsWithSpace(before, after)) {
    if (piece.value === '') continue;
    const kind = piece.added ? 'added' : piece.removed ? 'removed' : 'same';
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) parts[parts.length - 1] = { kind, text: last.text + piece.value };
    else parts.push({ kind, text: piece.value });
  }
  return parts;
}

function whole(kind: TextPart['kind'], text: string): TextPart[] {
  return text === '' ? [] : [{ kind, text }];
}
