import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectFile } from '../../src/core/paths.js';

// The generator is plain JavaScript run by hand; a path in a variable keeps TypeScript from typing the module.
const generator = projectFile('test/fixtures/hyperv/generator/generate.mjs');

describe('the Hyper-V collector documents are what their generator writes', () => {
  it('every fixture and lab profile matches the generator byte for byte (regenerate: node test/fixtures/hyperv/generator/generate.mjs)', async () => {
    const { generatedDocuments } = (await import(generator)) as { generatedDocuments: () => Array<[string, string]> };
    const documents = generatedDocuments();
    expect(documents.map(([path]) => path)).toContain('data/lab/hyperv/ws2022-risky.json');
    for (const [path, text] of documents) expect(readFileSync(projectFile(path), 'utf8'), path).toBe(text);
  });
});
