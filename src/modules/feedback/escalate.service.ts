import { type Tx, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';
import { type Severity, openIncident } from '../incidents';
import { addManualEntry } from '../monitoring';
import { type FeedbackItem, getItem } from './items.service';

/**
 * Feedback that signals a risk goes to monitoring (a manual / hotline entry in the
 * unit's stream, where the pipeline scores and clusters it) or straight to an incident.
 * Both are audited here; the other module audits its own side.
 */
function titleOf(it: FeedbackItem): string {
  const head = it.subject?.trim() || it.body.split('\n')[0];
  return `Góp ý #${it.id}: ${head}`.slice(0, 160);
}

async function lockFree(tx: Tx, id: number, column: 'monitor_item_id' | 'incident_id') {
  const r = await tx.query(`select ${column} as v from feedback_items where id = $1 for update`, [id]);
  if (!r.rowCount) throw new AppError('feedback.item_not_found', 404, 'feedback.item_not_found');
  if (r.rows[0].v != null) throw new AppError('feedback.already_escalated', 409, 'feedback.already_escalated');
}

export async function sendToMonitoring(actor: Actor, itemId: number): Promise<{ monitorItemId: number }> {
  const it = await getItem(db(), itemId);
  if (it.monitorItemId != null) throw new AppError('feedback.already_escalated', 409, 'feedback.already_escalated');
  const where = it.consultationTitle ? `Góp ý dự thảo "${it.consultationTitle}"${it.paragraphLabel ? ` (${it.paragraphLabel})` : ''}` : 'Góp ý chung';
  const m = await addManualEntry(actor, {
    unitId: it.unitId, kind: it.channel === 'hotline' ? 'hotline' : 'text', title: titleOf(it), text: `${where}:\n\n${it.body}`, seenAt: it.createdAt,
  });
  await withTransaction(async (tx) => {
    await lockFree(tx, itemId, 'monitor_item_id');
    await tx.query('update feedback_items set monitor_item_id = $2 where id = $1', [itemId, m.itemId]);
    await recordAudit(tx, actor, { action: 'feedback.to_monitoring', entity: 'feedback_item', entityId: itemId, unitId: it.unitId, after: { monitorItemId: m.itemId } });
  });
  return { monitorItemId: m.itemId };
}

export async function openIncidentFromItem(actor: Actor, itemId: number, input: { severity: Severity; title?: string | null }): Promise<{ incidentId: number }> {
  const it = await getItem(db(), itemId);
  if (it.incidentId != null) throw new AppError('feedback.already_escalated', 409, 'feedback.already_escalated');
  const inc = await openIncident(actor, { unitId: it.unitId, title: (input.title ?? '').trim() || titleOf(it), summary: `Từ góp ý #${it.id} (${it.channel === 'hotline' ? 'đường dây nóng' : 'cổng thông tin'}):\n${it.body}`, severity: input.severity, detectedAt: new Date(it.createdAt) });
  await withTransaction(async (tx) => {
    await lockFree(tx, itemId, 'incident_id');
    await tx.query('update feedback_items set incident_id = $2 where id = $1', [itemId, inc.id]);
    await recordAudit(tx, actor, { action: 'feedback.to_incident', entity: 'feedback_item', entityId: itemId, unitId: it.unitId, after: { incidentId: inc.id, severity: input.severity } });
  });
  return { incidentId: Number(inc.id) };
}
