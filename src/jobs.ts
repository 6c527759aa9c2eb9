// Registers every module's background jobs with the job system (side-effect imports).
import './modules/identity/identity.jobs';
import './modules/org/org.jobs';
import './modules/plans/plans.jobs';
import './modules/newsroom/newsroom.jobs';
import './modules/distribution/distribution.jobs';
