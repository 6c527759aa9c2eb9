import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize, scopeFor } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { hashPassword, isPasswordAcceptable } from '../identity';
import { AssignRoleSchema, CreatePersonSchema, PersonSchema, UpdatePersonSchema } from './org.schemas';
import * as people from './people.service';

const tag = ['Người dùng'];
export const peopleRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** A person is managed through their home unit: the caller needs the permission there. */
async function authorizeOnPerson(c: Parameters<typeof authorize>[0], permission: 'people.read' | 'people.write', id: number) {
  const person = await people.findPerson(db(), id);
  if (!person) throw new AppError('person.not_found', 404, 'person.not_found');
  await authorize(c, permission, person.unitId);
  return person;
}

peopleRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/people',
    tags: tag,
    summary: 'People of my scope, by name/e-mail (accent-insensitive) and unit subtree',
    ...access('people.read'),
    request: {
      query: z.object({
        q: z.string().trim().max(200).optional(),
        unitId: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(PersonSchema), total: z.number() })), 401: errors[401], 403: errors[403] },
  }),
  async (c) => {
    const query = c.req.valid('query');
    if (query.unitId) await authorize(c, 'people.read', query.unitId);
    const r = await people.listPeople(db(), scopeFor(c, 'people.read'), { ...query, query: query.q });
    return c.json(r, 200);
  },
);

peopleRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/people/{id}',
    tags: tag,
    summary: 'One person with their roles',
    ...access('people.read'),
    request: { params: IdParam },
    responses: { 200: json(PersonSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const person = await authorizeOnPerson(c, 'people.read', c.req.valid('param').id);
    return c.json(person, 200);
  },
);

peopleRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/people',
    tags: tag,
    summary: 'Add a person to a unit (optionally with a first password)',
    ...access('people.write'),
    request: jsonBody(CreatePersonSchema),
    responses: { 201: json(PersonSchema), 400: errors[400], 403: errors[403], 409: errors[409], 422: errors[422] },
  }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'people.write', body.unitId);
    if (body.password && !isPasswordAcceptable(body.password)) throw new AppError('auth.password_weak', 422, 'auth.password_weak');
    const hash = body.password ? await hashPassword(body.password) : null;
    return c.json(await people.createPerson(actorOf(c), body, hash), 201);
  },
);

peopleRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/people/{id}',
    tags: tag,
    summary: 'Edit a person (send the version you read)',
    ...access('people.write'),
    request: { params: IdParam, ...jsonBody(UpdatePersonSchema) },
    responses: { 200: json(PersonSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorizeOnPerson(c, 'people.write', id);
    return c.json(await people.updatePerson(actorOf(c), id, c.req.valid('json')), 200);
  },
);

peopleRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/people/{id}/roles',
    tags: tag,
    summary: 'Give a person a role in a unit',
    ...access('people.write'),
    request: { params: IdParam, ...jsonBody(AssignRoleSchema) },
    responses: { 200: json(PersonSchema), 400: errors[400], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await authorizeOnPerson(c, 'people.write', id);
    await authorize(c, 'people.write', body.unitId);
    return c.json(await people.assignRole(actorOf(c), id, body.unitId, body.role), 200);
  },
);

peopleRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/people/{id}/roles/{assignmentId}',
    tags: tag,
    summary: 'Take a role away',
    ...access('people.write'),
    request: {
      params: IdParam.extend({
        assignmentId: z.coerce.number().int().positive().openapi({ param: { name: 'assignmentId', in: 'path' } }),
      }),
    },
    responses: { 200: json(PersonSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id, assignmentId } = c.req.valid('param');
    await authorizeOnPerson(c, 'people.write', id);
    const a = await people.findAssignment(db(), assignmentId);
    if (!a || a.userId !== id) throw new AppError('role.not_found', 404, 'role.not_found');
    await authorize(c, 'people.write', a.unitId);
    return c.json(await people.revokeRole(actorOf(c), id, assignmentId), 200);
  },
);
