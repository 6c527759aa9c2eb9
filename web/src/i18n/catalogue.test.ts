import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { channelKinds, roles, unitLevels, unitTypes } from '../api/types';
import { en } from './en';
import { vi } from './vi';

/**
 * Guards the message catalogue: every key the code uses exists in Vietnamese,
 * English has nothing Vietnamese lacks, and no user-facing text is written
 * straight into JSX (it must come from t()).
 */
const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

type Source = { file: string; rel: string; ast: ts.SourceFile };
const sources: Source[] = sourceFiles(srcDir).map((file) => ({
  file,
  rel: path.relative(srcDir, file),
  ast: ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  ),
}));

function walk(node: ts.Node, visit: (n: ts.Node) => void) {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

function where(s: Source, node: ts.Node): string {
  const { line } = s.ast.getLineAndCharacterOfPosition(node.getStart(s.ast));
  return `${s.rel}:${line + 1}`;
}

const hasLetter = (text: string) => /\p{L}/u.test(text);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Props whose string values people read (or hear, for aria-label). */
const textProps = new Set([
  'label',
  'placeholder',
  'title',
  'aria-label',
  'description',
  'alt',
  'error',
  'nothingFoundMessage',
  'legend',
]);

describe('i18n catalogue', () => {
  it('has every key used with t() in Vietnamese', () => {
    const used = new Map<string, string>();
    for (const s of sources) {
      walk(s.ast, (n) => {
        if (
          ts.isCallExpression(n) &&
          ts.isIdentifier(n.expression) &&
          n.expression.text === 't' &&
          n.arguments[0] &&
          ts.isStringLiteralLike(n.arguments[0])
        ) {
          used.set(n.arguments[0].text, where(s, n));
        }
      });
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter(([key]) => !(key in vi)).map(([key, at]) => `${key} (${at})`);
    expect(missing, `keys missing from vi.ts:\n${missing.join('\n')}`).toEqual([]);
  });

  it('has a Vietnamese name for every enum value shown through labels', () => {
    const keys = [
      ...unitTypes.map((v) => `unitType.${v}`),
      ...unitLevels.map((v) => `unitLevel.${v}`),
      ...roles.map((v) => `role.${v}`),
      ...channelKinds.map((v) => `channel.${v}`),
      ...['active', 'closed', 'merged'].map((v) => `unitStatus.${v}`),
    ];
    expect(keys.filter((k) => !(k in vi))).toEqual([]);
  });

  it('has no English key that Vietnamese lacks, and the same placeholders', () => {
    const extra = Object.keys(en).filter((k) => !(k in vi));
    expect(extra, `keys in en.ts but not in vi.ts:\n${extra.join('\n')}`).toEqual([]);
    const mismatched = Object.entries(en)
      .filter(([k, text]) => text !== undefined && placeholders(text).join() !== placeholders(vi[k as keyof typeof vi]).join())
      .map(([k]) => k);
    expect(mismatched, `placeholders differ from vi.ts:\n${mismatched.join('\n')}`).toEqual([]);
  });

  it('has no empty messages', () => {
    expect(Object.entries(vi).filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
  });

  it('has no raw user-facing text in JSX', () => {
    const offenders: string[] = [];
    for (const s of sources.filter((x) => x.file.endsWith('.tsx'))) {
      walk(s.ast, (n) => {
        // Text between tags, e.g. <Text>Lưu</Text>; punctuation such as {' · '} is fine.
        if (ts.isJsxText(n) && hasLetter(n.text)) {
          offenders.push(`${where(s, n)}  text "${n.text.trim()}"`);
        }
        // String literals in readable props: label="…", placeholder="…", aria-label={'…'}.
        if (ts.isJsxAttribute(n) && textProps.has(n.name.getText(s.ast)) && n.initializer) {
          const init = n.initializer;
          const literal = ts.isStringLiteral(init)
            ? init
            : ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
              ? init.expression
              : ts.isJsxExpression(init) && init.expression && ts.isTemplateExpression(init.expression)
                ? init.expression.head
                : null;
          if (literal && hasLetter(literal.text)) {
            offenders.push(`${where(s, n)}  ${n.name.getText(s.ast)}="${literal.text}"`);
          }
        }
      });
    }
    expect(offenders, `user-facing text must come from t():\n${offenders.join('\n')}`).toEqual([]);
  });
});
