import { type Queryable } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { listTopics } from './analysis.service';
import { type ModelInfo, feedbackModelInfo } from './model.service';
import type { FeedbackTone } from './topics';

/**
 * The analysis dashboard of one consultation, in a few small parallel queries whatever its
 * size and no join over the comments: stance per paragraph from the comments' index
 * (index-only scan), and tone, code sources and topics per paragraph in one pass over the
 * codes (which carry a copy of the comment's paragraph and hidden flag, kept by a trigger),
 * plus the paragraphs' labels. Hidden comments are counted apart and left out of every figure.
 */
type Counts<K extends string> = Record<K, number>;
export type ParagraphFigures = {
  paragraphId: number | null;
  position: number | null;
  label: string | null;
  excerpt: string;
  comments: number;
  coded: number;
  stance: Counts<'agree' | 'disagree' | 'partly' | 'none'>;
  tone: Counts<FeedbackTone>;
};
export type Dashboard = {
  consultationId: number;
  title: string;
  unitId: number;
  totals: { comments: number; hidden: number; coded: number; accepted: number; corrected: number; manual: number; progress: number };
  tone: Counts<FeedbackTone>;
  stance: Counts<'agree' | 'disagree' | 'partly' | 'none'>;
  topics: { topicId: number; label: string; count: number }[];
  paragraphs: ParagraphFigures[];
  model: ModelInfo | null;
};

export async function consultationDashboard(q: Queryable, consultationId: number): Promise<Dashboard> {
  const head = await q.query<{ title: string; unitId: number }>('select title, unit_id::int as "unitId" from consultations where id = $1', [consultationId]);
  if (!head.rows[0]) throw new AppError('feedback.consultation_not_found', 404, 'error.not_found');
  const [byStance, byCode, paras, topics, model] = await Promise.all([
    // stance and comments per paragraph: the comments alone (index feedback_items_analysis_idx)
    // (grouped by the index's own columns, in its order, so the scan streams into the aggregate)
    q.query<{ pid: number | null; visibility: string; stance: string | null; n: number }>(
      `select paragraph_id::int as pid, visibility, stance, count(*)::int as n
         from feedback_items where consultation_id = $1 group by paragraph_id, visibility, stance`,
      [consultationId],
    ),
    // tone, how codes were made and topics per paragraph: one pass over the codes alone (paragraph and
    // hidden are copied onto them); grouping by the topic array keeps it one hash aggregate, no unnest
    q.query<{ pid: number | null; tone: FeedbackTone; source: string; topics: string[]; n: number }>(
      `select paragraph_id::int as pid, tone, source, topic_ids::text[] as topics, count(*)::int as n
         from feedback_codes where consultation_id = $1 and not is_hidden group by 1, 2, 3, 4`,
      [consultationId],
    ),
    q.query<{ id: number; position: number; label: string | null; body: string }>(
      'select id::int as id, position, label, left(body, 160) as body from consultation_paragraphs where consultation_id = $1 order by position',
      [consultationId],
    ),
    listTopics(q, head.rows[0].unitId, { includeArchived: true }),
    feedbackModelInfo(q),
  ]);
  type Acc = Record<string, number>;
  const per = new Map<number | null, Acc>();
  const acc = (pid: number | null) => {
    let a = per.get(pid);
    if (!a) per.set(pid, (a = {}));
    return a;
  };
  const add = (a: Acc, k: string, n: number) => (a[k] = (a[k] ?? 0) + n);
  for (const r of byStance.rows) {
    const a = acc(r.pid);
    if (r.visibility === 'hidden') add(a, 'hidden', r.n);
    else {
      add(a, 'comments', r.n);
      add(a, r.stance ?? 'nostance', r.n);
    }
  }
  const topicCount = new Map<number, number>();
  for (const r of byCode.rows) {
    const a = acc(r.pid);
    add(a, 'coded', r.n);
    add(a, r.tone, r.n);
    add(a, r.source, r.n);
    for (const id of r.topics) topicCount.set(Number(id), (topicCount.get(Number(id)) ?? 0) + r.n);
  }
  const fig = (pid: number | null, position: number | null, label: string | null, excerpt: string): ParagraphFigures => {
    const r = per.get(pid) ?? {};
    const n = (k: string) => r[k] ?? 0;
    return {
      paragraphId: pid,
      position,
      label,
      excerpt,
      comments: n('comments'),
      coded: n('coded'),
      stance: { agree: n('agree'), disagree: n('disagree'), partly: n('partly'), none: n('nostance') },
      tone: { negative: n('negative'), neutral: n('neutral'), positive: n('positive') },
    };
  };
  const paragraphs = [fig(null, null, null, ''), ...paras.rows.map((p) => fig(p.id, p.position, p.label, p.body))];
  const sum = (k: string) => [...per.values()].reduce((a, r) => a + (r[k] ?? 0), 0);
  const comments = sum('comments');
  const coded = sum('coded');
  const labelOf = new Map(topics.map((t) => [t.id, t.label]));
  return {
    consultationId,
    title: head.rows[0].title,
    unitId: head.rows[0].unitId,
    totals: { comments, hidden: sum('hidden'), coded, accepted: sum('accepted'), corrected: sum('corrected'), manual: sum('manual'), progress: comments ? Math.round((coded / comments) * 1000) / 1000 : 0 },
    tone: { negative: sum('negative'), neutral: sum('neutral'), positive: sum('positive') },
    stance: { agree: sum('agree'), disagree: sum('disagree'), partly: sum('partly'), none: sum('nostance') },
    topics: [...topicCount.entries()]
      .map(([id, n]) => ({ topicId: id, label: labelOf.get(id) ?? `#${id}`, count: n }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'vi')),
    paragraphs,
    model,
  };
}
