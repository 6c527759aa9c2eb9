import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, authorize } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { jsonRoutes } from '../../http/openapi';
import { db } from '../../platform/db';
import { searchThreadsForPress } from '../monitoring';
import { type Permission, canOnUnit, unitPathOf } from '../org';
import { isInRegister, pressAssignees, registerOf, unitOfJournalist, unitOfPressRow } from './common';
import * as brf from './briefings.service';
import { EMAILED_QUESTION_DEADLINE_HOURS, pressAddressOf } from './inbound.service';
import * as lib from './library.service';
import * as out from './outlets.service';
import * as qs from './questions.service';
import * as rel from './releases.service';

/**
 * Press office API (issue 7). Reading needs `monitoring.read` (the press office
 * works on monitoring's coverage; spokespersons read their own unit only);
 * writing needs `press.write`; approving, answering, publishing and withdrawing
 * need `press.approve` — and the service checks the spokesperson register
 * itself (a spokesperson of the unit, or a leader of it or above), and refuses
 * approving one's own draft.
 */
const tag = ['Báo chí'];
export const pressRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
type Ctx = Context<AppEnv>;

const UnitQuery = z.object({ unitId: z.coerce.number().int().positive() });
const text = (max: number) => z.string().trim().max(max);
const optText = (max: number) => text(max).nullable().optional();
const ids = z.array(z.number().int().positive()).max(100);

/** List scope: a unit's subtree, or only the unit itself when the caller reads it through an own-unit role only. */
async function scope(c: Ctx, permission: Permission, unitId: number) {
  const s = await authorize(c, permission, unitId);
  const path = (await unitPathOf(db(), unitId)) as string;
  const reaches = s.user.assignments.some((a) => canOnUnit([a], permission, path) && a.role !== 'contributor' && a.role !== 'spokesperson');
  return { unitPath: path, ownUnitIds: reaches ? null : [unitId] };
}
type Table = Parameters<typeof unitOfPressRow>[1];
const authRow = async (c: Ctx, permission: Permission, table: Table, id: number) => authorize(c, permission, await unitOfPressRow(db(), table, id));

const route = jsonRoutes(pressRoutes, tag);

// ---- people: who may be assigned, who is in the register --------------------------------------

route({ method: 'get', path: '/press/people', summary: "A unit's possible assignees of press questions and its spokesperson register", perm: 'monitoring.read', query: UnitQuery }, async (c, { query }) => {
  const s = await authorize(c, 'monitoring.read', query.unitId);
  return { assignees: await pressAssignees(db(), query.unitId), register: (await registerOf(db(), query.unitId)).map(({ email: _e, ...p }) => p), isInRegister: await isInRegister(db(), s.user.id, query.unitId) };
});

// ---- outlets and journalists ---------------------------------------------------------------------

const OutletBody = z.object({ name: text(200).min(1), kind: z.enum(out.outletKinds), host: optText(200), contacts: optText(2000), notes: optText(4000) });
const JournalistBody = z.object({ outletId: z.number().int().positive(), name: text(120).min(1), beat: optText(200), phone: optText(40), email: optText(254), notes: optText(4000) });

route({ method: 'get', path: '/press/outlets', summary: "Outlets of a unit's subtree with their journalist and coverage counts", perm: 'monitoring.read', query: UnitQuery.extend({ q: z.string().max(200).optional() }) }, async (c, { query }) => {
  const items = await out.listOutlets(db(), { ...(await scope(c, 'monitoring.read', query.unitId)), text: query.q });
  return { items, total: items.length };
});
route({ method: 'post', path: '/press/outlets', summary: 'Add an outlet', perm: 'press.write', body: OutletBody.extend({ unitId: z.number().int().positive() }), status: 201 }, async (c, { body }) => {
  await authorize(c, 'press.write', body.unitId);
  return out.saveOutlet(actorOf(c), null, body);
});
route({ method: 'get', path: '/press/outlets/{id}', summary: 'An outlet with its journalists', perm: 'monitoring.read', hasId: true }, async (c, { id }) => {
  await authRow(c, 'monitoring.read', 'press_outlets', id);
  return out.getOutlet(db(), id);
});
route({ method: 'put', path: '/press/outlets/{id}', summary: 'Edit an outlet', perm: 'press.write', hasId: true, body: OutletBody }, async (c, { id, body }) => {
  await authRow(c, 'press.write', 'press_outlets', id);
  return out.saveOutlet(actorOf(c), id, body);
});
route({ method: 'get', path: '/press/outlets/{id}/coverage', summary: "An outlet's coverage from monitoring: by tone per month, per journalist, latest items", perm: 'monitoring.read', hasId: true, query: z.object({ months: z.coerce.number().int().min(1).max(36).default(12) }) }, async (c, { id, query }) => {
  await authRow(c, 'monitoring.read', 'press_outlets', id);
  return out.outletCoverage(db(), id, query.months);
});
route({ method: 'post', path: '/press/journalists', summary: 'Add a journalist to an outlet', perm: 'press.write', body: JournalistBody, status: 201 }, async (c, { body }) => {
  await authRow(c, 'press.write', 'press_outlets', body.outletId);
  return out.saveJournalist(actorOf(c), null, body);
});
route({ method: 'put', path: '/press/journalists/{id}', summary: 'Edit a journalist (the outlet must be of the same unit)', perm: 'press.write', hasId: true, body: JournalistBody }, async (c, { id, body }) => {
  const unitId = await unitOfJournalist(db(), id);
  await authorize(c, 'press.write', unitId);
  if ((await unitOfPressRow(db(), 'press_outlets', body.outletId)) !== unitId) await authorize(c, 'press.write', await unitOfPressRow(db(), 'press_outlets', body.outletId));
  return out.saveJournalist(actorOf(c), id, body);
});

