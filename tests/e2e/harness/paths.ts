import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const rendererDir = join(repoRoot, 'out', 'renderer');
export const artifactsDir = join(repoRoot, 'tests', 'artifacts');
export const harnessBridgeScript = join(artifactsDir, 'harness', 'harness-bridge.js');
