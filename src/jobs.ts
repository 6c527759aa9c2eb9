// Registers every module's background jobs with the job system (side-effect imports).
import './modules/identity/identity.jobs';
import './modules/org/org.jobs';
import './modules/plans/plans.jobs';
import './modules/plans/obligations.jobs';
import './modules/disclosure/disclosure.jobs';
import './modules/newsroom/newsroom.jobs';
import './modules/distribution/distribution.jobs';
import './modules/monitoring/monitoring.jobs';
import './modules/monitoring/alerts/insights.jobs';
import './modules/siteimport/siteimport.jobs';
import './modules/sitecontent/sitecontent.jobs';
import './modules/notices/notices.jobs';
import './modules/press/press.jobs';
import './modules/incidents/incidents.jobs';
import './modules/reports/reports.jobs';
import './modules/feedback/analysis/analysis.jobs';
import './modules/feedback/feedback.jobs';