// ---- press questions ----------------------------------------------------------------------------

const QuestionBody = z.object({
  unitId: z.number().int().positive(),
  channel: z.enum(['email', 'phone']),
  outletId: z.number().int().positive().nullable().optional(),
  journalistId: z.number().int().positive().nullable().optional(),
  outletName: optText(200),
  journalistName: text(120).min(1),
  email: optText(254),
  phone: optText(40),
  subject: text(200).min(1),
  question: text(8000).min(1),
  deadlineAt: z.string().max(40).nullable().optional(),
  issueIds: ids.optional(),
  incidentId: z.number().int().positive().nullable().optional(),
});

route({ method: 'get', path: '/press/questions', summary: "Press questions of a unit's subtree, open ones first by deadline", perm: 'monitoring.read', query: UnitQuery.extend({ status: z.enum(qs.questionStatuses).optional(), open: z.enum(['1', '0']).optional(), limit: z.coerce.number().int().min(1).max(200).default(100), offset: z.coerce.number().int().min(0).default(0) }) }, async (c, { query }) => {
  return qs.listQuestions(db(), { ...(await scope(c, 'monitoring.read', query.unitId)), status: query.status, isOpen: query.open === '1', limit: query.limit, offset: query.offset });
});
route({ method: 'post', path: '/press/questions', summary: 'Record a question received by e-mail or phone', perm: 'press.write', body: QuestionBody, status: 201 }, async (c, { body }) => {
  await authorize(c, 'press.write', body.unitId);
  return qs.recordQuestion(actorOf(c), body);
});
route({ method: 'get', path: '/press/questions/{id}', summary: 'A press question', perm: 'monitoring.read', hasId: true }, async (c, { id }) => {
  await authRow(c, 'monitoring.read', 'press_questions', id);
  return qs.getQuestion(db(), id);
});
const questionMoves: { action: qs.QuestionMove['action']; perm: Permission; body: z.ZodTypeAny; summary: string }[] = [
  { action: 'assign', perm: 'press.write', body: z.object({ assignedTo: z.number().int().positive() }), summary: 'Assign a question to a press writer of the unit' },
  { action: 'draft', perm: 'press.write', body: z.object({ draftAnswer: text(8000).min(1) }), summary: 'Write (or rewrite) the draft answer' },
  { action: 'link', perm: 'press.write', body: z.object({ issueIds: ids.optional(), incidentId: z.number().int().positive().nullable().optional() }), summary: 'Link issues-library entries and an incident' },
  { action: 'approve', perm: 'press.approve', body: z.object({}), summary: "Approve the draft (the unit's spokesperson register; never one's own draft)" },
  { action: 'answer', perm: 'press.approve', body: z.object({ answer: text(8000).optional() }), summary: 'Record the answer as sent (the register)' },
  { action: 'decline', perm: 'press.approve', body: z.object({ reason: text(2000).min(1) }), summary: 'Decline to answer, with a reason (the register)' },
];
for (const m of questionMoves) {
  route({ method: 'post', path: `/press/questions/{id}/${m.action}`, summary: m.summary, perm: m.perm, hasId: true, body: m.body }, async (c, { id, body }) => {
    await authRow(c, m.perm, 'press_questions', id);
    return qs.moveQuestion(actorOf(c), id, { action: m.action, ...body } as qs.QuestionMove);
  });
}

