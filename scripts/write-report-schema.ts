import { writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { reportJsonSchema } from '../shared/reports/report-json-schema';

// `npx tsx scripts/write-report-schema.ts`: regenerates docs/report-schema.json after a change to the report schema
// (formatted as `npm run lint` expects; tests/unit/reports/report-formats.test.ts fails while it is stale).
const path = 'docs/report-schema.json';
const text = await format(JSON.stringify(reportJsonSchema()), {
  ...(await resolveConfig(path)),
  parser: 'json',
});
await writeFile(path, text);
console.log(`${path} written`);
