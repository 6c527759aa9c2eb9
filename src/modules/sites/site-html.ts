import sanitizeHtml from 'sanitize-html';
import { sanitizeArticleHtml } from '../newsroom';

/**
 * Rich text a unit edits on its site (introduction, history, functions,
 * leaders' biographies and duties). Defaced school sites carry spam links
 * hidden with CSS, so before the newsroom's sanitiser (which keeps only a
 * small set of tags, drops scripts, event handlers, styles and `javascript:`
 * URLs) every element hidden from readers — `display:none`, `visibility:hidden`,
 * zero size or opacity, pushed off-screen, the `hidden` attribute,
 * `aria-hidden` — is dropped together with its content: what a visitor
 * cannot see must not be on the page at all.
 */
const HIDDEN_STYLE =
  /display\s*:\s*none|visibility\s*:\s*(hidden|collapse)|opacity\s*:\s*0(\.0*)?\s*(;|$|!)|font-size\s*:\s*0|(width|height|max-height|max-width)\s*:\s*0(px|em|rem|%)?\s*(;|$|!)|(left|top|right|text-indent|margin-left)\s*:\s*-\d{3,}|clip\s*:\s*rect\(\s*0|overflow\s*:\s*hidden/i;

const dropHidden = {
  allowedTags: false,
  allowedAttributes: false,
  allowVulnerableTags: true,
  allowedEmptyAttributes: ['hidden', 'alt'],
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'svg', 'math'],
  exclusiveFilter: (frame) => {
    const a = frame.attribs ?? {};
    if ('hidden' in a) return true;
    if ((a['aria-hidden'] ?? '').toLowerCase() === 'true') return true;
    if (a.style && HIDDEN_STYLE.test(a.style)) return true;
    if (/^(script|style|iframe|object|embed|template|noscript|svg|math|link|meta|base|form)$/i.test(frame.tag)) return true;
    return false;
  },
} as sanitizeHtml.IOptions;

/** Links an editor wrote stay, marked as not endorsed and opened without access to the page. */
const withRel: sanitizeHtml.IOptions = {
  allowedTags: false, // the input is the newsroom sanitiser's output already
  allowVulnerableTags: true,
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: { a: (tagName, attribs) => ({ tagName, attribs: attribs.href ? { ...attribs, rel: 'noopener nofollow' } : ({} as Record<string, string>) }) },
};

export function sanitizeSiteHtml(html: string): string {
  if (!html) return '';
  const visible = sanitizeHtml(html, dropHidden);
  const clean = sanitizeHtml(sanitizeArticleHtml(visible), withRel);
  // an editor's empty paragraph is not content
  return /^(<p>(\s|&nbsp;|<br \/>)*<\/p>\s*)*$/.test(clean) ? '' : clean;
}

/** Plain one-line text (names, labels, taglines): control characters and angle-bracket tags out, spaces folded. */
export function plainText(s: string, max: number): string {
  return s
    .normalize('NFC')
    .replace(/<\/?[a-z!][^>]*>?/gi, ' ')
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}
