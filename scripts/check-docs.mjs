// Checks the API documentation: every export of the package (src/index.ts) has a TSDoc summary and at
// least one @example, and every @example's ```ts code block type-checks as a small program of its own
// that imports from 'crm-mining' as a user would (resolved to the sources through tsconfig.json's paths).
// Without --only, the README's ```ts blocks are compiled the same way.
//
// Usage: node scripts/check-docs.mjs [--only <path prefix under src/, e.g. recommend/>] [--json]
// Exit code 1 when anything is missing or does not compile. Used by test/docs/api-docs.test.ts.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

/**
 * @param {{ root?: string, only?: string }} options
 * @returns {{ exports: number, missing: { name: string, file: string, what: string }[], errors: string[] }}
 */
export function checkDocs(options = {}) {
  const root = resolve(options.root ?? '.');
  const only = options.only ?? '';
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const compilerOptions = { ...parsed.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false };
  const index = join(root, 'src', 'index.ts');
  const program = ts.createProgram([index], compilerOptions);
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index));
  const missing = [];
  const snippets = new Map(); // virtual file name -> { code, origin }
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.declarations?.[0];
    const file = decl ? decl.getSourceFile().fileName.slice(join(root, 'src').length + 1) : '?';
    if (!file.startsWith(only)) continue;
    const name = exported.getName();
    const summary = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    if (summary === '') missing.push({ name, file, what: 'summary' });
    const examples = symbol.getJsDocTags(checker).filter((t) => t.name === 'example');
    if (examples.length === 0) {
      missing.push({ name, file, what: '@example' });
      continue;
    }
    examples.forEach((tag, i) => {
      const text = ts.displayPartsToString(tag.text ?? []);
      const blocks = [...text.matchAll(/```(?:ts|typescript)\s*\n([\s\S]*?)```/g)].map((m) => m[1]);
      if (blocks.length === 0) missing.push({ name, file, what: `@example ${i + 1} has no \`\`\`ts code block` });
      blocks.forEach((code, j) => {
        const virtual = join(root, '.doc-examples', `${snippets.size}__${file.replace(/[\/.]/g, '_')}__${name}__${i}_${j}.mts`);
        snippets.set(virtual, { code, origin: `${name} (src/${file}), @example ${i + 1}` });
      });
    });
  }
  // The README's ```ts blocks are held to the same standard (when the whole API is checked).
  if (only === '') {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    [...readme.matchAll(/```ts\s*\n([\s\S]*?)```/g)].forEach((m, i) => {
      snippets.set(join(root, '.doc-examples', `readme__${i}.mts`), { code: m[1], origin: `README.md, ts block ${i + 1}` });
    });
  }
  const errors = [];
  if (snippets.size > 0) {
    const host = ts.createCompilerHost(compilerOptions);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const snippet = snippets.get(resolve(fileName));
      if (snippet) return ts.createSourceFile(fileName, snippet.code, languageVersion, true);
      return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (f) => snippets.has(resolve(f)) || fileExists(f);
    const readFile = host.readFile.bind(host);
    host.readFile = (f) => snippets.get(resolve(f))?.code ?? readFile(f);
    const snippetProgram = ts.createProgram([...snippets.keys()], compilerOptions, host, program);
    for (const d of ts.getPreEmitDiagnostics(snippetProgram)) {
      const f = d.file ? resolve(d.file.fileName) : undefined;
      const snippet = f ? snippets.get(f) : undefined;
      if (!snippet && d.file) continue; // diagnostics in the library itself are the type-check's business
      const where = snippet && d.start !== undefined ? `line ${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
      errors.push(`${snippet?.origin ?? 'program'} ${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }
  }
  return { exports: checker.getExportsOfModule(moduleSymbol).length, checked: snippets.size, missing, errors };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const result = checkDocs({ only: onlyAt >= 0 ? args[onlyAt + 1] : '' });
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    for (const m of result.missing) console.log(`missing ${m.what}: ${m.name} (src/${m.file})`);
    for (const e of result.errors) console.log(`example does not compile: ${e}`);
    console.log(`${result.exports} exports; ${result.checked} example blocks checked; ${result.missing.length} missing; ${result.errors.length} compile errors`);
  }
  process.exit(result.missing.length + result.errors.length > 0 ? 1 : 0);
}
