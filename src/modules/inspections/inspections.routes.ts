import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, authorize, requireSession } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { jsonRoutes } from '../../http/openapi';
import { db } from '../../platform/db';
import { type Permission, canOnUnit, unitPathOf } from '../org';
import * as svc from './inspections.service';

/**
 * Inspections API. Reading an inspection needs `plans.read` on the INSPECTED unit
 * (its own people and every unit above it, the inspecting one included); everything
 * the inspectors do (checklists, scoring, findings, actions, finishing, closing an
 * action) needs `plans.write` on the INSPECTING unit; reporting an action done needs
 * `plans.write` on the inspected unit.
 */
const tag = ['Kiểm tra công tác truyền thông'];
export const inspectionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
type Ctx = Context<AppEnv>;

const text = (max: number) => z.string().trim().max(max);
const optText = (max: number) => text(max).nullable().optional();
const pos = z.coerce.number().int().positive();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const route = jsonRoutes(inspectionRoutes, tag);

async function present(c: Ctx, i: svc.Inspection) {
  const s = requireSession(c);
  const [p1, p2] = await Promise.all([unitPathOf(db(), i.unitId), unitPathOf(db(), i.inspectedUnitId)]);
  const mayInspect = canOnUnit(s.user.assignments, 'plans.write', p1 as string);
  const mayReport = canOnUnit(s.user.assignments, 'plans.write', p2 as string);
  return {
    ...i,
    can: {
      edit: mayInspect && i.status !== 'closed',
      score: mayInspect && i.status === 'planned',
      finish: mayInspect && i.status === 'planned',
      decide: mayInspect,
      report: mayReport && i.status !== 'closed',
    },
  };
}
const asInspector = async (c: Ctx, id: number) => authorize(c, 'plans.write', (await svc.inspectionUnits(db(), id)).unitId);

// ---- checklists ------------------------------------------------------------------------------

const ChecklistBody = z.object({
  title: text(300).min(1), description: optText(4000), isActive: z.boolean().optional(),
  items: z.array(z.object({ text: text(1000).min(1), guidance: optText(2000), weight: z.number().positive().max(1000) })).min(1).max(200),
});

route({ method: 'get', path: '/inspection-checklists', perm: 'plans.read', summary: 'Checklists a unit may use: its own and those of the units above it', query: z.object({ unitId: pos }) }, async (c, { query }) => {
  await authorize(c, 'plans.read', query.unitId);
  return { items: await svc.listChecklists(db(), (await unitPathOf(db(), query.unitId)) as string) };
});
route({ method: 'post', path: '/inspection-checklists', perm: 'plans.write', summary: 'Create a checklist template (weighted items)', body: ChecklistBody.extend({ unitId: z.number().int().positive() }), status: 201 }, async (c, { body }) => {
  await authorize(c, 'plans.write', body.unitId);
  return svc.createChecklist(actorOf(c), body);
});
route({ method: 'get', path: '/inspection-checklists/{id}', perm: 'plans.read', summary: 'A checklist with its items', hasId: true }, async (c, { id }) => {
  await authorize(c, 'plans.read', await svc.checklistUnit(db(), id));
  return svc.getChecklist(db(), id);
});
route({ method: 'put', path: '/inspection-checklists/{id}', perm: 'plans.write', summary: 'Edit a checklist (past inspections keep their own copy of the items)', hasId: true, body: ChecklistBody.extend({ version: z.number().int() }) }, async (c, { id, body }) => {
  await authorize(c, 'plans.write', await svc.checklistUnit(db(), id));
  return svc.updateChecklist(actorOf(c), id, body);
});

// ---- inspections -----------------------------------------------------------------------------

const InspectionBody = z.object({ title: text(300).min(1), mode: z.enum(svc.inspectionModes), inspectedOn: day, inspectors: z.array(text(200)).max(20).optional(), summary: optText(8000) });

