// The site-content module's public door: admissions, work schedule, albums and videos, FAQ and links,
// the contact form's inbox, page ratings; public reads for the unit sites.
export * from './common';
export * from './admissions.service';
export * from './schedule.service';
export * from './albums.service';
export * from './faq.service';
export * from './files.service';
export * from './contact.service';
export * from './ratings.service';
export { notifyMessagesJob } from './sitecontent.jobs';
