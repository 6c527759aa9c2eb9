export * from './identity.service';
export { hashPassword, isPasswordAcceptable } from './passwords';
export { sendMailJob } from './identity.jobs';
