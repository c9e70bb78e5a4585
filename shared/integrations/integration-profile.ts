import { z } from 'zod';
import { parseModuleType } from './module-type';
import { SettingValidatorKind } from './setting-validators';

// An appSettings key as it may appear in web.config: printable, no spaces, no quotes.
const AppSettingKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s"'<>&]+$/, 'must be printable without spaces, quotes, <, > or &');

const Slug = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens');

/** One appSettings key the integration reads. */
export const ProfileSetting = z.object({
  key: AppSettingKey,
  /** What the window calls it ("API address"); the key is shown beside it. Absent: the key. */
  label: z.string().min(1).max(80).optional(),
  validator: SettingValidatorKind,
  /** Masked in previews, diffs, logs and reports. */
  secret: z.boolean(),
  /** The integration does not work without it: it must be in the file or be given. */
  required: z.boolean(),
  description: z.string().min(1),
});
export type ProfileSetting = z.infer<typeof ProfileSetting>;

/**
 * A key the vendor mentions without printing its name (Monosign's optional user source):
 * the admin enters both the name and the value.
 */
export const ProfileExtraSetting = z.object({
  label: z.string().min(1),
  description: z.string().min(1),
  validator: SettingValidatorKind,
  secret: z.boolean(),
});
export type ProfileExtraSetting = z.infer<typeof ProfileExtraSetting>;

/** An IIS application the module goes into, e.g. `owa` under Default Web Site. */
export const ProfileApp = z.object({
  id: Slug,
  title: z.string().min(1),
  /**
   * An appSettings entry the app's web.config carries (Exchange front end: HttpProxy.ProtocolType=Owa);
   * another value for that key means the file belongs to a different app.
   */
  fileMarker: z.object({ key: AppSettingKey, value: z.string().min(1) }).optional(),
});
export type ProfileApp = z.infer<typeof ProfileApp>;

/** The `<add name type>` entry of system.webServer/modules. */
export const ProfileModule = z.object({
  name: z
    .string()
    .min(1)
    .regex(/^[^"'<>&]+$/, 'must not contain quotes, <, > or &'),
  type: z
    .string()
    .min(1)
    .refine(
      (type) => parseModuleType(type) !== null,
      'must be assembly-qualified, e.g. "Namespace.Type, Assembly"',
    ),
  /**
   * Subject of the certificate the vendor signs the module's DLLs with (Get-AuthenticodeSignature's signer);
   * without it the module files are not deployed, since nothing says whose signature to trust.
   */
  signer: z.string().min(1).optional(),
});
export type ProfileModule = z.infer<typeof ProfileModule>;

/** Everything ExReady needs to check and configure one vendor's IIS module: data, not code. */
export const IntegrationProfile = z
  .object({
    schemaVersion: z.literal(1),
    id: Slug,
    title: z.string().min(1),
    vendor: z.string().min(1),
    apps: z.array(ProfileApp).min(1),
    appSettings: z.array(ProfileSetting),
    extraSetting: ProfileExtraSetting.optional(),
    module: ProfileModule,
  })
  .superRefine((profile, ctx) => {
    const seen = new Set<string>();
    profile.appSettings.forEach((setting, index) => {
      const folded = setting.key.toLowerCase();
      // .NET reads appSettings keys case-insensitively, so MONOSIGN_X and monosign_x are one key.
      if (seen.has(folded)) {
        ctx.addIssue({
          code: 'custom',
          path: ['appSettings', index, 'key'],
          message: `duplicate key ${setting.key}`,
        });
      }
      seen.add(folded);
      if (setting.validator === 'secret' && !setting.secret) {
        ctx.addIssue({
          code: 'custom',
          path: ['appSettings', index, 'secret'],
          message: 'a key checked as a secret must be marked secret',
        });
      }
    });
    const apps = profile.apps.map((app) => app.id);
    if (new Set(apps).size !== apps.length) {
      ctx.addIssue({ code: 'custom', path: ['apps'], message: 'app ids must be unique' });
    }
  });
export type IntegrationProfile = z.infer<typeof IntegrationProfile>;

export function findProfileSetting(profile: IntegrationProfile, key: string): ProfileSetting | undefined {
  const folded = key.toLowerCase();
  return profile.appSettings.find((setting) => setting.key.toLowerCase() === folded);
}

export function findProfileApp(profile: IntegrationProfile, appId: string): ProfileApp | undefined {
  return profile.apps.find((app) => app.id === appId);
}
