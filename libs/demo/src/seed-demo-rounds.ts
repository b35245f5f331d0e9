import { DataSource } from 'typeorm';
import {
  CreateAgreementVersionHandler,
  LaunchRoundHandler,
  RegisterDecisionHandler,
  SettableClock,
} from '@app/application';
import { Registration } from '@app/domain';
import { Actor } from '@app/identity';
import { DEMO_COUNCIL } from './demo-council';

const secretariat = new Actor({
  sub: 'sekretariat.trondheimsregionen',
  name: 'Siri Sekretariat',
  roles: [{ role: 'secretariat', council: DEMO_COUNCIL.slug }],
});
const clerk = (municipality: string) =>
  new Actor({ sub: `clerk.${municipality}`, name: `Utvalgssekretær ${municipality}`, roles: [{ role: 'clerk', municipality }] });

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

function adopted(meetingDate: string, caseNumber: string, body: 'kommunestyre' | 'bystyre' = 'kommunestyre'): Registration {
  return { decision: 'adopted', meetingDate, body, caseNumber, protocolRef: `Protokoll ${body} ${meetingDate}, sak ${caseNumber}` };
}

/**
 * The demo's rounds, made through the same use cases as the API: the 2020 agreement adopted by
 * all eight (so it is in force), and the 2022 fee round (NOK 10 000 000 from 2023 over the 2022
 * fees) open with five adopted, Melhus scheduled and two pending. Skipped when rounds exist.
 */
export async function seedDemoRounds(dataSource: DataSource): Promise<void> {
  const [{ rounds }] = await dataSource.query(
    `SELECT count(*)::int AS rounds FROM round r JOIN council c ON c.id = r.council_id WHERE c.slug = $1`,
    [DEMO_COUNCIL.slug],
  );
  if (rounds > 0) return;
  const clock = new SettableClock(new Date('2019-12-16T09:00:00+01:00'));
  const launch = new LaunchRoundHandler(dataSource, clock);
  const register = new RegisterDecisionHandler(dataSource, clock);

  const version = await new CreateAgreementVersionHandler(dataSource).execute(secretariat, { slug: DEMO_COUNCIL.slug, ...AGREEMENT_2020 });
  const agreementRound = await launch.execute(secretariat, {
    councilSlug: DEMO_COUNCIL.slug,
    subject: { type: 'agreement', versionId: version.id },
    deadline: '2020-06-30',
    title: 'Samarbeidsavtale for Trondheimsregionen (ny kommunelov)',
  });
  const agreementMeetings: Record<string, string> = {
    '5001': '2020-02-13', '5035': '2020-02-20', '5031': '2020-03-02', '5028': '2020-02-25',
    '5029': '2020-03-05', '5059': '2020-02-27', '5027': '2020-03-12', '5054': '2020-03-19',
  };
  clock.set('2020-03-20T12:00:00+01:00');
  for (const [number, meetingDate] of Object.entries(agreementMeetings)) {
    await register.execute(clerk(number), {
      roundId: agreementRound.id,
      municipalityNumber: number,
      registration: adopted(meetingDate, `2020/${number.slice(2)}1`, number === '5001' ? 'bystyre' : 'kommunestyre'),
    });
  }

  clock.set('2022-10-01T09:00:00+02:00');
  const feeRound = await launch.execute(secretariat, {
    councilSlug: DEMO_COUNCIL.slug,
    subject: { type: 'fees', total: '10000000.00', costKey: DEMO_COUNCIL.costKey2022, effectiveFrom: '2023-01-01' },
    deadline: '2022-12-15',
    title: 'Ny medlemsavgift fra 2023: NOK 10 000 000',
  });
  clock.set('2022-11-25T12:00:00+01:00');
  const feeDecisions: Array<[string, Registration]> = [
    ['5001', adopted('2022-11-24', '2022/1234', 'bystyre')],
    ['5035', adopted('2022-11-17', '2022/2210')],
    ['5031', adopted('2022-11-21', '2022/3387')],
    ['5029', adopted('2022-11-22', '2022/0412')],
    ['5059', adopted('2022-11-24', '2022/5120')],
    ['5028', { decision: 'scheduled', meetingDate: '2022-12-08', note: 'Formannskapet innstiller på å vedta.' }],
  ];
  for (const [number, registration] of feeDecisions) {
    await register.execute(clerk(number), { roundId: feeRound.id, municipalityNumber: number, registration });
  }
}
