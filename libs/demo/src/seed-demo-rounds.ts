import { DataSource } from 'typeorm';
import { CreateAgreementVersionHandler } from '@app/application';
import { Registration } from '@app/domain';
import { DEMO_COUNCIL } from './demo-council';
import { DemoStory, adopted, demoActor, nextWorkingDay, osloInstant, workingDayFrom } from './demo-story';

const SECRETARIAT = 'sekretariat.trondheimsregionen';

/** The samarbeidsavtale of 2020, with where it answers kommuneloven § 18-4 a–h (seed 001). */
const AGREEMENT_2020 = {
  title: 'Samarbeidsavtale for Interkommunalt politisk råd for Trondheimsregionen',
  effectiveFrom: '2020-07-01',
  sections: [
    { ref: '§ 1', heading: 'Navn', text: 'Interkommunalt politisk råd for Trondheimsregionen (Trondheimsregionen).' },
    { ref: '§ 2', heading: 'Rettslig status', text: 'Rådet er ikke et eget rettssubjekt.' },
    { ref: '§ 3', heading: 'Representantskapet', text: 'Hver deltakerkommune har to medlemmer i representantskapet: ordfører og ett medlem valgt av kommunestyret.' },
    { ref: '§ 4', heading: 'Formål og saksområder', text: 'Strategisk næringsutvikling, interkommunal arealplanlegging (IKAP), profilering og interessepolitikk.' },
    { ref: '§ 5', heading: 'Myndighet', text: 'Rådet har ikke vedtaksmyndighet utover egen drift; det gir råd og uttalelser.' },
    { ref: '§ 6', heading: 'Eierandel og ansvar', text: 'Deltakerne betaler medlemsavgift etter fordelingsnøkkel; ansvarsandel følger eierandel.' },
    { ref: '§ 7', heading: 'Uttreden', text: 'En deltaker kan tre ut med ett års skriftlig varsel.' },
    { ref: '§ 8', heading: 'Oppløsning', text: 'Rådet oppløses når alle kommunestyrene vedtar det; vertskommunen Trondheim tar vare på arkivet.' },
  ],
  minimumContent: { a: '§ 1', b: '§ 2', c: '§ 3', d: '§ 4', e: '§ 5', f: '§ 6', g: '§ 7', h: '§ 8' },
};

/** When each kommunestyre met on the fee proposal, in days before today, and its case number. */
const FEE_MEETINGS: Array<[municipality: string, daysAgo: number, caseNumber: string]> = [
  ['5035', 20, '2210'],
  ['5031', 16, '3387'],
  ['5029', 13, '0412'],
  ['5001', 9, '1234'],
  ['5059', 6, '5120'],
];

/**
 * Trondheimsregionen's rounds, made through the same use cases as the API. The 2020 agreement,
 * adopted by all eight, is in force. The fee round is told from today: NOK 10 000 000 from
 * 1 January next year over the 2022 fees, launched five weeks ago with the deadline three weeks
 * ahead; five have adopted, Melhus has it on the agenda before the deadline, Midtre Gauldal and
 * Indre Fosen have not yet said. Skipped when the council has rounds.
 */
export async function seedDemoRounds(dataSource: DataSource, now: Date): Promise<void> {
  const [{ rounds }] = await dataSource.query(
    `SELECT count(*)::int AS rounds FROM round r JOIN council c ON c.id = r.council_id WHERE c.slug = $1`,
    [DEMO_COUNCIL.slug],
  );
  if (rounds > 0) return;
  const story = new DemoStory(dataSource, now);
  await seedAgreement2020(dataSource, story);

  const today = story.today;
  const nextYear = Number(today.slice(0, 4)) + 1;
  const feeRound = await story.launch(osloInstant(workingDayFrom(today, -35), 9), SECRETARIAT, {
    councilSlug: DEMO_COUNCIL.slug,
    subject: { type: 'fees', total: '10000000.00', costKey: DEMO_COUNCIL.costKey2022, effectiveFrom: `${nextYear}-01-01` },
    deadline: workingDayFrom(today, 21),
    title: `Ny medlemsavgift fra ${nextYear}: NOK 10 000 000`,
  });
  const melhus: Registration = {
    decision: 'scheduled',
    meetingDate: workingDayFrom(today, 10),
    note: 'Formannskapet innstiller på å vedta.',
  };
  await story.register(feeRound.id, [
    ...FEE_MEETINGS.map(([municipality, daysAgo, caseNumber]) => {
      const meetingDate = workingDayFrom(today, -daysAgo);
      const registration = adopted(municipality, meetingDate, `${meetingDate.slice(0, 4)}/${caseNumber}`);
      return { at: osloInstant(nextWorkingDay(meetingDate), 10), municipality, registration };
    }),
    { at: osloInstant(workingDayFrom(today, -4), 14), municipality: '5028', registration: melhus },
  ]);
}

async function seedAgreement2020(dataSource: DataSource, story: DemoStory): Promise<void> {
  const version = await story.at(new Date('2019-12-09T10:00:00+01:00'), (clock) =>
    new CreateAgreementVersionHandler(dataSource, clock).execute(demoActor(SECRETARIAT), { slug: DEMO_COUNCIL.slug, ...AGREEMENT_2020 }),
  );
  const round = await story.launch(new Date('2019-12-16T09:00:00+01:00'), SECRETARIAT, {
    councilSlug: DEMO_COUNCIL.slug,
    subject: { type: 'agreement', versionId: version.id },
    deadline: '2020-06-30',
    title: 'Samarbeidsavtale for Trondheimsregionen (ny kommunelov)',
  });
  const meetings: Record<string, string> = {
    '5001': '2020-02-13', '5035': '2020-02-20', '5031': '2020-03-02', '5028': '2020-02-25',
    '5029': '2020-03-05', '5059': '2020-02-27', '5027': '2020-03-12', '5054': '2020-03-19',
  };
  const registeredAt = new Date('2020-03-20T12:00:00+01:00');
  await story.register(
    round.id,
    Object.entries(meetings).map(([municipality, meetingDate]) => ({
      at: registeredAt,
      municipality,
      registration: adopted(municipality, meetingDate, `2020/${municipality.slice(2)}1`),
    })),
  );
}
