// The incidents module's public door: open and handle incidents, the timeline (addTimelineEntry for notices and press),
// fast reports up the tree, the published result; getIncidentForUnit for other modules.
export * from './incidents.service';
export * from './incidents.rules';
export { sweepIncidents } from './incidents.sweep';
export { fastReportDocx } from './incidents.docx';
export * from './public.service';
export { incidentsSweepJob } from './incidents.jobs';
