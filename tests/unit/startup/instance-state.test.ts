import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  instanceStatePath,
  readInstanceState,
  secondInstanceMessage,
  writeInstanceState,
  type InstanceState,
} from '../../../electron/startup/instance-state';
import { useTempDirs } from '../../helpers/temp-dir';

const now = new Date('2026-12-02T12:05:00Z');
const alive = () => true;
const state = (
  phase: InstanceState['phase'],
  since: string,
  step = 'opening the secret store',
): InstanceState => ({
  pid: 4242,
  phase,
  step,
  since,
});

describe('a second launch refused the single-instance lock', () => {
  const tempDir = useTempDirs('instance-state');

  it('says the first window came to the front, without a dialog, when the first one has its window', () => {
    const message = secondInstanceMessage(state('window-open', '2026-12-02T12:00:00Z'), now, alive);
    expect(message).toEqual({
      text: expect.stringContaining('brought to the front') as string,
      needsDialog: false,
    });
    expect(message.text).toContain('process 4242');
  });

  it('says the first one is stuck before its window exists, where, for how long and what to do', () => {
    const message = secondInstanceMessage(state('starting', '2026-12-02T12:00:00Z'), now, alive);
    expect(message.needsDialog).toBe(true);
    expect(message.text).toContain('stuck before its window exists');
    expect(message.text).toContain('opening the secret store for 300 s');
    expect(message.text).toContain('End process 4242');
  });

  it('says the first one is still starting when it began moments ago', () => {
    const message = secondInstanceMessage(state('starting', '2026-12-02T12:04:55Z'), now, alive);
    expect(message.text).toContain('already starting');
    expect(message.text).not.toContain('stuck');
  });

  it('says the first one failed to start', () => {
    const failed = state('failed', '2026-12-02T12:00:00Z', 'ExReady could not start: disk full');
    expect(secondInstanceMessage(failed, now, alive).text).toContain(
      'failed to start and has not exited: ExReady could not start: disk full',
    );
  });

  it('says so when the lock holder left no state, or its process is gone', () => {
    expect(secondInstanceMessage(null, now, alive).text).toContain('left no sign');
    expect(
      secondInstanceMessage(state('window-open', '2026-12-02T12:00:00Z'), now, () => false).needsDialog,
    ).toBe(true);
  });

  it('reads back what the first instance wrote, and nothing from a damaged file', async () => {
    const dir = await tempDir();
    expect(await readInstanceState(dir)).toBeNull();
    await writeInstanceState(dir, state('starting', '2026-12-02T12:00:00.000Z'));
    expect(await readInstanceState(dir)).toEqual(state('starting', '2026-12-02T12:00:00.000Z'));
    await writeFile(instanceStatePath(dir), '{"pid":42');
    expect(await readInstanceState(dir)).toBeNull();
  });
});
