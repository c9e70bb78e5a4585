import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';

export interface SyntaxProblem {
  file: string;
  /** 1-based, as editors show them. */
  line: number;
  column: number;
  message: string;
}

let parserPromise: Promise<Parser> | null = null;

/** The tree-sitter PowerShell grammar, loaded once from its .wasm (no native build needed). */
function powershellParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    const require = createRequire(import.meta.url);
    await Parser.init();
    const language = await Language.load(
      require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'),
    );
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

// Reports the innermost error nodes: tree-sitter wraps a whole broken statement in an outer ERROR.
function collectProblems(node: Node, file: string, problems: SyntaxProblem[]): void {
  if (!node.hasError && !node.isMissing) return;
  const before = problems.length;
  for (const child of node.children) collectProblems(child, file, problems);
  if (problems.length > before || !(node.isError || node.isMissing)) return;
  const { row, column } = node.startPosition;
  const firstLine = node.text.split('\n')[0] ?? '';
  const message = node.isMissing
    ? `missing ${node.type}`
    : `unexpected ${JSON.stringify(firstLine.slice(0, 40))}`;
  problems.push({ file, line: row + 1, column: column + 1, message });
}

/** Parses PowerShell source and returns every syntax error with its position; empty when clean. */
export async function checkPowerShellSource(source: string, file: string): Promise<SyntaxProblem[]> {
  const parser = await powershellParser();
  const tree = parser.parse(source);
  if (tree === null) return [{ file, line: 1, column: 1, message: 'the parser returned no tree' }];
  const problems: SyntaxProblem[] = [];
  collectProblems(tree.rootNode, file, problems);
  tree.delete();
  return problems;
}

export async function checkPowerShellFile(path: string): Promise<SyntaxProblem[]> {
  return checkPowerShellSource(await readFile(path, 'utf8'), path);
}

/** Every .ps1/.psm1 below a folder, sorted for stable output. */
export async function findPowerShellFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.ps(m?)1$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export function formatSyntaxProblem(problem: SyntaxProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}
