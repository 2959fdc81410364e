/**
 * Where scheduled work (billing runs, payment reminders, autopay retries) reads "now". Production uses the
 * system clock; tests and the sandbox swap in a ManualClock on the container, so a year of cycles runs
 * in seconds and a clock that jumps back or forth can be tried. Work that is due is always found by
 * comparing stored times with `now()`, never by sleeping, so moving the clock is enough to make it due.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private at: number;

  constructor(start: Date | string) {
    this.at = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  set(to: Date | string): void {
    this.at = new Date(to).getTime();
  }

  advance(ms: number): void {
    this.at += ms;
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}
