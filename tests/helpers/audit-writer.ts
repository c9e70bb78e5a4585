import { createInterface } from 'node:readline';
import { AuditLog } from '../../electron/audit/audit-log';

// A second ExReady process for the concurrency test: says "ready", waits for "go" on stdin, then appends N changes.
const [path = '', count = '1'] = process.argv.slice(2);
const log = new AuditLog(path);
const input = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
input.once('line', () => {
  input.close();
  void (async () => {
    for (let index = 0; index < Number(count); index += 1)
      await log.append({
        operator: `CONTOSO\\writer-${process.pid}`,
        server: 'exch01.contoso.com',
        action: 'winrm.service.start-automatic',
        parameters: { index },
        before: null,
        after: null,
        outcome: 'succeeded',
        error: null,
        undoes: null,
      });
  })();
});
