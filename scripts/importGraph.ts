import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The import graph of `src/`, read with TypeScript's own pre-processor (so comments, strings and
 * type-only imports are told apart exactly): one edge per import of a project file, with
 * whether it is erased at build (`import type`) and whether it is dynamic.
 */

export interface ImportEdge {
  from: string;
  /** A file under the root, or `npm:<package>` for a bare specifier. */
  to: string;
  typeOnly: boolean;
}

const packageOf = (spec: string) =>
  `npm:${spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]}`;

const EXTS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

function resolveImport(fromFile: string, spec: string, known: Set<string>): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [base, ...EXTS.map((e) => base + e)]) {
    if (known.has(candidate)) return candidate;
  }
  return null;
}

/** `import type {…}` / `export type {…}` statements: erased, never in a chunk. */
function typeOnlySpecifiers(source: ts.SourceFile): Set<string> {
  const specs = new Set<string>();
  for (const st of source.statements) {
    const isTypeImport = ts.isImportDeclaration(st) && st.importClause?.isTypeOnly === true;
    const isTypeExport = ts.isExportDeclaration(st) && st.isTypeOnly;
    if (
      (isTypeImport || isTypeExport) &&
      st.moduleSpecifier &&
      ts.isStringLiteral(st.moduleSpecifier)
    ) {
      specs.add(st.moduleSpecifier.text);
    }
  }
  return specs;
}

/** Every edge between files under `root` (paths relative to `root`, with `/`). */
export function importGraph(root: string): ImportEdge[] {
  const files = sourceFiles(root).map((f) => resolve(f));
  const known = new Set(files);
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const info = ts.preProcessFile(text, true, true);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
    const typeSpecs = typeOnlySpecifiers(source);
    for (const imp of info.importedFiles) {
      const from = relative(root, file).split('\\').join('/');
      const typeOnly = typeSpecs.has(imp.fileName);
      if (!imp.fileName.startsWith('.')) {
        edges.push({ from, to: packageOf(imp.fileName), typeOnly });
        continue;
      }
      const target = resolveImport(file, imp.fileName, known);
      if (target === null) continue;
      edges.push({ from, to: relative(root, target).split('\\').join('/'), typeOnly });
    }
  }
  return edges;
}

/** Import circles among files, each as the list of files on it (value imports only). */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (e.typeOnly) continue;
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of next.get(f) ?? []) {
      if (state.get(t) === 'open') cycles.push(stack.slice(stack.indexOf(t)));
      else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of next.keys()) if (!state.has(f)) visit(f);
  return cycles;
}