route({ method: 'get', path: '/inspections', perm: 'plans.read', summary: 'Inspections made by or of the units of a subtree', query: z.object({ unitId: pos, status: z.enum(svc.inspectionStatuses).optional() }) }, async (c, { query }) => {
  const s = await authorize(c, 'plans.read', query.unitId);
  const path = (await unitPathOf(db(), query.unitId)) as string;
  const reaches = s.user.assignments.some((a) => canOnUnit([a], 'plans.read', path) && a.role !== 'contributor' && a.role !== 'spokesperson');
  return { items: await svc.listInspections(db(), { unitPath: path, ownUnitId: reaches ? null : query.unitId, status: query.status }) };
});
route({ method: 'post', path: '/inspections', perm: 'plans.write', summary: 'Plan an inspection of a unit below (copies the checklist items)', body: InspectionBody.extend({ unitId: z.number().int().positive(), inspectedUnitId: z.number().int().positive(), checklistId: z.number().int().positive() }), status: 201 }, async (c, { body }) => {
  await authorize(c, 'plans.write', body.unitId);
  return present(c, await svc.createInspection(actorOf(c), body));
});
route({ method: 'get', path: '/inspections/{id}', perm: 'plans.read', summary: 'An inspection: items and results, score, findings, actions', hasId: true }, async (c, { id }) => {
  await authorize(c, 'plans.read', (await svc.inspectionUnits(db(), id)).inspectedUnitId);
  return present(c, await svc.getInspection(db(), id));
});
route({ method: 'put', path: '/inspections/{id}', perm: 'plans.write', summary: 'Edit an inspection (title, mode, date, inspectors, summary)', hasId: true, body: InspectionBody.extend({ version: z.number().int() }) }, async (c, { id, body }) => {
  await asInspector(c, id);
  return present(c, await svc.updateInspection(actorOf(c), id, body));
});
route({ method: 'put', path: '/inspections/{id}/results', perm: 'plans.write', summary: 'Record results (0–100) and notes per checklist item', hasId: true, body: z.object({ items: z.array(z.object({ itemId: z.number().int().positive(), result: z.number().min(0).max(100).nullable(), note: optText(2000) })).max(200) }) }, async (c, { id, body }) => {
  await asInspector(c, id);
  return present(c, await svc.recordResults(actorOf(c), id, body.items));
});
route({ method: 'post', path: '/inspections/{id}/findings', perm: 'plans.write', summary: 'Add a finding', hasId: true, body: z.object({ text: text(4000).min(1), severity: z.enum(svc.findingSeverities).optional(), itemId: z.number().int().positive().nullable().optional() }), status: 201 }, async (c, { id, body }) => {
  await asInspector(c, id);
  return present(c, await svc.addFinding(actorOf(c), id, body));
});
route({ method: 'post', path: '/inspections/{id}/actions', perm: 'plans.write', summary: 'Add a follow-up action (owner, due date)', hasId: true, body: z.object({ title: text(1000).min(1), ownerName: text(200).min(1), dueOn: day, findingId: z.number().int().positive().nullable().optional() }), status: 201 }, async (c, { id, body }) => {
  await asInspector(c, id);
  return present(c, await svc.addAction(actorOf(c), id, body));
});
route({ method: 'post', path: '/inspections/{id}/finish', perm: 'plans.write', summary: 'Fix the score (all items assessed); follow-up while actions are open, else closed', hasId: true, body: z.object({}) }, async (c, { id }) => {
  await asInspector(c, id);
  return present(c, await svc.finishInspection(actorOf(c), id));
});

route({ method: 'post', path: '/inspection-actions/{id}/report', perm: 'plans.write', summary: 'The inspected unit reports an action done', hasId: true, body: z.object({ note: text(4000).min(1) }) }, async (c, { id, body }) => {
  await authorize(c, 'plans.write', (await svc.actionInspection(db(), id)).inspectedUnitId);
  return present(c, await svc.reportAction(actorOf(c), id, body));
});
for (const decision of ['close', 'reopen'] as const) {
  route({ method: 'post', path: `/inspection-actions/{id}/${decision}`, perm: 'plans.write', summary: decision === 'close' ? 'Close an action (the inspection closes with its last action)' : 'Send a reported action back as not done', hasId: true, body: z.object({}) }, async (c, { id }) => {
    await authorize(c, 'plans.write', (await svc.actionInspection(db(), id)).unitId);
    return present(c, await svc.decideAction(actorOf(c), id, decision));
  });
}
