/**
 * The one place the application reads the time. Production uses the system clock; tests replace
 * the provider with a settable one, so deadlines and reminders can be tested without waiting.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The machine's clock. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date(Date.now());
  }
}

/** A clock that stands still until told otherwise: for tests and for replaying a day. */
export class SettableClock extends Clock {
  constructor(private current: Date = new Date(Date.now())) {
    super();
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

/**
 * A clock that started at a chosen instant and runs on in real time: for end-to-end tests and
 * rehearsals that need "the day before the deadline" without waiting for it (CLOCK_START).
 */
export class OffsetClock extends Clock {
  private readonly offsetMs: number;

  constructor(start: Date) {
    super();
    this.offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** The clock a process runs on: the system's, or one started at CLOCK_START outside production. */
export function clockFor(clockStart: Date | null): Clock {
  return clockStart ? new OffsetClock(clockStart) : new SystemClock();
}
