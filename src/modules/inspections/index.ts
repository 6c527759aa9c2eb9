// The inspections module's public door: checklists, inspections, findings and follow-up actions; the emulation facts.
export * from './inspections.service';
export * from './emulation.facts';
export { actionReminderKinds, type ActionReminderKind, reminderKindFor, sendDueActionReminders, vnDay } from './reminders.service'; // follow-up action reminders (job in inspections.jobs.ts)
