import type { Queryable } from '../../platform/db';
import { readFile } from '../../platform/files';
import { exportPlanFile, signedFileOf } from '../plans';

/**
 * The file behind a library entry that came from a plan: the signed copy (PDF)
 * when one is attached, otherwise the plan rendered as a DOCX in the state
 * format (Decree 30/2020) by the plans module's export. Null when the
 * document is not a public, issued plan.
 */
export async function planFileOfDocument(q: Queryable, documentId: number, opts: { publicOnly: boolean }) {
  const r = await q.query<{ planId: number | null; isPublic: boolean }>(
    `select plan_id as "planId", is_public as "isPublic" from documents where id = $1 and deleted_at is null and source = 'plan'`,
    [documentId],
  );
  const d = r.rows[0];
  if (!d?.planId || (opts.publicOnly && !d.isPublic)) return null;
  const planId = Number(d.planId);
  const signed = await signedFileOf(q, planId);
  if (signed) {
    const data = await readFile(signed.key);
    return { data, fileName: signed.fileName, mime: 'application/pdf', size: data.length };
  }
  const out = await exportPlanFile(q, planId, 'docx');
  return { data: out.data, fileName: out.fileName, mime: out.contentType, size: out.data.length };
}