// ---- press releases ----------------------------------------------------------------------------

const ReleaseBody = z.object({ title: text(300).min(1), summary: optText(1000), bodyHtml: z.string().max(200_000).optional() });
route({ method: 'get', path: '/press/releases', summary: "Press releases of a unit's subtree", perm: 'monitoring.read', query: UnitQuery.extend({ status: z.enum(rel.releaseStatuses).optional() }) }, async (c, { query }) => {
  const items = await rel.listReleases(db(), { ...(await scope(c, 'monitoring.read', query.unitId)), status: query.status });
  return { items, total: items.length };
});
route({ method: 'post', path: '/press/releases', summary: 'Write a press release (draft)', perm: 'press.write', body: ReleaseBody.extend({ unitId: z.number().int().positive() }), status: 201 }, async (c, { body }) => {
  await authorize(c, 'press.write', body.unitId);
  return rel.saveRelease(actorOf(c), null, body);
});
route({ method: 'get', path: '/press/releases/{id}', summary: 'A press release', perm: 'monitoring.read', hasId: true }, async (c, { id }) => {
  await authRow(c, 'monitoring.read', 'press_releases', id);
  return rel.getRelease(db(), id);
});
route({ method: 'put', path: '/press/releases/{id}', summary: 'Edit a draft press release', perm: 'press.write', hasId: true, body: ReleaseBody }, async (c, { id, body }) => {
  await authRow(c, 'press.write', 'press_releases', id);
  return rel.saveRelease(actorOf(c), id, body);
});
for (const m of [
  { action: 'approve', perm: 'press.approve', body: z.object({}), summary: "Approve a draft release (the register; never the author)" },
  { action: 'publish', perm: 'press.approve', body: z.object({}), summary: 'Publish an approved release on the portal' },
  { action: 'withdraw', perm: 'press.approve', body: z.object({ reason: text(1000).optional() }), summary: 'Withdraw a release from the portal' },
  { action: 'reopen', perm: 'press.write', body: z.object({}), summary: 'Back to draft (an approved or withdrawn release)' },
] as const) {
  route({ method: 'post', path: `/press/releases/{id}/${m.action}`, summary: m.summary, perm: m.perm, hasId: true, body: m.body }, async (c, { id, body }) => {
    await authRow(c, m.perm, 'press_releases', id);
    return rel.moveRelease(actorOf(c), id, { action: m.action, ...body } as rel.ReleaseMove);
  });
}

// ---- rebuttals ---------------------------------------------------------------------------------

const RebuttalBody = z.object({
  title: text(300).min(1), falseClaim: text(4000).min(1), bodyHtml: z.string().max(200_000).optional(),
  threadId: z.number().int().positive().nullable().optional(), issueId: z.number().int().positive().nullable().optional(), incidentId: z.number().int().positive().nullable().optional(),
});
route({ method: 'get', path: '/press/rebuttals', summary: "Rebuttals of false information of a unit's subtree", perm: 'monitoring.read', query: UnitQuery }, async (c, { query }) => {
  const items = await rel.listRebuttals(db(), await scope(c, 'monitoring.read', query.unitId));
  return { items, total: items.length };
});
route({ method: 'post', path: '/press/rebuttals', summary: 'Write a rebuttal (draft), linked to the monitoring thread it answers', perm: 'press.write', body: RebuttalBody.extend({ unitId: z.number().int().positive() }), status: 201 }, async (c, { body }) => {
  await authorize(c, 'press.write', body.unitId);
  return rel.saveRebuttal(actorOf(c), null, body);
});
route({ method: 'get', path: '/press/rebuttals/{id}', summary: "A rebuttal with its thread's coverage links", perm: 'monitoring.read', hasId: true }, async (c, { id }) => {
  await authRow(c, 'monitoring.read', 'press_rebuttals', id);
  return rel.getRebuttal(db(), id);
});
route({ method: 'put', path: '/press/rebuttals/{id}', summary: 'Edit a draft rebuttal', perm: 'press.write', hasId: true, body: RebuttalBody }, async (c, { id, body }) => {
  await authRow(c, 'press.write', 'press_rebuttals', id);
  return rel.saveRebuttal(actorOf(c), id, body);
});
for (const action of ['publish', 'withdraw'] as const) {
  route({ method: 'post', path: `/press/rebuttals/{id}/${action}`, summary: action === 'publish' ? 'Publish a rebuttal on the portal (the register; never the author)' : 'Take a rebuttal off the portal', perm: 'press.approve', hasId: true, body: z.object({}) }, async (c, { id }) => {
    await authRow(c, 'press.approve', 'press_rebuttals', id);
    return rel.moveRebuttal(actorOf(c), id, action);
  });
}

