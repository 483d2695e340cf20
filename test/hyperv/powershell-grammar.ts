import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { projectFile } from '../../src/core/paths.js';

/** tree-sitter-powershell (wasm) through web-tree-sitter: a PowerShell grammar we did not write. */
let parser: Parser | undefined;

export async function parsePowerShell(source: string): Promise<Tree> {
  if (!parser) {
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
    parser = new Parser();
    parser.setLanguage(await Language.load(wasm));
  }
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** ERROR and MISSING nodes with their line, so a failure points at the offending line. */
export function syntaxProblems(tree: Tree): string[] {
  const problems: string[] = [];
  const walk = (node: Node) => {
    if (node.type === 'ERROR' || node.isMissing) {
      problems.push(
        `line ${node.startPosition.row + 1}: ${node.isMissing ? `missing ${node.type}` : 'syntax error'} near ${JSON.stringify(node.text.slice(0, 60))}`,
      );
    }
    for (const child of node.children) if (child) walk(child);
  };
  walk(tree.rootNode);
  return problems;
}

export function nodesOfType(tree: Tree, type: string): Node[] {
  return tree.rootNode.descendantsOfType(type).filter((n): n is Node => n !== null);
}

export function collectorSource(): string {
  return readFileSync(projectFile('connectors/hyperv/collector/collector.ps1'), 'utf8');
}
