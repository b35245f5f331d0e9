import { TRONDHEIMSREGIONEN } from '@app/domain/testing/trondheimsregionen.fixture';

/** Trondheimsregionen as the demo loads it: the council's own figures, from one place. */
export const DEMO_COUNCIL = {
  slug: TRONDHEIMSREGIONEN.slug,
  name: TRONDHEIMSREGIONEN.name,
  // Not in the source papers: the agreement of 2020 is taken as the start of every membership.
  joinedOn: '2020-01-01',
  costKey2022: 'fees-2022',
  members: TRONDHEIMSREGIONEN.members.map((member) => ({
    number: member.municipalityNumber,
    name: member.name,
    fee2022: TRONDHEIMSREGIONEN.fees2022[member.municipalityNumber as keyof typeof TRONDHEIMSREGIONEN.fees2022],
    // Not in the source papers either: the mayor and one more in representantskapet.
    representatives: 2,
  })),
};