// ---- issues library ----------------------------------------------------------------------------

const IssueBody = z.object({
  topic: text(300).min(1), factsHtml: z.string().max(200_000).optional(), position: text(8000).optional(),
  qa: z.array(z.object({ q: text(2000), a: text(8000) })).max(100).optional(), ownerIds: ids.optional(), tags: z.array(text(60)).max(30).optional(),
  reviewOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
});
route({ method: 'get', path: '/press/issues', summary: 'The issues library of a unit’s subtree; search without diacritics', perm: 'monitoring.read', query: UnitQuery.extend({ q: z.string().max(200).optional(), status: z.enum(lib.issueStatuses).optional(), tag: z.string().max(60).optional() }) }, async (c, { query }) => {
  const items = await lib.listIssues(db(), { ...(await scope(c, 'monitoring.read', query.unitId)), text: query.q, status: query.status, tag: query.tag });
  return { items, total: items.length };
});
route({ method: 'post', path: '/press/issues', summary: 'Add an issue to the library (draft)', perm: 'press.write', body: IssueBody.extend({ unitId: z.number().int().positive() }), status: 201 }, async (c, { body }) => {
  await authorize(c, 'press.write', body.unitId);
  return lib.saveIssue(actorOf(c), null, body);
});
route({ method: 'get', path: '/press/issues/{id}', summary: 'An issue of the library', perm: 'monitoring.read', hasId: true }, async (c, { id }) => {
  await authRow(c, 'monitoring.read', 'press_issues', id);
  return lib.getIssue(db(), id);
});
route({ method: 'put', path: '/press/issues/{id}', summary: 'Edit an issue (a changed position goes back to draft)', perm: 'press.write', hasId: true, body: IssueBody }, async (c, { id, body }) => {
  await authRow(c, 'press.write', 'press_issues', id);
  return lib.saveIssue(actorOf(c), id, body);
});
for (const m of [
  { action: 'approve', perm: 'press.approve', summary: 'Approve the position (the register)' },
  { action: 'archive', perm: 'press.write', summary: 'Archive an issue' },
  { action: 'reopen', perm: 'press.write', summary: 'Back to draft' },
] as const) {
  route({ method: 'post', path: `/press/issues/{id}/${m.action}`, summary: m.summary, perm: m.perm, hasId: true, body: z.object({}) }, async (c, { id }) => {
    await authRow(c, m.perm, 'press_issues', id);
    return lib.moveIssue(actorOf(c), id, m.action);
  });
}

// ---- briefings, conferences, compliance ----------------------------------------------------------

