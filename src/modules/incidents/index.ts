// The incidents module's public door: open and handle incidents, the timeline (addTimelineEntry for notices and press),
// fast reports up the tree, the published result; getIncidentForUnit for other modules.
export * from './incidents.service';
export * from './incidents.rules';
export { sweepIncidents } from './incidents.sweep';
export { fastReportDocx } from './incidents.docx';
export * from './public.service';
export { incidentsSweepJob } from './incidents.jobs';
export * from './emulation.facts'; // read-only facts for emulation scoring (thi đua)
export * from './report.facts'; // read-only figures for reports (báo cáo)
export * from './dashboard.facts'; // read-only facts for the dashboards (bảng điều khiển)
export { maskTextOfIncident } from './privacy'; // erasure of personal data in copies (feedback data-subject requests)
