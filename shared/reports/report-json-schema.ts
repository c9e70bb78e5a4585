import { z } from 'zod';
import { ReadinessReport } from './report-schema';

/** The published JSON Schema of the JSON report (docs/report-schema.json), generated from the zod schema. */
export function reportJsonSchema(): Record<string, unknown> {
  // io 'output': the document as written, after defaults are applied.
  return {
    $id: 'https://exready.local/schemas/report-schema.json',
    ...z.toJSONSchema(ReadinessReport, { target: 'draft-2020-12', io: 'output' }),
  };
}
