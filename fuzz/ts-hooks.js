/**
 * Module hooks for fuzz/register.js: a relative `./x.js` import that has no
 * .js file resolves to `./x.ts`, and a .ts module is transpiled (types
 * stripped, no type check: `npm run typecheck` does that) by TypeScript's own
 * transpileModule.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    const relativeJs = /^\.{1,2}\//.test(specifier) && specifier.endsWith('.js');
    if (!relativeJs || err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    return next(specifier.slice(0, -3) + '.ts', context);
  }
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const fileName = fileURLToPath(url);
  const { outputText } = ts.transpileModule(await readFile(fileName, 'utf8'), {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      inlineSourceMap: true,
      inlineSources: true,
    },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
