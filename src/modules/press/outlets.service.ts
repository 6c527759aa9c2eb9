import { now } from '../../platform/clock';
import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { hostCoverage, itemCountsByHost } from '../monitoring';
import { foldVietnamese } from '../../text';
import { type Actor, recordAudit } from '../audit';
import { hostOf, iso } from './common';

/**
 * Press outlets (cơ quan báo chí) and their journalists, kept per unit. An
 * outlet's coverage is read from monitoring: the items whose canonical link has
 * the outlet's host (or a sub-domain of it), counted by tone per month; a
 * journalist's by the item's author matching their name (folded).
 */
export const outletKinds = ['print', 'online', 'tv', 'radio', 'magazine'] as const;
export type OutletKind = (typeof outletKinds)[number];

export type OutletInput = { name: string; kind: OutletKind; host?: string | null; contacts?: string | null; notes?: string | null };
export type JournalistInput = { outletId: number; name: string; beat?: string | null; phone?: string | null; email?: string | null; notes?: string | null };

const searchOf = (i: OutletInput, host: string | null) => foldVietnamese([i.name, host, i.contacts, i.notes].filter(Boolean).join(' '));

export async function getOutlet(q: Queryable, id: number) {
  const r = await q.query(
    `select o.id, o.unit_id as "unitId", o.name, o.kind, o.host, o.contacts, o.notes, o.created_at as "createdAt", o.updated_at as "updatedAt" from press_outlets o where o.id = $1`,
    [id],
  );
  if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
  const js = await q.query('select id, outlet_id as "outletId", name, beat, phone, email, notes from press_journalists where outlet_id = $1 order by name', [id]);
  const o = r.rows[0];
  return {
    ...o, id: Number(o.id), unitId: Number(o.unitId), kind: o.kind as OutletKind, createdAt: iso(o.createdAt) as string, updatedAt: iso(o.updatedAt) as string,
    journalists: js.rows.map((j) => ({ ...j, id: Number(j.id), outletId: Number(j.outletId) })) as { id: number; outletId: number; name: string; beat: string | null; phone: string | null; email: string | null; notes: string | null }[],
  };
}
export type Outlet = Awaited<ReturnType<typeof getOutlet>>;

export async function listOutlets(q: Queryable, opts: { unitPath: string; ownUnitIds?: number[] | null; text?: string }) {
  const params: unknown[] = [opts.unitPath];
  const where = ['u.path <@ $1::ltree'];
  if (opts.ownUnitIds) where.push(`o.unit_id = any($${params.push(opts.ownUnitIds)}::bigint[])`);
  for (const w of foldVietnamese(opts.text ?? '').split(' ').filter(Boolean).slice(0, 6)) where.push(`o.search_text like $${params.push(`%${w}%`)}`);
  const r = await q.query(
    `select o.id, o.unit_id as "unitId", o.name, o.kind, o.host,
            (select count(*)::int from press_journalists j where j.outlet_id = o.id) as "journalistCount"
       from press_outlets o join units u on u.id = o.unit_id where ${where.join(' and ')} order by o.name limit 500`,
    params,
  );
  const counts = await itemCountsByHost(q, r.rows.map((x) => x.host).filter(Boolean));
  return r.rows.map((x) => ({ ...x, id: Number(x.id), unitId: Number(x.unitId), itemCount: x.host ? counts.get(x.host) ?? 0 : 0 })) as {
    id: number; unitId: number; name: string; kind: OutletKind; host: string | null; journalistCount: number; itemCount: number;
  }[];
}

export async function saveOutlet(actor: Actor, id: number | null, input: OutletInput & { unitId?: number }): Promise<Outlet> {
  return withTransaction(async (tx) => {
    const host = hostOf(input.host);
    if (input.host && !host) throw new AppError('press.bad_host', 400, 'press.bad_host');
    const at = now();
    let unitId: number;
    if (id == null) {
      unitId = input.unitId as number;
      const r = await tx.query<{ id: number }>(
        `insert into press_outlets (unit_id, name, kind, host, contacts, notes, search_text, created_at, updated_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$8) returning id`,
        [unitId, input.name.trim(), input.kind, host, input.contacts ?? null, input.notes ?? null, searchOf(input, host), at],
      );
      id = Number(r.rows[0].id);
    } else {
      const r = await tx.query<{ unitId: number }>(
        `update press_outlets set name = $2, kind = $3, host = $4, contacts = $5, notes = $6, search_text = $7, updated_at = $8 where id = $1 returning unit_id as "unitId"`,
        [id, input.name.trim(), input.kind, host, input.contacts ?? null, input.notes ?? null, searchOf(input, host), at],
      );
      if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
      unitId = Number(r.rows[0].unitId);
    }
    await recordAudit(tx, actor, { action: 'press_outlet.save', entity: 'press_outlet', entityId: id, unitId, after: { name: input.name, kind: input.kind, host } });
    return getOutlet(tx, id);
  });
}

export async function saveJournalist(actor: Actor, id: number | null, input: JournalistInput) {
  return withTransaction(async (tx) => {
    const o = await tx.query<{ unitId: number }>('select unit_id as "unitId" from press_outlets where id = $1', [input.outletId]);
    if (!o.rowCount) throw new AppError('press.bad_outlet', 400, 'press.bad_outlet');
    const unitId = Number(o.rows[0].unitId);
    const vals = [input.outletId, input.name.trim(), input.beat ?? null, input.phone ?? null, input.email ?? null, input.notes ?? null, now()];
    if (id == null) {
      id = Number((await tx.query('insert into press_journalists (outlet_id, name, beat, phone, email, notes, created_at, updated_at) values ($1,$2,$3,$4,$5,$6,$7,$7) returning id', vals)).rows[0].id);
    } else {
      const r = await tx.query('update press_journalists set outlet_id = $2, name = $3, beat = $4, phone = $5, email = $6, notes = $7, updated_at = $8 where id = $1', [id, ...vals]);
      if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
    }
    await recordAudit(tx, actor, { action: 'press_journalist.save', entity: 'press_journalist', entityId: id, unitId, after: { name: input.name, outletId: input.outletId } });
    return getOutlet(tx, input.outletId);
  });
}


/**
 * An outlet's coverage from monitoring: counts by tone per month (the last
 * `months`, on the item's publication date, Vietnam time), per journalist, and
 * the latest items with their links.
 */
export async function outletCoverage(q: Queryable, id: number, months = 12) {
  const o = await getOutlet(q, id);
  if (!o.host) return { outletId: id, host: null, byMonth: [], byJournalist: [], latest: [], total: 0 };
  const since = new Date(now().getTime() - months * 31 * 86_400_000);
  const cov = await hostCoverage(q, o.host, since);
  const byJournalist = [];
  for (const j of o.journalists) {
    const folded = foldVietnamese(j.name);
    const mine = cov.authors.filter((x) => foldVietnamese(String(x.author)).includes(folded));
    byJournalist.push({
      journalistId: j.id, name: j.name, total: mine.length,
      negative: mine.filter((x) => x.tone === 'negative').length, neutral: mine.filter((x) => x.tone === 'neutral').length, positive: mine.filter((x) => x.tone === 'positive').length,
    });
  }
  return { outletId: id, host: o.host, total: cov.total, byMonth: cov.byMonth, byJournalist, latest: cov.latest };
}
