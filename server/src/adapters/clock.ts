/** The clock behind an interface so that tests can move time (lock-outs, session expiry, TOTP steps). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class FakeClock implements Clock {
  private ms: number;
  constructor(start: Date | string = '2026-11-28T08:00:00.000Z') {
    this.ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
  set(at: Date | string): void {
    this.ms = new Date(at).getTime();
  }
}
