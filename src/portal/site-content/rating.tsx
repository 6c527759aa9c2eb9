import type { SiteContext } from '../site/site-kit';
import { sitePath } from '../site/site-kit';
import { tc } from './text';

export const SITE_CONTENT_CSS = '/site-assets/site-content.css';
export const RATING_PATH = '/danh-gia-trang';

/**
 * "Was the information on this page useful?" — a plain form (no script): 1–5
 * and an optional comment, posted to /danh-gia-trang, which redirects back to
 * the page at #cam-on-danh-gia, where a CSS :target rule shows the thanks.
 * S1's layout may place it in every page's footer; `path` is the page's subpath.
 */
export function RatingForm(props: { s: SiteContext; path: string }) {
  const scores = [1, 2, 3, 4, 5] as const;
  return (
    <section class="sc-rating" aria-labelledby="sc-rating-h">
      <link rel="stylesheet" href={SITE_CONTENT_CSS} />
      <p id="cam-on-danh-gia" class="thanks sc-ok" tabindex={-1}>
        {tc('rt.thanks')}
      </p>
      <form method="post" action={sitePath(props.s, RATING_PATH)}>
        <input type="hidden" name="trang" value={props.path || '/'} />
        <fieldset>
          <legend id="sc-rating-h">{tc('rt.heading')}</legend>
          <div class="opts">
            {scores.map((n) => (
              <label>
                <input type="radio" name="diem" value={String(n)} required />
                {tc(`rt.s${n}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <p>
          <label for="sc-rating-comment">{tc('rt.comment')}</label>
          <br />
          <textarea id="sc-rating-comment" name="gop-y" rows={2} maxlength={1000}></textarea>
        </p>
        <button type="submit">{tc('rt.send')}</button>
      </form>
    </section>
  );
}
