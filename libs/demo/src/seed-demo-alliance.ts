import { DataSource } from 'typeorm';
import { CreateCouncilHandler, PutCostKeyHandler, RecordFeesHandler, UpsertMemberHandler } from '@app/application';
import { DEMO_ALLIANCE, DEMO_COUNCIL } from './demo-council';
import { DemoStory, adopted, demoActor, nextWorkingDay, osloInstant, workingDayFrom } from './demo-story';

const SECRETARIAT = 'sekretariat.trondheimsalliansen';

/**
 * Trondheimsalliansen IPR beside Trondheimsregionen, set up as its secretariat would through the
 * API: the council (by the admin), its eight members, the 2025 percentages as its cost key, the
 * 2025 budget as the fees in force, and next year's budget of NOK 100 000 out for approval since
 * last week, with Orkland and Trondheim already adopted. Skipped when the council exists.
 */
export async function seedDemoAlliance(dataSource: DataSource, now: Date): Promise<void> {
  const [existing] = await dataSource.query(`SELECT id FROM council WHERE slug = $1`, [DEMO_ALLIANCE.slug]);
  if (existing) return;
  const { slug } = DEMO_ALLIANCE;
  const secretariat = demoActor(SECRETARIAT);
  const story = new DemoStory(dataSource, now);
  const today = story.today;
  const nextYear = Number(today.slice(0, 4)) + 1;
  const launchDay = workingDayFrom(today, -7);
  // The council was set up the morning its secretariat sent the budget out.
  await story.at(osloInstant(launchDay, 9), async (clock) => {
    await new CreateCouncilHandler(dataSource, clock).execute(demoActor('admin'), { slug, name: DEMO_ALLIANCE.name });
    const members = new UpsertMemberHandler(dataSource, clock);
    for (const member of DEMO_COUNCIL.members) {
      await members.execute(secretariat, {
        slug,
        municipalityNumber: member.number,
        name: member.name,
        joinedOn: DEMO_ALLIANCE.joinedOn,
        representatives: DEMO_ALLIANCE.representatives,
      });
    }
    await new PutCostKeyHandler(dataSource, clock).execute(secretariat, { slug, key: DEMO_ALLIANCE.costKey, weights: DEMO_ALLIANCE.weights });
    const { effectiveFrom, reason, amounts } = DEMO_ALLIANCE.fees2025;
    await new RecordFeesHandler(dataSource, clock).execute(secretariat, {
      slug,
      effectiveFrom,
      reason,
      fees: Object.entries(amounts).map(([municipalityNumber, amount]) => ({ municipalityNumber, amount })),
    });
  });

  const round = await story.launch(osloInstant(launchDay, 11), SECRETARIAT, {
    councilSlug: slug,
    subject: { type: 'fees', total: DEMO_ALLIANCE.budget, costKey: DEMO_ALLIANCE.costKey, effectiveFrom: `${nextYear}-01-01` },
    deadline: workingDayFrom(today, 35),
    title: `Budsjett ${nextYear}: NOK 100 000`,
  });
  // Orkland's kommunestyre took it in the same meeting as Trondheimsregionen's fee proposal.
  const meetings: Array<[municipality: string, daysAgo: number, caseNumber: string]> = [
    ['5059', 6, '5188'],
    ['5001', 1, '1302'],
  ];
  await story.register(
    round.id,
    meetings.map(([municipality, daysAgo, caseNumber]) => {
      const meetingDate = workingDayFrom(today, -daysAgo);
      return {
        at: osloInstant(nextWorkingDay(meetingDate), 10),
        municipality,
        registration: adopted(municipality, meetingDate, `${meetingDate.slice(0, 4)}/${caseNumber}`),
      };
    }),
  );
}
