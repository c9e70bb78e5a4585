import { describe, expect, it } from 'vitest';
import { resolveDesiredSettings } from '../../../shared/integrations/desired-settings';
import { IntegrationProfile } from '../../../shared/integrations/integration-profile';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';
import { decodeConfig } from '../../../electron/webconfig/config-encoding';
import {
  planIntegration,
  planIntegrationBytes,
  WebConfigInputError,
} from '../../../electron/webconfig/integration-plan';
import { WebConfigRefusal } from '../../../electron/webconfig/webconfig-refusal';
import { planWebConfigEdit } from '../../../electron/webconfig/webconfig-editor';
import { readWebconfigFixture } from '../../helpers/webconfig-fixtures';

const owaText = async () =>
  decodeConfig(await readWebconfigFixture('exchange2016_DefaultWebSite-OWA_web.config')).text;

function settings(profile: IntegrationProfile, values: Record<string, string>) {
  const resolved = resolveDesiredSettings(
    profile,
    Object.entries(values).map(([key, value]) => ({ key, value })),
  );
  if (!resolved.ok) throw new Error(resolved.problems.join('; '));
  return resolved.settings;
}

const monosignValues = {
  MONOSIGN_API_URL: 'https://mfa.contoso.com/',
  MONOSIGN_API_KEY: 'the-api-key',
  MONOSIGN_API_SECRET: 'p&ss"word',
};

describe('planIntegration', () => {
  it('masks secret values in the diff and the change list, never elsewhere', async () => {
    const plan = planIntegration(await owaText(), {
      profile: monosignProfile,
      appId: 'owa',
      settings: settings(monosignProfile, monosignValues),
    });
    expect(plan.edit.after).toContain('value="p&amp;ss&quot;word"');
    expect(plan.diff).not.toContain('the-api-key');
    expect(plan.diff).not.toContain('p&amp;ss');
    expect(plan.diff).toContain('+    <add key="MONOSIGN_API_SECRET" value="********" />');
    expect(plan.diff).toContain('+    <add key="MONOSIGN_API_URL" value="https://mfa.contoso.com/" />');
    expect(plan.changes).toContainEqual({
      kind: 'app-setting-added',
      key: 'MONOSIGN_API_KEY',
      value: '********',
    });
    expect(JSON.stringify(plan.changes)).not.toContain('the-api-key');
    expect(plan.assemblyFile).toBe('MonoSign.IISModule.dll');
  });

  it('masks an existing secret that is being replaced, on both sides of the diff', async () => {
    const first = planIntegration(await owaText(), {
      profile: monosignProfile,
      appId: 'owa',
      settings: settings(monosignProfile, monosignValues),
    });
    const second = planIntegration(first.edit.after, {
      profile: monosignProfile,
      appId: 'owa',
      settings: settings(monosignProfile, { MONOSIGN_API_SECRET: 'rotated-secret' }),
    });
    expect(second.diff).toContain('-    <add key="MONOSIGN_API_SECRET" value="********" />');
    expect(second.diff).toContain('+    <add key="MONOSIGN_API_SECRET" value="********" />');
    expect(second.diff).not.toMatch(/p&amp;ss|rotated-secret/);
    expect(second.changes).toEqual([
      { kind: 'app-setting-updated', key: 'MONOSIGN_API_SECRET', from: '********', to: '********' },
    ]);
  });

  it('refuses the file of another app, an unknown app and a missing required key as bad input', async () => {
    const text = await owaText();
    const all = settings(monosignProfile, monosignValues);
    expect(() => planIntegration(text, { profile: monosignProfile, appId: 'ecp', settings: all })).toThrow(
      /belongs to another app \(HttpProxy.ProtocolType is "Owa", expected "Ecp"/,
    );
    expect(() => planIntegration(text, { profile: monosignProfile, appId: 'ews', settings: all })).toThrow(
      WebConfigInputError,
    );
    const partial = settings(monosignProfile, { MONOSIGN_API_URL: 'https://mfa.contoso.com/' });
    expect(() =>
      planIntegration(text, { profile: monosignProfile, appId: 'owa', settings: partial }),
    ).toThrow('MONOSIGN_API_KEY, MONOSIGN_API_SECRET are required');
  });

  it('runs another vendor described as another profile, with no code change', async () => {
    const acme = IntegrationProfile.parse({
      schemaVersion: 1,
      id: 'acme-otp',
      title: 'Acme OTP for OWA',
      vendor: 'Acme',
      apps: [
        {
          id: 'owa',
          title: 'Outlook on the web',
          fileMarker: { key: 'HttpProxy.ProtocolType', value: 'Owa' },
        },
      ],
      appSettings: [
        { key: 'Acme:Endpoint', validator: 'https-url', secret: false, required: true, description: 'API' },
        { key: 'Acme:Token', validator: 'secret', secret: true, required: true, description: 'Token' },
        {
          key: 'Acme:FailOpen',
          validator: 'boolean',
          secret: false,
          required: false,
          description: 'Fail open',
        },
      ],
      module: {
        name: 'AcmeOtp',
        type: 'Acme.Otp.Web.OtpModule, Acme.Otp.Web, Version=2.1.0.0, Culture=neutral',
      },
    });
    const plan = planIntegration(await owaText(), {
      profile: acme,
      appId: 'owa',
      settings: settings(acme, { 'Acme:Endpoint': 'https://otp.acme.example/', 'Acme:Token': 'tok-123456' }),
    });
    expect(plan.assemblyFile).toBe('Acme.Otp.Web.dll');
    expect(plan.edit.after).toContain(
      '        <add name="AcmeOtp" type="Acme.Otp.Web.OtpModule, Acme.Otp.Web, Version=2.1.0.0, Culture=neutral" />\n      </modules>',
    );
    expect(plan.diff).toContain('<add key="Acme:Token" value="********" />');
    expect(plan.diff).not.toContain('tok-123456');
    expect(
      planWebConfigEdit(plan.edit.after, [{ kind: 'ensure-module', name: 'AcmeOtp', type: acme.module.type }])
        .changes,
    ).toEqual([]);
  });

  it('writes a UTF-16 file back as UTF-16 with its BOM, touching only the inserted lines', async () => {
    const text = (await owaText()).replace('encoding="UTF-8"', 'encoding="utf-16"');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const request = {
      profile: monosignProfile,
      appId: 'owa',
      settings: settings(monosignProfile, monosignValues),
    };
    const planned = planIntegrationBytes(bytes, request);
    const after = Buffer.from(planned.after);
    expect(planned.encoding).toEqual({ charset: 'utf-16le', bom: true });
    expect(after.subarray(2).toString('utf16le')).toBe(planned.plan.edit.after);
    const first = 2 + 2 * (planned.plan.edit.splices[0]?.start ?? 0);
    expect(after.subarray(0, first).equals(bytes.subarray(0, first))).toBe(true);
  });

  it('refuses a file that declares a code page other than UTF-8 or UTF-16', async () => {
    const text = (await owaText()).replace('encoding="UTF-8"', 'encoding="windows-1252"');
    const request = {
      profile: monosignProfile,
      appId: 'owa',
      settings: settings(monosignProfile, monosignValues),
    };
    let error: unknown;
    try {
      planIntegrationBytes(Buffer.from(text), request);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WebConfigRefusal);
    expect((error as WebConfigRefusal).code).toBe('encoding');
  });
});
