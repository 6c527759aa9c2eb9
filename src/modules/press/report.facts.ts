import type { Queryable } from '../../platform/db';

/**
 * Read-only figures for the reports module: the press work of a unit and its
 * subtree in a time window — questions received and answered (on time when
 * answered by the deadline the journalist asked for, or when none was asked),
 * releases and rebuttals published, briefings and press conferences held.
 */
export type PressFacts = {
  questionsReceived: number; questionsAnswered: number; questionsAnsweredOnTime: number; questionsDeclined: number;
  releasesPublished: number; rebuttalsPublished: number; briefingsHeld: number; conferencesHeld: number;
};

export async function pressFactsForReport(q: Queryable, w: { unitPath: string; from: Date; to: Date }): Promise<PressFacts> {
  const r = await q.query(
    `with sub as (select id from units where path <@ $1::ltree)
     select
       (select count(*) from press_questions x where x.unit_id in (select id from sub) and x.created_at >= $2 and x.created_at < $3)::int as "questionsReceived",
       (select count(*) from press_questions x where x.unit_id in (select id from sub) and x.status = 'answered' and x.answered_at >= $2 and x.answered_at < $3)::int as "questionsAnswered",
       (select count(*) from press_questions x where x.unit_id in (select id from sub) and x.status = 'answered' and x.answered_at >= $2 and x.answered_at < $3
                                                and (x.deadline_at is null or x.answered_at <= x.deadline_at))::int as "questionsAnsweredOnTime",
       (select count(*) from press_questions x where x.unit_id in (select id from sub) and x.status = 'declined' and x.updated_at >= $2 and x.updated_at < $3)::int as "questionsDeclined",
       (select count(*) from press_releases x where x.unit_id in (select id from sub) and x.published_at >= $2 and x.published_at < $3)::int as "releasesPublished",
       (select count(*) from press_rebuttals x where x.unit_id in (select id from sub) and x.published_at >= $2 and x.published_at < $3)::int as "rebuttalsPublished",
       (select count(*) from press_briefings x where x.unit_id in (select id from sub) and x.status = 'held' and x.kind = 'briefing' and x.starts_at >= $2 and x.starts_at < $3)::int as "briefingsHeld",
       (select count(*) from press_briefings x where x.unit_id in (select id from sub) and x.status = 'held' and x.kind = 'conference' and x.starts_at >= $2 and x.starts_at < $3)::int as "conferencesHeld"`,
    [w.unitPath, w.from, w.to],
  );
  return r.rows[0];
}
