import type { Queryable } from '../../platform/db';
import { sanitizeArticleHtml } from '../newsroom';
import { type DisclosureHeading, type EntryFile, disclosureFileUrl, disclosureHeadings } from './disclosure.service';

/**
 * What the public sees of a school's disclosure: PUBLISHED entries only (every
 * query carries `published_at is not null`), newest school year first.
 */
export type PublicDisclosureEntry = {
  id: number;
  heading: DisclosureHeading;
  schoolYear: string;
  title: string;
  bodyHtml: string;
  changedOn: string | null;
  publishedAt: Date;
  updatedAt: Date;
  files: EntryFile[];
};

export async function publishedDisclosure(q: Queryable, unitId: number, heading?: DisclosureHeading): Promise<PublicDisclosureEntry[]> {
  const r = await q.query(
    `select e.id, e.heading, e.school_year as "schoolYear", e.title, e.body_html as "bodyHtml", e.changed_on::text as "changedOn",
            e.published_at as "publishedAt", e.updated_at as "updatedAt",
            coalesce((select json_agg(json_build_object('id', f.id, 'fileName', f.file_name, 'mime', f.mime, 'size', f.size) order by f.position, f.id)
                        from disclosure_files f where f.entry_id = e.id), '[]'::json) as files
       from disclosure_entries e
      where e.unit_id = $1 and e.published_at is not null and e.deleted_at is null and ($2::text is null or e.heading = $2)
      order by e.school_year desc, array_position($3::text[], e.heading), e.published_at desc, e.id desc
      limit 500`,
    [unitId, heading ?? null, disclosureHeadings],
  );
  return r.rows.map((x) => ({
    ...x,
    id: Number(x.id),
    // sanitised when written, and again here: the page outputs it unescaped
    bodyHtml: sanitizeArticleHtml(x.bodyHtml),
    files: (x.files as { id: number; fileName: string; mime: string; size: number }[]).map((f) => ({ ...f, id: Number(f.id), url: disclosureFileUrl(f) })),
  }));
}

/** How many published entries each heading has, and when it last changed (the index page). */
export async function disclosureSummary(q: Queryable, unitId: number) {
  const r = await q.query<{ heading: DisclosureHeading; n: number; lastAt: Date | null; lastYear: string | null }>(
    `select heading, count(*)::int as n, max(published_at) as "lastAt", max(school_year) as "lastYear"
       from disclosure_entries where unit_id = $1 and published_at is not null and deleted_at is null group by heading`,
    [unitId],
  );
  const by = new Map(r.rows.map((x) => [x.heading, x]));
  return disclosureHeadings.map((h) => ({ heading: h, count: by.get(h)?.n ?? 0, lastAt: by.get(h)?.lastAt ?? null, lastYear: by.get(h)?.lastYear ?? null }));
}
