import {
  isSecretSettingKey,
  missingRequiredKeys,
  type DesiredSetting,
} from '../../shared/integrations/desired-settings';
import { findProfileApp, type IntegrationProfile } from '../../shared/integrations/integration-profile';
import { assemblyFileOfModuleType } from '../../shared/integrations/module-type';
import { maskSecret } from '../../shared/security/secrets';
import { readCollection } from './collection-entries';
import {
  ConfigEncodingError,
  decodeConfig,
  describeDeclaredEncodingProblem,
  encodeConfig,
  type ConfigEncoding,
} from './config-encoding';
import { locateAppSettings } from './config-sections';
import { displayLines } from './secret-display';
import { unifiedDiff } from './unified-diff';
import { planWebConfigDocument } from './webconfig-editor';
import type { WebConfigChange, WebConfigEdit, WebConfigOperation } from './webconfig-operations';
import { readWebConfig } from './webconfig-reader';
import { WebConfigRefusal } from './webconfig-refusal';
import { attributeValue, type XmlDocument } from './xml-scanner';

/** The request was wrong (unknown app, wrong file for the app, a required key missing): fix the input. */
export class WebConfigInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebConfigInputError';
  }
}

export interface IntegrationRequest {
  profile: IntegrationProfile;
  appId: string;
  /** Values already checked against the profile (resolveDesiredSettings). */
  settings: readonly DesiredSetting[];
}

export interface IntegrationPlan {
  edit: WebConfigEdit;
  /** The semantic changes, with secret values masked. */
  changes: readonly WebConfigChange[];
  /** Unified diff with secret values masked; empty when nothing changes. */
  diff: string;
  /** The DLL that must be in the app's bin folder for the module entry to load. */
  assemblyFile: string | null;
}

/** The profile as operations: every given value, then the module at the end of modules. */
export function operationsForProfile(
  profile: IntegrationProfile,
  settings: readonly DesiredSetting[],
): WebConfigOperation[] {
  return [
    ...settings.map((setting): WebConfigOperation => ({
      kind: 'ensure-app-setting',
      key: setting.key,
      value: setting.value,
    })),
    { kind: 'ensure-module', name: profile.module.name, type: profile.module.type },
  ];
}

function checkRequest(doc: XmlDocument, request: IntegrationRequest): void {
  const { profile, appId, settings } = request;
  const app = findProfileApp(profile, appId);
  if (app === undefined) {
    const known = profile.apps.map((a) => a.id).join(', ');
    throw new WebConfigInputError(`unknown app '${appId}' for profile ${profile.id} (known apps: ${known})`);
  }
  const section = locateAppSettings(doc);
  const entries = section === null ? [] : readCollection(section, 'key').entries;
  const marker = app.fileMarker;
  const found = marker && entries.find((entry) => entry.key.toLowerCase() === marker.key.toLowerCase());
  const foundValue = found ? attributeValue(found.element, 'value') : undefined;
  if (
    marker !== undefined &&
    foundValue !== undefined &&
    foundValue.toLowerCase() !== marker.value.toLowerCase()
  ) {
    throw new WebConfigInputError(
      `this web.config belongs to another app (${marker.key} is "${foundValue}", expected "${marker.value}" for ${app.id})`,
    );
  }
  const missing = missingRequiredKeys(profile, new Set(entries.map((entry) => entry.key)), settings);
  if (missing.length > 0) {
    throw new WebConfigInputError(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required: set ${missing.length === 1 ? 'it' : 'them'} with --set KEY=VALUE`,
    );
  }
}

function maskChange(change: WebConfigChange, isSecret: (key: string) => boolean): WebConfigChange {
  if (!('key' in change) || !isSecret(change.key)) return change;
  const mask = (value: string | null) => (value === null ? null : maskSecret(value));
  switch (change.kind) {
    case 'app-setting-added':
      return { ...change, value: maskSecret(change.value) };
    case 'app-setting-updated':
      return { ...change, from: mask(change.from), to: maskSecret(change.to) };
    case 'app-setting-removed':
      return { ...change, from: mask(change.from) };
  }
}

/** Plans the profile on web.config text: the edit, and what may be shown of it. Text in, text out. */
export function planIntegration(
  text: string,
  request: IntegrationRequest,
  label = 'web.config',
): IntegrationPlan {
  return planIntegrationDocument(readWebConfig(text), request, label);
}

function planIntegrationDocument(
  doc: XmlDocument,
  request: IntegrationRequest,
  label: string,
): IntegrationPlan {
  checkRequest(doc, request);
  const planned = planWebConfigDocument(doc, operationsForProfile(request.profile, request.settings));
  const { edit } = planned;
  const secretKeys = new Set(request.settings.filter((s) => s.secret).map((s) => s.key.toLowerCase()));
  const isSecret = (key: string) =>
    secretKeys.has(key.toLowerCase()) || isSecretSettingKey(request.profile, key);
  const known = request.settings.filter((s) => s.secret).map((s) => s.value);
  const diff =
    edit.changes.length === 0
      ? ''
      : unifiedDiff(edit.before, edit.after, {
          fromLabel: `a/${label}`,
          toLabel: `b/${label}`,
          display: {
            before: displayLines(planned.before, isSecret, known),
            after: displayLines(planned.after, isSecret, known),
          },
        });
  return {
    edit,
    changes: edit.changes.map((change) => maskChange(change, isSecret)),
    diff,
    assemblyFile: assemblyFileOfModuleType(request.profile.module.type),
  };
}

export interface PlannedBytes {
  plan: IntegrationPlan;
  encoding: ConfigEncoding;
  before: Uint8Array;
  after: Uint8Array;
}

/** The same plan on the file's bytes: decoded strictly, written back in the same encoding and BOM. */
export function planIntegrationBytes(
  bytes: Uint8Array,
  request: IntegrationRequest,
  label?: string,
): PlannedBytes {
  let decoded;
  try {
    decoded = decodeConfig(bytes);
  } catch (error) {
    if (error instanceof ConfigEncodingError) throw new WebConfigRefusal('encoding', error.message);
    throw error;
  }
  const doc = readWebConfig(decoded.text);
  const problem = describeDeclaredEncodingProblem(doc.declaredEncoding, decoded.encoding);
  if (problem !== null) throw new WebConfigRefusal('encoding', problem);
  const plan = planIntegrationDocument(doc, request, label ?? 'web.config');
  const after = plan.edit.changes.length === 0 ? bytes : encodeConfig(plan.edit.after, decoded.encoding);
  return { plan, encoding: decoded.encoding, before: bytes, after };
}
