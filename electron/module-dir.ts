import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the running code: the bundle's (CommonJS, __dirname) or the source's (tsx, ES modules). */
export const moduleDir: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
