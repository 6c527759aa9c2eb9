import type { Queryable } from '../../platform/db';
import type { Evidence } from './tracking.service';

/**
 * Evidence that another module attaches to a plan task automatically (an event or
 * training linked to the task: src/modules/events). Written in the caller's
 * transaction; the caller writes the audit log. Linking appends the evidence to the
 * task's progress for the quarter (a task without progress that quarter becomes
 * `in_progress`); unlinking removes every evidence item with that URL from all tasks.
 */
export async function linkTaskEvidence(tx: Queryable, opts: { taskId: number; quarter: number; evidence: Evidence; userId: number | null; at: Date }): Promise<void> {
  await tx.query(
    `insert into plan_task_progress (task_id, quarter, status, evidence, updated_by, updated_at)
     values ($1, $2, 'in_progress', jsonb_build_array($3::jsonb), $4, $5)
     on conflict (task_id, quarter) do update
       set evidence = (select coalesce(jsonb_agg(x), '[]'::jsonb) from jsonb_array_elements(plan_task_progress.evidence) x where x->>'url' <> ($3::jsonb)->>'url') || jsonb_build_array($3::jsonb),
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [opts.taskId, opts.quarter, JSON.stringify(opts.evidence), opts.userId, opts.at],
  );
}

export async function unlinkTaskEvidence(tx: Queryable, url: string): Promise<void> {
  await tx.query(
    `update plan_task_progress p
        set evidence = (select coalesce(jsonb_agg(x), '[]'::jsonb) from jsonb_array_elements(p.evidence) x where x->>'url' <> $1)
      where p.evidence @> jsonb_build_array(jsonb_build_object('url', $1::text))`,
    [url],
  );
}

/** Whether a task belongs to a plan of the unit at `unitPath` or of a unit above it (what the unit implements). */
export async function isTaskOfUnitOrAbove(q: Queryable, taskId: number, unitPath: string): Promise<boolean> {
  const r = await q.query(
    `select 1 from plan_tasks t join plans p on p.id = t.plan_id join units u on u.id = p.unit_id
      where t.id = $1 and $2::ltree <@ u.path`,
    [taskId, unitPath],
  );
  return !!r.rowCount;
}