const YearQuery = UnitQuery.extend({ year: z.coerce.number().int().min(2000).max(2100) });
const BriefingBody = z.object({
  kind: z.enum(lib.briefingKinds), title: text(300).min(1), startsAt: z.string().min(10).max(40), place: optText(300),
  spokespersonId: z.number().int().positive().nullable().optional(), topics: z.array(text(300)).max(30).optional(), outletIds: ids.optional(),
  status: z.enum(['planned', 'held', 'cancelled']).optional(), minutes: optText(20_000),
});
route({ method: 'get', path: '/press/briefings', summary: "A unit's briefings and press conferences of a year", perm: 'monitoring.read', query: YearQuery }, async (c, { query }) => {
  await authorize(c, 'monitoring.read', query.unitId);
  const items = await lib.listBriefings(db(), query.unitId, query.year);
  return { items, total: items.length };
});
route({ method: 'post', path: '/press/briefings', summary: 'Schedule a briefing or press conference', perm: 'press.write', body: BriefingBody.extend({ unitId: z.number().int().positive() }), status: 201 }, async (c, { body }) => {
  await authorize(c, 'press.write', body.unitId);
  return lib.saveBriefing(actorOf(c), null, body);
});
route({ method: 'put', path: '/press/briefings/{id}', summary: 'Edit a briefing; record it held with its minutes, or cancelled', perm: 'press.write', hasId: true, body: BriefingBody }, async (c, { id, body }) => {
  await authRow(c, 'press.write', 'press_briefings', id);
  return lib.saveBriefing(actorOf(c), id, body);
});
route({ method: 'get', path: '/press/briefings/{id}/invitees', summary: 'Who was invited to a briefing and who came', perm: 'monitoring.read', hasId: true }, async (c, { id }) => {
  await authRow(c, 'monitoring.read', 'press_briefings', id);
  return brf.listInvitees(db(), id);
});
route({ method: 'post', path: '/press/briefings/{id}/invitees', summary: 'Invite outlets (and their journalists) to a briefing; journalists with an e-mail get an invitation', perm: 'press.write', hasId: true, body: z.object({ invites: z.array(z.object({ outletId: z.number().int().positive(), journalistId: z.number().int().positive().nullable().optional() })).min(1).max(100), sendMail: z.boolean().optional() }) }, async (c, { id, body }) => {
  await authRow(c, 'press.write', 'press_briefings', id);
  return brf.inviteToBriefing(actorOf(c), id, body);
});
route({ method: 'post', path: '/press/briefings/{id}/uninvite', summary: 'Take an invitee off the list', perm: 'press.write', hasId: true, body: z.object({ inviteeId: z.number().int().positive() }) }, async (c, { id, body }) => {
  await authRow(c, 'press.write', 'press_briefings', id);
  return brf.uninviteFromBriefing(actorOf(c), id, body.inviteeId);
});
route({ method: 'put', path: '/press/briefings/{id}/attendance', summary: 'Record who came (once the briefing has started)', perm: 'press.write', hasId: true, body: z.object({ entries: z.array(z.object({ inviteeId: z.number().int().positive(), attended: z.boolean().nullable(), note: optText(500) })).min(1).max(200) }) }, async (c, { id, body }) => {
  await authRow(c, 'press.write', 'press_briefings', id);
  return brf.recordAttendance(actorOf(c), id, body.entries);
});
route({ method: 'get', path: '/press/compliance', summary: 'Decree 09 compliance of a unit for a year: monthly information, quarterly press conference', perm: 'monitoring.read', query: YearQuery }, async (c, { query }) => {
  await authorize(c, 'monitoring.read', query.unitId);
  return lib.briefingCompliance(db(), query.unitId, query.year);
});

// ---- monitoring threads (the rebuttal's thread picker) and the press e-mail address -------------

route({ method: 'get', path: '/press/threads', summary: "Monitoring threads to link a rebuttal to: the unit's subtree first, folded title search", perm: 'monitoring.read', query: UnitQuery.extend({ q: z.string().max(200).optional() }) }, async (c, { query }) => {
  const sc = await scope(c, 'monitoring.read', query.unitId);
  const items = await searchThreadsForPress(db(), { unitPath: sc.unitPath, ownUnitIds: sc.ownUnitIds, q: query.q, limit: 20 });
  return { items, total: items.length };
});
route({ method: 'get', path: '/press/inbound-address', summary: "The unit's press e-mail address (questions sent there become press questions)", perm: 'monitoring.read', query: UnitQuery }, async (c, { query }) => {
  await authorize(c, 'monitoring.read', query.unitId);
  const r = await db().query<{ code: string }>('select code from units where id = $1', [query.unitId]);
  return { address: r.rows[0] ? pressAddressOf(r.rows[0].code) : null, deadlineHours: EMAILED_QUESTION_DEADLINE_HOURS };
});

// ---- correction requests ------------------------------------------------------------------------

const CorrectionBody = z.object({
  outletId: z.number().int().positive().nullable().optional(), itemId: z.number().int().positive().nullable().optional(),
  whatWrong: text(4000).min(1), requestedCorrection: text(4000).min(1), sentOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
  outcome: z.enum(lib.correctionOutcomes).optional(), outcomeUrl: z.string().url().max(2000).nullable().optional(),
});
route({ method: 'get', path: '/press/corrections', summary: "Correction requests of a unit's subtree", perm: 'monitoring.read', query: UnitQuery }, async (c, { query }) => {
  const items = await lib.listCorrections(db(), await scope(c, 'monitoring.read', query.unitId));
  return { items, total: items.length };
});
route({ method: 'post', path: '/press/corrections', summary: 'Record a correction request to an outlet', perm: 'press.write', body: CorrectionBody.extend({ unitId: z.number().int().positive() }), status: 201 }, async (c, { body }) => {
  await authorize(c, 'press.write', body.unitId);
  return lib.saveCorrection(actorOf(c), null, body);
});
route({ method: 'put', path: '/press/corrections/{id}', summary: 'Edit a correction request; record its outcome', perm: 'press.write', hasId: true, body: CorrectionBody }, async (c, { id, body }) => {
  await authRow(c, 'press.write', 'press_corrections', id);
  return lib.saveCorrection(actorOf(c), id, body);
});
