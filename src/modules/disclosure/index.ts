// The disclosure module's public door: entries per heading and school year, deadlines, compliance, public reads, reminders.
export * from './disclosure.service';
export * from './public.service';
export { remindDisclosure, YEARLY_REMINDER_DAYS, UPDATE_REMINDER_DAYS } from './reminders.service';
