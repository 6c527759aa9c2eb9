// The events module's public door: trainings and events (schedule, invitations, attendance, materials); report and emulation facts.
export * from './events.service';
export * from './report.facts';
export * from './reminders.service'; // reminders before an event (job events.remind)
export * from './calendar.service'; // iCalendar export: one event, and a person's secret-token feed
export { buildCalendar, escapeText, foldLine } from './ics';
