import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The recorded estate of tests/fixtures/facts: four servers as a Windows PowerShell 5.1 collector prints them.
export const sampleEstatePath = fileURLToPath(
  new URL('../fixtures/facts/sample-estate.json', import.meta.url),
);

export function readSampleEstateBytes(): Buffer {
  return readFileSync(sampleEstatePath);
}
