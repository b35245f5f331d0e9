import { Random } from './random';

/** A municipality of the data set: a plausible kommunenummer, name and written standard. */
export interface Municipality {
  number: string;
  name: string;
  language: 'nb' | 'nn';
  /** The county's first municipality is its town: its kommunestyre is called bystyre. */
  town: boolean;
  /** Inhabitants, the weight of its councils' cost keys. */
  population: number;
}

/** A council of the data set and its members (kommunenummer, ascending). */
export interface Council {
  slug: string;
  name: string;
  members: string[];
}

// The counties of 2024 with their number of municipalities (357 in all) and how many write nynorsk.
const COUNTIES: ReadonlyArray<{ prefix: string; municipalities: number; nynorsk: number }> = [
  { prefix: '03', municipalities: 1, nynorsk: 0 },
  { prefix: '11', municipalities: 23, nynorsk: 0.3 },
  { prefix: '15', municipalities: 27, nynorsk: 0.6 },
  { prefix: '18', municipalities: 41, nynorsk: 0 },
  { prefix: '31', municipalities: 12, nynorsk: 0 },
  { prefix: '32', municipalities: 21, nynorsk: 0 },
  { prefix: '33', municipalities: 18, nynorsk: 0.2 },
  { prefix: '34', municipalities: 46, nynorsk: 0.2 },
  { prefix: '39', municipalities: 6, nynorsk: 0 },
  { prefix: '40', municipalities: 17, nynorsk: 0.3 },
  { prefix: '42', municipalities: 25, nynorsk: 0.2 },
  { prefix: '46', municipalities: 43, nynorsk: 0.9 },
  { prefix: '50', municipalities: 38, nynorsk: 0 },
  { prefix: '55', municipalities: 21, nynorsk: 0 },
  { prefix: '56', municipalities: 18, nynorsk: 0 },
];

const NAME_STARTS = [
  'Nord', 'Sør', 'Øst', 'Vest', 'Aust', 'Stor', 'Lille', 'Ny', 'Fjell', 'Berg', 'Skog', 'Eik', 'Bjørk', 'Furu', 'Ask', 'Lind',
  'Elve', 'Sand', 'Stein', 'Hav', 'Sol', 'Lys', 'Grøn', 'Kvit', 'Holm', 'Mo', 'Rye', 'Vinje', 'Aker', 'Tveit',
];
const NAME_ENDS = ['vik', 'dal', 'fjord', 'berg', 'strand', 'øy', 'nes', 'heim', 'land', 'sund', 'rud', 'stad', 'vang', 'haug', 'bygd', 'eid', 'mark', 'ås'];
const COUNCIL_KINDS = ['regionen', 'regionråd', 'IPR', 'samarbeidet'];

/** The 357 municipalities, the same ones at every scale. */
export function municipalities(random: Random): Municipality[] {
  const names = random.shuffled(NAME_STARTS.flatMap((start) => NAME_ENDS.filter((end) => !start.toLowerCase().endsWith(end)).map((end) => start + end)));
  const all: Municipality[] = [];
  for (const county of COUNTIES) {
    for (let index = 0; index < county.municipalities; index++) {
      const town = index === 0;
      all.push({
        number: `${county.prefix}${String(1 + Math.floor((index * 98) / county.municipalities)).padStart(2, '0')}`,
        name: county.prefix === '03' ? 'Oslo' : names[all.length],
        language: random.chance(county.nynorsk) ? 'nn' : 'nb',
        town,
        population: town ? random.int(40_000, 300_000) : random.int(800, 40_000),
      });
    }
  }
  return all;
}

/**
 * Councils of neighbouring municipalities: each takes a block of the country in kommunenummer
 * order (so it lies mostly within one county) and grows with its nearest neighbours that are in
 * fewer than three councils. Every municipality ends in one to three councils, every council has
 * five to twenty members.
 */
export function councils(random: Random, all: readonly Municipality[], count: number): Council[] {
  // Enough seats for everyone: with few councils they are all large.
  const mean = Math.min(19.5, Math.max(12.5, (1.1 * all.length) / count));
  const smallest = Math.max(5, Math.round(2 * mean - 20));
  const blocks = Array.from({ length: count }, (_, index) => ({
    from: Math.floor((index * all.length) / count),
    to: Math.floor(((index + 1) * all.length) / count),
  }));
  const membershipsOf = new Map(all.map((m) => [m.number, 1]));
  return blocks.map(({ from, to }, index) => {
    const size = Math.max(to - from, random.int(smallest, 20));
    const members = new Set(all.slice(from, to).map((m) => m.number));
    const centre = (from + to - 1) / 2;
    // The nearest neighbours first, those already in two councils only when nobody near is left.
    const candidates = all
      .map((m, position) => {
        const distance = Math.min(Math.abs(position - centre), all.length - Math.abs(position - centre));
        return { m, score: distance + (membershipsOf.get(m.number)! - 1) * 8 };
      })
      .sort((a, b) => a.score - b.score);
    for (const { m } of candidates) {
      if (members.size >= size) break;
      if (members.has(m.number) || membershipsOf.get(m.number)! >= 3) continue;
      members.add(m.number);
      membershipsOf.set(m.number, membershipsOf.get(m.number)! + 1);
    }
    const home = all[from];
    const kind = COUNCIL_KINDS[index % COUNCIL_KINDS.length];
    const name = kind === 'IPR' ? `${home.name} IPR` : `${home.name}${kind}`;
    return { slug: slugOf(name), name, members: [...members].sort() };
  });
}

/** A slug the council table accepts: lower-case letters and digits joined by dashes. */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
