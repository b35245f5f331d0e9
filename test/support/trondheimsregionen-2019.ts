/**
 * Trondheimsregionen as it was in 2019, for the stories of membership over time: Klæbu (5030) merged
 * into Trondheim (5001), and Orkdal (5024) into Orkland (5059), on 1 January 2020. Kommunenummer,
 * name and seats in representantskapet.
 */
export const SLUG_2019 = 'trondheimsregionen-2019';
export const MEMBERS_2019: ReadonlyArray<readonly [string, string, number]> = [
  ['5001', 'Trondheim', 6],
  ['5030', 'Klæbu', 1],
  ['5035', 'Stjørdal', 2],
  ['5031', 'Malvik', 1],
  ['5028', 'Melhus', 2],
  ['5027', 'Midtre Gauldal', 1],
  ['5029', 'Skaun', 1],
  ['5024', 'Orkdal', 1],
];

/** § 18-4 a–h all in one section: the stories' agreements are about who decides, not what they say. */
export const ONE_SECTION_MINIMUM_CONTENT = { a: '§ 1', b: '§ 1', c: '§ 1', d: '§ 1', e: '§ 1', f: '§ 1', g: '§ 1', h: '§ 1' };
