// Amounts are NOK strings; the 2022 sum is computed (6 392 069), never typed in.
/** The reference figures of Trondheimsregionen from the seed documents, for unit tests, demo seeds and e2e tests. */
export const TRONDHEIMSREGIONEN = {
  slug: 'trondheimsregionen',
  name: 'Trondheimsregionen',
  members: [
    { municipalityNumber: '5001', name: 'Trondheim' },
    { municipalityNumber: '5035', name: 'Stjørdal' },
    { municipalityNumber: '5031', name: 'Malvik' },
    { municipalityNumber: '5028', name: 'Melhus' },
    { municipalityNumber: '5029', name: 'Skaun' },
    { municipalityNumber: '5059', name: 'Orkland' },
    { municipalityNumber: '5027', name: 'Midtre Gauldal' },
    { municipalityNumber: '5054', name: 'Indre Fosen' },
  ],
  /** Membership fees 2022 (seed 002), also used as the cost key for the 2023 proposal. */
  fees2022: {
    '5001': '3320454.00',
    '5035': '610573.00',
    '5031': '440355.00',
    '5028': '482817.00',
    '5029': '342994.00',
    '5059': '509092.00',
    '5027': '310298.00',
    '5054': '375486.00',
  },
  /** The fee proposal from 2023 (seed 002): NOK 10 000 000 over the 2022 fees. */
  total2023: '10000000.00',
  /** NOK 10 000 000 allocated in øre over the 2022 fees (DOMAIN.md). */
  allocation2023: {
    '5001': '5194646.68',
    '5035': '955204.02',
    '5031': '688908.40',
    '5028': '755337.59',
    '5029': '536593.08',
    '5059': '796443.22',
    '5027': '485442.19',
    '5054': '587424.82',
  },
  /** The same allocated in whole kroner. */
  allocation2023Kroner: {
    '5001': '5194647.00',
    '5035': '955204.00',
    '5031': '688908.00',
    '5028': '755338.00',
    '5029': '536593.00',
    '5059': '796443.00',
    '5027': '485442.00',
    '5054': '587425.00',
  },
  /** Cost key in percent for 2025 (seed 000: Trondheimsalliansen IPR, the same eight municipalities). */
  percentages2025: {
    '5001': '67',
    '5035': '8',
    '5031': '5',
    '5028': '6',
    '5029': '3',
    '5059': '6',
    '5027': '2',
    '5054': '3',
  },
  /** Budget 2025 of Trondheimsalliansen IPR (seed 000), shared by the 2025 percentages. */
  budget2025: '100000.00',
  /** NOK 100 000 over the 2025 percentages (seed 000). */
  allocation2025: {
    '5001': '67000.00',
    '5035': '8000.00',
    '5031': '5000.00',
    '5028': '6000.00',
    '5029': '3000.00',
    '5059': '6000.00',
    '5027': '2000.00',
    '5054': '3000.00',
  },
} as const;

/** The kommunenummer of every Trondheimsregionen member, in the order of the seed tables. */
export const TRONDHEIMSREGIONEN_MEMBERS: readonly string[] = TRONDHEIMSREGIONEN.members.map((member) => member.municipalityNumber);
