/**
 * The one place that tells the time, so tests can move it (deadlines, rate
 * limits, session expiry). Production code calls now(), never new Date().
 */
let offsetMs = 0;
let fixed: Date | undefined;

export function now(): Date {
  if (fixed) return new Date(fixed.getTime());
  return new Date(Date.now() + offsetMs);
}
export function setClock(at: Date | undefined): void {
  fixed = at;
}
export function advanceClock(ms: number): void {
  if (fixed) fixed = new Date(fixed.getTime() + ms);
  else offsetMs += ms;
}
export function resetClock(): void {
  fixed = undefined;
  offsetMs = 0;
}
