import { type Tx, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';
import { type Severity, openIncident } from '../incidents';
import { addManualEntry } from '../monitoring';
import { maskPersonalData } from './common';
import { type FeedbackItem, getItem } from './items.service';

/**
 * Feedback that signals a risk goes to monitoring (a manual / hotline entry in the
 * unit's stream, where the pipeline scores and clusters it) or straight to an incident.
 * Both are audited here; the other module audits its own side.
 *
 * Atomic claim: the item row is locked (select … for update) and checked free first, and
 * stays locked while the other module creates its entry (in its own transaction: neither
 * openIncident nor addManualEntry takes a caller's transaction); the link and the audit are
 * written in the claiming transaction. A second click waits for the lock and then gets 409;
 * a failure in the other module rolls the claim back. Text copied out is masked
 * (e-mail addresses and phone numbers), since monitoring and incidents have wider readers.
 */
function titleOf(it: FeedbackItem): string {
  const head = it.subject?.trim() || it.body.split('\n')[0];
  return maskPersonalData(`Góp ý #${it.id}: ${head}`).slice(0, 160);
}

async function claim<T>(itemId: number, column: 'monitor_item_id' | 'incident_id', work: (tx: Tx, it: FeedbackItem) => Promise<T>): Promise<T> {
  return withTransaction(async (tx) => {
    const r = await tx.query(`select ${column} as v from feedback_items where id = $1 for update`, [itemId]);
    if (!r.rowCount) throw new AppError('feedback.item_not_found', 404, 'feedback.item_not_found');
    if (r.rows[0].v != null) throw new AppError('feedback.already_escalated', 409, 'feedback.already_escalated');
    return work(tx, await getItem(tx, itemId));
  });
}

export async function sendToMonitoring(actor: Actor, itemId: number): Promise<{ monitorItemId: number }> {
  return claim(itemId, 'monitor_item_id', async (tx, it) => {
    const where = it.consultationTitle ? `Góp ý dự thảo "${it.consultationTitle}"${it.paragraphLabel ? ` (${it.paragraphLabel})` : ''}` : 'Góp ý chung';
    const m = await addManualEntry(actor, {
      unitId: it.unitId, kind: it.channel === 'hotline' ? 'hotline' : 'text', title: titleOf(it), text: `${where}:\n\n${maskPersonalData(it.body)}`, seenAt: it.createdAt,
    });
    await tx.query('update feedback_items set monitor_item_id = $2 where id = $1', [itemId, m.itemId]);
    await recordAudit(tx, actor, { action: 'feedback.to_monitoring', entity: 'feedback_item', entityId: itemId, unitId: it.unitId, after: { monitorItemId: m.itemId } });
    return { monitorItemId: m.itemId };
  });
}

export async function openIncidentFromItem(actor: Actor, itemId: number, input: { severity: Severity; title?: string | null }): Promise<{ incidentId: number }> {
  return claim(itemId, 'incident_id', async (tx, it) => {
    const inc = await openIncident(actor, {
      unitId: it.unitId, title: (input.title ?? '').trim() || titleOf(it),
      summary: `Từ góp ý #${it.id} (${it.channel === 'hotline' ? 'đường dây nóng' : 'cổng thông tin'}):\n${maskPersonalData(it.body)}`, severity: input.severity, detectedAt: new Date(it.createdAt),
    });
    await tx.query('update feedback_items set incident_id = $2 where id = $1', [itemId, inc.id]);
    await recordAudit(tx, actor, { action: 'feedback.to_incident', entity: 'feedback_item', entityId: itemId, unitId: it.unitId, after: { incidentId: inc.id, severity: input.severity } });
    return { incidentId: Number(inc.id) };
  });
}
