import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { createTestRouter } from '../../helpers/test-router';

const op = (n: number) => `3c4d5e6f-0000-4000-8000-00000000000${n}`;

// The window's preview decides the connection from the newest run of the server: HTTP 5985 only to bring up HTTPS.
describe('fix previews say how they connect', () => {
  const tempDir = useTempDirs('fix-connection');

  it('creates exch03 its HTTPS listener over HTTP 5985 and says why; everything else goes over HTTPS 5986', async () => {
    const { router } = createTestRouter(await tempDir());
    await router.invoke('check:run', { operationId: op(1), lab: 'demo' });

    const create = await router.invoke('fixes:preview', {
      fixId: 'winrm.listener.https.create',
      server: 'exch03.contoso.com',
      parameters: { selfSigned: true },
      lab: 'demo',
    });
    expect(create).toMatchObject({
      ok: true,
      value: { connection: { transport: 'http', port: 5985 }, parameters: { transport: 'http' } },
    });
    const text = create.ok
      ? (create.value as { connection: { description: string } }).connection.description
      : '';
    expect(text).toContain('over WinRM HTTP on TCP 5985, not HTTPS 5986: no HTTPS listener exists yet');

    const service = await router.invoke('fixes:preview', {
      fixId: 'winrm.service.start-automatic',
      server: 'exch03.contoso.com',
      parameters: {},
      lab: 'demo',
    });
    expect(service).toMatchObject({ ok: true, value: { connection: { transport: 'https', port: 5986 } } });

    // exch01 has its HTTPS listener: creating one there would go over HTTPS (and change nothing).
    const healthy = await router.invoke('fixes:preview', {
      fixId: 'winrm.listener.https.create',
      server: 'exch01.contoso.com',
      parameters: { selfSigned: true },
      lab: 'demo',
    });
    expect(healthy).toMatchObject({ ok: true, value: { connection: { transport: 'https' } } });
  });

  it('undoes a fix planned over HTTP from its audit entry (the transport is not a fix parameter)', async () => {
    const { router } = createTestRouter(await tempDir());
    await router.invoke('check:run', { operationId: op(2), lab: 'demo' });
    const preview = await router.invoke('fixes:preview', {
      fixId: 'winrm.listener.https.create',
      server: 'exch03.contoso.com',
      parameters: { selfSigned: true },
      lab: 'demo',
    });
    const previewId = preview.ok ? (preview.value as { previewId: string }).previewId : '';
    const applied = await router.invoke('fixes:apply', { previewId, confirmed: true, riskAccepted: false });
    expect(applied).toMatchObject({ ok: true, value: { outcome: 'succeeded', changed: true } });
    const auditId = applied.ok ? (applied.value as { auditId: number }).auditId : 0;
    const undo = await router.invoke('fixes:undo-preview', { auditId, lab: 'demo' });
    expect(undo).toMatchObject({ ok: true, value: { undoes: auditId, connection: { transport: 'https' } } });
  });
});
