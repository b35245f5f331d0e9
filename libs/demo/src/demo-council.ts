import { TRONDHEIMSREGIONEN } from '@app/domain/testing/trondheimsregionen.fixture';

/** Trondheimsregionen as the demo loads it: the council's own figures, from one place. */
export const DEMO_COUNCIL = {
  slug: TRONDHEIMSREGIONEN.slug,
  name: TRONDHEIMSREGIONEN.name,
  // Not in the source papers: every membership is taken to start with the council as it was
  // organised for the agreement of 2020, before the round on that agreement was launched.
  joinedOn: '2019-12-01',
  costKey2022: 'fees-2022',
  members: TRONDHEIMSREGIONEN.members.map((member) => ({
    number: member.municipalityNumber,
    name: member.name,
    fee2022: TRONDHEIMSREGIONEN.fees2022[member.municipalityNumber as keyof typeof TRONDHEIMSREGIONEN.fees2022],
    // Not in the source papers either: the mayor and one more in representantskapet.
    representatives: 2,
  })),
};

/**
 * Trondheimsalliansen IPR (seed 000): the same eight municipalities in a council of their own,
 * sharing its budget by percentage, so that a clerk's work spans two councils.
 */
export const DEMO_ALLIANCE = {
  slug: 'trondheimsalliansen',
  name: 'Trondheimsalliansen IPR',
  // "Samarbeidsavtalen ble inngått i 2025": the day itself is not in the papers.
  joinedOn: '2025-01-01',
  costKey: 'prosent-2025',
  weights: { ...TRONDHEIMSREGIONEN.percentages2025 } as Record<string, string>,
  budget: TRONDHEIMSREGIONEN.budget2025,
  /** The budget 2025 as shared (seed 000), adopted before the council used the product. */
  fees2025: {
    effectiveFrom: '2025-01-01',
    reason: 'Budsjett 2025, vedtatt 20. juni 2025, før rådet tok i bruk systemet',
    amounts: { ...TRONDHEIMSREGIONEN.allocation2025 } as Record<string, string>,
  },
  // The ordfører in representantskapet.
  representatives: 1,
};
