import { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import { Clock, LaunchRoundCommand, LaunchRoundHandler, RegisterDecisionHandler, RoundView, SettableClock } from '@app/application';
import { CalendarDate, OSLO_ZONE, Registration, addDays, isWorkingDay, todayInOslo, workingDayOnOrBefore } from '@app/domain';
import { Actor } from '@app/identity';
import { demoUsers } from './demo-users';

/** The instant at a given hour of a day in Oslo: meetings and registrations happen in office hours. */
export function osloInstant(date: CalendarDate, hour: number): Date {
  return DateTime.fromISO(date, { zone: OSLO_ZONE }).set({ hour }).toJSDate();
}

/** The working day nearest before a number of days from a date (negative: back in time). */
export function workingDayFrom(date: CalendarDate, days: number): CalendarDate {
  return workingDayOnOrBefore(addDays(date, days));
}

/** The first working day after a date: when the clerk writes down what the kommunestyre decided the evening before. */
export function nextWorkingDay(date: CalendarDate): CalendarDate {
  let day = addDays(date, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** A demo person as the use cases see them (the same subject and grants as their tokens). */
export function demoActor(sub: string): Actor {
  const person = demoUsers({ alliance: true }).find((candidate) => candidate.sub === sub);
  if (!person) throw new Error(`The demo has no person "${sub}"`);
  return new Actor(person);
}

/** A kommunestyre decision as the clerks register it; Trondheim's is taken by its bystyre. */
export function adopted(municipality: string, meetingDate: CalendarDate, caseNumber: string): Registration {
  const body = municipality === '5001' ? 'bystyre' : 'kommunestyre';
  return { decision: 'adopted', meetingDate, body, caseNumber, protocolRef: `Protokoll ${body} ${meetingDate}, sak ${caseNumber}` };
}

/**
 * Tells the demo's history through the same use cases as the API, each step at its own instant
 * in the past: what a secretariat and the clerks would have done over the weeks before today.
 */
export class DemoStory {
  private readonly clock: SettableClock;
  private readonly launcher: LaunchRoundHandler;
  private readonly registrar: RegisterDecisionHandler;

  constructor(
    dataSource: DataSource,
    /** Today, in whose light the story is told. */
    readonly now: Date,
  ) {
    this.clock = new SettableClock(now);
    this.launcher = new LaunchRoundHandler(dataSource, this.clock);
    this.registrar = new RegisterDecisionHandler(dataSource, this.clock);
  }

  /** The date in Oslo today. */
  get today(): CalendarDate {
    return todayInOslo(this.now);
  }

  /** Takes a step of the story at its instant (never after today), through use cases that read the given clock. */
  async at<T>(at: Date, step: (clock: Clock) => Promise<T>): Promise<T> {
    this.clock.set(this.notAfterNow(at));
    return step(this.clock);
  }

  async launch(at: Date, secretariat: string, command: LaunchRoundCommand): Promise<RoundView> {
    return this.at(at, () => this.launcher.execute(demoActor(secretariat), command));
  }

  /** Registers each clerk's decision at its instant, earliest first, as they came in. */
  async register(roundId: string, registrations: Array<{ at: Date; municipality: string; registration: Registration }>): Promise<void> {
    for (const { at, municipality, registration } of [...registrations].sort((a, b) => a.at.getTime() - b.at.getTime())) {
      await this.at(at, () => this.registrar.execute(demoActor(`clerk.${municipality}`), { roundId, municipalityNumber: municipality, registration }));
    }
  }

  private notAfterNow(at: Date): Date {
    return at.getTime() > this.now.getTime() ? this.now : at;
  }
}
