// The events module's public door: trainings and events (schedule, invitations, attendance, materials); report and emulation facts.
export * from './events.service';
export * from './report.facts';
