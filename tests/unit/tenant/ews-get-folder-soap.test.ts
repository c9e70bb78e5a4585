import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { decodeAccessClaims } from '../../../electron/tenant/ews/access-claims';
import { getInboxEnvelope, readGetFolderAnswer } from '../../../electron/tenant/ews/get-folder-soap';
import { ProbeSecret } from '../../../electron/tenant/ews/probe-secret';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/ews/${name}`, import.meta.url)), 'utf8');

describe('GetFolder answers from Microsoft\u2019s EWS reference', () => {
  it('reads the published success example', () => {
    expect(readGetFolderAnswer(fixture('getfolder-success.xml'))).toEqual({
      parsed: true,
      responseClass: 'Success',
      responseCode: 'NoError',
      folder: { displayName: 'Inbox', totalCount: 2, unreadCount: 2 },
    });
  });

  it('reads the published error example', () => {
    expect(readGetFolderAnswer(fixture('getfolder-error.xml'))).toMatchObject({
      responseClass: 'Error',
      responseCode: 'ErrorInvalidIdMalformed',
      messageText: 'Id is malformed.',
    });
  });

  it('reads the ResponseCode of a SOAP fault\u2019s detail (EWS\u2019s HTTP 500 answers)', () => {
    const fault =
      '<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>' +
      '<faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorNonExistentMailbox</faultcode>' +
      '<faultstring xml:lang="en-US">The SMTP address has no mailbox associated with it.</faultstring>' +
      '<detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorNonExistentMailbox</e:ResponseCode></detail>' +
      '</s:Fault></s:Body></s:Envelope>';
    expect(readGetFolderAnswer(fault)).toMatchObject({
      parsed: true,
      responseCode: 'ErrorNonExistentMailbox',
      faultCode: 'a:ErrorNonExistentMailbox',
    });
  });

  it('answers parsed: false for what is not SOAP', () => {
    expect(readGetFolderAnswer('')).toEqual({ parsed: false });
    expect(readGetFolderAnswer('<html><body>proxy</body></html>')).toEqual({ parsed: false });
  });
});

describe('the GetFolder request', () => {
  const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false });

  it('app-only names the mailbox in ExchangeImpersonation; delegated in the folder id', () => {
    const appOnly = getInboxEnvelope('erp@contoso.com', true);
    expect(appOnly).toContain('<t:PrimarySmtpAddress>erp@contoso.com</t:PrimarySmtpAddress>');
    expect(appOnly).toContain('<t:DistinguishedFolderId Id="inbox"/>');
    const delegated = getInboxEnvelope('erp@contoso.com', false);
    expect(delegated).not.toContain('ExchangeImpersonation');
    expect(delegated).toContain('<t:EmailAddress>erp@contoso.com</t:EmailAddress>');
  });

  it('escapes a hostile address so it stays text inside the element', () => {
    const hostile = 'a"/><t:Evil/>&x@contoso.com';
    const envelope = getInboxEnvelope(hostile, true);
    expect(envelope).not.toContain('<t:Evil/>');
    const doc = parser.parse(envelope) as {
      Envelope: { Header: { ExchangeImpersonation: { ConnectingSID: { PrimarySmtpAddress: string } } } };
    };
    expect(doc.Envelope.Header.ExchangeImpersonation.ConnectingSID.PrimarySmtpAddress).toBe(hostile);
  });
});

describe('token claims and the typed secret', () => {
  it('decodes aud, tid, roles or scp without validating the signature', () => {
    const payload = Buffer.from(
      JSON.stringify({
        aud: 'https://outlook.office365.com',
        tid: 't',
        roles: ['full_access_as_app', 7],
        exp: 0,
      }),
    ).toString('base64url');
    expect(decodeAccessClaims(`eyJ0eXAiOiJKV1QifQ.${payload}.not-checked`)).toEqual({
      aud: 'https://outlook.office365.com',
      tid: 't',
      roles: ['full_access_as_app'],
      exp: '1970-01-01T00:00:00.000Z',
    });
    expect(decodeAccessClaims('opaque-token')).toBeUndefined();
    expect(decodeAccessClaims('a.bm90IGpzb24.c')).toBeUndefined();
  });

  it('the secret prints, serialises and inspects as [secret]', () => {
    const secret = new ProbeSecret('hunter2-value');
    expect(String(secret)).toBe('[secret]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[secret]"}');
    expect(inspect({ secret })).not.toContain('hunter2');
    expect(secret.reveal()).toBe('hunter2-value');
    expect(() => new ProbeSecret('')).toThrow(/empty/);
  });
});
