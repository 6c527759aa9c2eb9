import { AlignmentType, Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { t } from '../../../platform/i18n';
import { formatDateTimeVi } from '../../../text';
import { type Digest, categoryLabel } from './digest.service';

/** The digest as a DOCX (A4, Times New Roman 13 pt, like the plans' export): a title, the window, then each tone's stories with links. */
const MM = 1440 / 25.4;
const FONT = 'Times New Roman';

export async function digestDocx(d: Digest): Promise<Buffer> {
  const p = (text: string, opts: { bold?: boolean; italics?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
    new Paragraph({ alignment: opts.align, spacing: { before: 80 }, children: [new TextRun({ text, bold: opts.bold, italics: opts.italics, size: opts.size ?? 26 })] });
  const children: Paragraph[] = [
    p(d.unitName.toUpperCase(), { bold: true, align: AlignmentType.CENTER }),
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: d.title.toUpperCase(), bold: true, size: 30 })] }),
    p(t('insights.digest.window', { from: formatDateTimeVi(new Date(d.from)), to: formatDateTimeVi(new Date(d.to)) }), { italics: true, align: AlignmentType.CENTER }),
    p(t('insights.digest.totals', { stories: d.totals.stories, items: d.totals.items, negative: d.totals.negative, neutral: d.totals.neutral, positive: d.totals.positive })),
  ];
  for (const s of d.sections) {
    if (!s.stories.length) continue;
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240 }, children: [new TextRun({ text: `${t(`insights.digest.section.${s.tone}` as 'insights.digest.section.negative')} (${s.stories.length})`, bold: true, size: 28 })] }));
    s.stories.forEach((x, i) => {
      const cats = x.categories.length ? ` [${x.categories.map(categoryLabel).join(', ')}]` : '';
      children.push(new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: `${i + 1}. ${x.title}${cats}`, bold: true, size: 26 })] }));
      children.push(p([x.source, t('insights.digest.copies', { n: x.itemCount }), x.units.join(', ')].filter(Boolean).join(' — '), { size: 24 }));
      if (x.link) children.push(new Paragraph({ children: [new ExternalHyperlink({ link: x.link, children: [new TextRun({ text: x.link, style: 'Hyperlink', size: 22 })] })] }));
    });
  }
  if (!d.totals.stories) children.push(p(t('insights.digest.empty'), { italics: true }));
  const doc = new Document({
    creator: 'Loa',
    title: d.title,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: Math.ceil(20 * MM), bottom: Math.ceil(20 * MM), left: Math.ceil(30 * MM), right: Math.ceil(15 * MM) } } }, children }],
  });
  return Packer.toBuffer(doc);
}
